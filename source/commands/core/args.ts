import {compareVersions, minimumPatApiVersion} from '../../tableau/api-version.js';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
`util.parseArgs` with messages a person can act on. Node's own errors name the option but not the
command; ours add how to get help. `command` is '' for the home screen (no command).
*/
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T, allowPositionals = true) {
	refuseSecretFlags(argv);
	try {
		return parseArgs({args: argv, options, allowPositionals, strict: true});
	} catch (error) {
		const raw = error instanceof Error ? error.message : String(error);
		// Node calls `--timeout -1` ambiguous; say plainly what to type.
		// Stryker disable next-line Regex: Node's message starts with these words, so the anchor changes no match.
		const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(raw);
		const message = ambiguous
			? `${ambiguous[1]} needs a value; one that starts with "-" is written ${ambiguous[1]}=VALUE.`
			: raw.replace(/\. To specify a positional argument.*$/s, '.');
		throw new UsageError(`${message}\nRun "${['tableau-connect', command, '--help'].filter(Boolean).join(' ')}" to see the options.`);
	}
}

/**
`--token-secret VALUE` is refused with the reason, before Node's "Unknown option" and without
repeating the value: it has already reached the shell's history, and must not reach more places.
*/
function refuseSecretFlags(argv: string[]): void {
	const flag = argv.find(argument => /^--(token-)?secret(=|$)/.test(argument));
	if (flag) {
		throw new UsageError(
			[
				`${flag.split('=')[0]} is not an option: a secret given as a flag is kept in your shell's history and shown to other users of this machine in the process list.`,
				'Instead, leave it out to be asked for it at a hidden prompt on a terminal, pipe it in with --token-secret-stdin, or set TABLEAU_TOKEN_SECRET.',
				'If you just typed it in a shared shell, remove it from the history, or revoke the token and create a new one.',
			].join('\n'),
		);
	}
}

/** Seconds as typed on the command line, as milliseconds. */
export function parseSeconds(flag: string, value: string | undefined, fallbackSeconds: number): number {
	if (value === undefined) {
		return fallbackSeconds * 1000;
	}

	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
		throw new UsageError(`${flag} takes a number of seconds above 0 and at most 600, such as "${flag} 30"; got "${value}".`);
	}

	return Math.round(seconds * 1000);
}

/** `--expiry-warning-days`: whole days, 0 (never warn) to 365 (Tableau Cloud's longest token life). */
export function parseExpiryWarningDays(value: string | undefined, fallbackDays: number): number {
	if (value === undefined) {
		return fallbackDays;
	}

	const days = value.trim();
	if (!/^\d{1,3}$/.test(days) || Number(days) > 365) {
		throw new UsageError(
			`--expiry-warning-days takes a whole number of days from 0 to 365, such as "--expiry-warning-days 30" (0 never warns); got "${value}".`,
		);
	}

	return Number(days);
}

/** A REST API version such as 3.19. */
export function parseApiVersion(value: string | undefined): string | null {
	if (value === undefined) {
		return null;
	}

	if (!/^\d+\.\d+$/.test(value.trim())) {
		throw new UsageError(`--api-version takes a REST API version such as 3.19; got "${value}".`);
	}

	const version = value.trim();
	if (compareVersions(version, minimumPatApiVersion) < 0) {
		throw new UsageError(
			`--api-version ${version} is older than REST API ${minimumPatApiVersion}, where sign-in with a personal access token arrived; use ${minimumPatApiVersion} or later, or leave the flag out to use the server's own.`,
		);
	}

	return version;
}
