import {looksLikeTokenSecret} from '../tableau/secret-shape.js';
import {parseServerInput, parseSiteInput} from '../tableau/server-url.js';
import {diagnose} from '../verify/diagnoses.js';
import {verifyConnection, type VerificationInput, type VerificationOptions} from '../verify/pipeline.js';
import type {VerificationResult} from '../verify/types.js';
import {unsentResult} from '../verify/unsent-result.js';
import {parseCommandArgs} from './args.js';
import {connectionFlags, environmentOrigins, secretSourceOf, tokenSecretFrom, type EnvironmentOrigins} from './connection-flags.js';
import {writeLines, type CommandIo} from './io.js';
import {serverLabel} from '../verify/labels.js';
import {formatCheck, formatVerdict} from './report.js';
import {hanging} from './wrap.js';
import {interruptedExitCode, wasStopped, whileInterruptible} from './interrupt.js';
import {createStyle} from './style.js';
import {recordingFrom, type RecordingFlags} from './trace-recording.js';
import {verificationOptionsFrom, verificationFlagOptions} from './verification-options.js';

export {verificationOptionsFrom} from './verification-options.js';

export const testHelp = `Usage:
  tableau-connect test --server URL [--site SITE] --token-name NAME [--token-secret-stdin]
  tableau-connect test NAME | --all

Checks that a Tableau personal access token works: reaches the server, reads its version, signs
in, reads the user's site role and one page of users, and signs out.

Options:
  --server URL            Tableau Server or Cloud address (or TABLEAU_SERVER). The address bar
                          of any Tableau page works: the site is read from it.
  --site SITE             Site content URL, as in the address bar after /site/ (or TABLEAU_SITE).
                          Empty for the Default site of Tableau Server.
  --token-name NAME       Personal access token name (or TABLEAU_TOKEN_NAME).
  --token-secret-stdin    Read the token secret from standard input. Without it: TABLEAU_TOKEN_SECRET,
                          else a hidden prompt on a terminal. Never a flag of its own.
  --all                   Re-test every saved profile.
  --json                  Print the result as JSON on stdout, and nothing else.
  --timeout SECONDS       Deadline of each request (default 15).
  --ca-file PATH          Trust this CA certificate (PEM) as well as the system's.
  --insecure              Do not verify TLS certificates. Unsafe: for a first look only.
  --api-version X.Y       Use this REST API version instead of the server's.
  --expiry-warning-days N Warn (token-expiring) when the token has fewer than N whole days left
                          (default 14; 0 to 365, 0 never warns).
  --strict                A run that verified with any warning exits 1.
  --debug                 Every request and answer on stderr as it happens, secrets redacted
                          (or TABLEAU_CONNECT_DEBUG=1). stdout, and so --json, is untouched.
  --trace FILE            Save the run as a HAR 1.2 file (owner-only, secrets redacted) for support.
  --no-color              No colour (NO_COLOR works too).
  -h, --help              This help.

Exit codes: 0 verified (warnings allowed unless --strict), 1 checked and failed (or, with
--strict, verified with warnings), 2 usage or input error, 130 interrupted.`;

const options = {
	server: {type: 'string'},
	site: {type: 'string'},
	'token-name': {type: 'string'},
	'token-secret-stdin': {type: 'boolean'},
	all: {type: 'boolean'},
	json: {type: 'boolean'},
	'expiry-warning-days': {type: 'string'},
	strict: {type: 'boolean'},
	...verificationFlagOptions,
} as const;

export type ParsedTestArgs = ReturnType<typeof parseTestArgs>;

export function parseTestArgs(argv: string[]) {
	return parseCommandArgs('test', argv, options);
}

/** Turns the typed server and site into what the pipeline needs, or says what to type instead. */
export function resolveTarget(serverText: string, siteText: string | undefined): {server: string; site: string; notes: string[]} | {error: string} {
	const parsed = parseServerInput(serverText);
	if (!parsed.ok) {
		return {error: parsed.error};
	}

	// Plain http:// is the result's `plain-http` warning, in every mode; a note on stderr would say it twice.
	const server = {...parsed, warnings: parsed.warnings.filter(item => item.code !== 'http-plain')};
	if (siteText === undefined) {
		return {server: server.server, site: server.site ?? '', notes: [...server.notes, ...server.warnings.map(item => item.message)]};
	}

	const site = parseSiteInput(siteText, {server: server.server});
	if (!site.ok) {
		return {error: site.error};
	}

	// The address named a site and so did --site: the flag wins, and the note about the address must not mislead.
	const serverNotes =
		server.site !== null && server.site !== site.site
			? [
					...server.notes.filter(note => !note.includes(`"${server.site}"`)),
					`The site "${site.site}" from --site is used, not "${server.site}" from the address.`,
				]
			: server.notes;
	return {server: server.server, site: site.site, notes: [...serverNotes, ...server.warnings.map(item => item.message), ...site.notes]};
}

function invalidUrlResult(input: Omit<VerificationInput, 'tokenSecret'>, message: string): VerificationResult {
	const diagnosis = diagnose('invalid-url', {server: input.server});
	return unsentResult(input, {...diagnosis, explanation: `${message} ${diagnosis.explanation}`}, id =>
		id === 'reach' ? {status: 'fail', summary: message} : {status: 'skipped', summary: 'Skipped: the server URL cannot be used'},
	);
}

export const insecureWarning =
	'WARNING: --insecure: TLS certificates are NOT verified. Anyone on the network path could read the token. Use --ca-file instead.';

/** Runs one verification and prints it as the flags ask: live lines for people, JSON for scripts. */
export async function runAndReport(
	input: VerificationInput,
	verification: VerificationOptions,
	io: CommandIo,
	values: ParsedTestArgs['values'],
	origins: EnvironmentOrigins = {},
): Promise<VerificationResult> {
	const style = createStyle(io.stdout, io.env, values['no-color']);
	// On a terminal, long lines wrap under their own text; in a pipe they stay whole.
	const columns = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
	if (values.insecure) {
		io.stderr.write(`${insecureWarning}\n`);
	}

	if (!values.json) {
		// A value from the environment is easy to forget about: say which variable it came from.
		const from = (key: keyof EnvironmentOrigins) => (origins[key] ? ` (from ${origins[key]})` : '');
		const where = `${input.site === '' ? 'Default site' : `site "${input.site}"`}${from('site')}`;
		const secret = origins.tokenSecret ? `, secret from ${origins.tokenSecret}` : '';
		const target = `${input.profile ? `profile "${input.profile}": ` : ''}${serverLabel(input.server)}${from('server')}, ${where}, token "${input.tokenName}"${from('tokenName')}${secret}`;
		writeLines(io.stdout, hanging('Testing ', target, columns));
	}

	const announce = () => {
		io.stderr.write('\nInterrupted: stopping now, then signing out (Ctrl-C again to quit at once).\n');
	};

	const result = await whileInterruptible(
		async signal =>
			verifyConnection(input, {
				...verification,
				signal,
				onEvent(event) {
					if (!values.json && event.type === 'check-finished') {
						writeLines(io.stdout, [formatCheck(event.check, style, columns)]);
					}
				},
			}),
		announce,
	);
	if (!values.json) {
		writeLines(io.stdout, formatVerdict(result, style, columns));
	}

	return result;
}

/** `tableau-connect test`: verify values given on the command line or in the environment. */
export async function runTestCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values, positionals} = parseTestArgs(argv);
	if (values.help) {
		writeLines(io.stdout, [testHelp]);
		return 0;
	}

	if (positionals.length > 0 || values.all) {
		const {runProfileTests} = await import('./test-profiles.js');
		return runProfileTests(positionals, values, io);
	}

	const {serverText, siteText, tokenName} = connectionFlags(values, io);
	const recording = recordingFrom(values, io, 'stream');
	const verification = {...(await verificationOptionsFrom(values)), ...recording.options};
	const target = resolveTarget(serverText, siteText);
	if ('error' in target) {
		// A secret given as the server or site is left out of the result: it would be printed.
		const shown = (text: string) => (looksLikeTokenSecret(text) ? '' : text.trim());
		const result = invalidUrlResult({server: shown(serverText), site: shown(siteText ?? ''), tokenName}, target.error);
		if (values.json) {
			writeLines(io.stdout, [JSON.stringify(result, null, 2)]);
		} else {
			writeLines(io.stderr, [target.error]);
		}

		return 2;
	}

	if (!values.json) {
		writeLines(io.stderr, target.notes);
	}

	const tokenSecret = await tokenSecretFrom(values, io);
	const result = await runAndReport(
		// Remedies spell out this same test, with the secret taken as it was taken now.
		{server: target.server, site: target.site, tokenName, tokenSecret, rerun: {kind: 'flags', secret: secretSourceOf(values, io)}},
		verification,
		io,
		values,
		environmentOrigins(values, io),
	);
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(result, null, 2)]);
	}

	writeLines(io.stderr, [...(await recording.finish()), ...traceHint([result], values, io)]);
	return exitCodeOf([result], {strict: values.strict, io});
}

/**
After a failure a person reads in a terminal, one line on how to give support the whole exchange;
not for scripts (no terminal), not once a trace is being taken.
*/
export function traceHint(results: ReadonlyArray<{ok: boolean} | null>, values: RecordingFlags, io: CommandIo): string[] {
	const failed = results.some(result => result !== null && !result.ok);
	const hint = 'If the diagnosis does not explain it, run the same command with --trace tableau-connect.har and send that file to support: it holds no secret.';
	return failed && io.stderr.isTTY && values.trace === undefined && !wasStopped() ? ['', ...hanging('', hint, io.stdout.columns || undefined)] : [];
}

/**
0 when every run verified, 130 when Ctrl-C stopped them, else 1 (a run that crashed is null). With
`strict`, a run that verified with warnings fails too, and `io` hears which ones and why.
*/
export function exitCodeOf(
	results: ReadonlyArray<{ok: boolean; warnings?: ReadonlyArray<{code: string}>; profile?: string | null} | null>,
	{strict = false, io}: {strict?: boolean | undefined; io?: CommandIo} = {},
): number {
	if (wasStopped()) {
		return interruptedExitCode;
	}

	if (!results.every(result => result?.ok)) {
		return 1;
	}

	const warned = strict ? results.filter(result => (result?.warnings?.length ?? 0) > 0) : [];
	if (warned.length === 0) {
		return 0;
	}

	// A script's log must say why a run that printed "Verified" failed the job.
	const codes = [...new Set(warned.flatMap(result => result!.warnings!.map(item => item.code)))];
	const who = warned.map(result => (result?.profile ? `"${result.profile}"` : 'the run')).join(', ');
	io?.stderr.write(`--strict: exit code 1, because ${who} verified with warnings (${codes.join(', ')}).\n`);
	return 1;
}
