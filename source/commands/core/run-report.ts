import {verifyConnection, type VerificationInput, type VerificationOptions} from '../../verify/pipeline.js';
import {serverLabel} from '../../verify/labels.js';
import type {VerificationResult} from '../../verify/types.js';
import type {EnvironmentOrigins} from './connection-flags.js';
import {interruptedExitCode} from './interrupt.js';
import {writeLines, type CommandIo} from './io.js';
import {formatCheck, formatVerdict} from './report.js';
import {createStyle} from './style.js';
import type {RecordingFlags} from './trace-recording.js';
import {commandLines, hanging} from './wrap.js';
import {shellQuote} from '../../tableau/shell-quote.js';

// One verification as every command that tests prints it (`test`, `test NAME`, `profiles add`,
// `rotate`), and the exit code a set of them ends with.

/** The flags that decide how a run is printed. */
export type ReportFlags = {json?: boolean | undefined; 'no-color'?: boolean | undefined; insecure?: boolean | undefined};

export const insecureWarning =
	'WARNING: --insecure: TLS certificates are NOT verified. Anyone on the network path could read the token. Use --ca-file instead.';

/** Runs one verification and prints it as the flags ask: live lines for people, JSON for scripts. */
export async function runAndReport(
	input: VerificationInput,
	verification: VerificationOptions,
	io: CommandIo,
	values: ReportFlags,
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

	const result = await io.interrupts.whileInterruptible(
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

/** The flags of a run that change what it sends or finds, as they were given. */
export type RerunFlags = {
	timeout?: string | undefined;
	'ca-file'?: string | undefined;
	insecure?: boolean | undefined;
	'api-version'?: string | undefined;
	'expiry-warning-days'?: string | undefined;
};

function rerunFlags(values: RerunFlags): string[] {
	return [
		...(values.timeout === undefined ? [] : ['--timeout', values.timeout]),
		...(values['ca-file'] === undefined ? [] : ['--ca-file', values['ca-file']]),
		...(values.insecure ? ['--insecure'] : []),
		...(values['api-version'] === undefined ? [] : ['--api-version', values['api-version']]),
		...(values['expiry-warning-days'] === undefined ? [] : ['--expiry-warning-days', values['expiry-warning-days']]),
	];
}

/**
After a failure a person reads in a terminal, once: the command that runs the same test again with
`--trace`, for support. `test` names what it tests after `tableau-connect test`: the profiles that
failed, or the values given now (see `flagsTestWords`); the flags that change the run are repeated,
so the trace is of the same run. Not for scripts (stdout or stderr not a terminal, `--json`), not
once a trace is being taken, not after Ctrl-C.
*/
export function traceHint(
	results: ReadonlyArray<{ok: boolean} | null>,
	test: readonly string[],
	values: RecordingFlags & ReportFlags & RerunFlags,
	io: CommandIo,
): string[] {
	const failed = results.some(result => result !== null && !result.ok);
	if (!failed || values.json || !io.stdout.isTTY || !io.stderr.isTTY || values.trace !== undefined || io.interrupts.stopped) {
		return [];
	}

	const command = ['tableau-connect', 'test', ...test, ...rerunFlags(values), '--trace', 'tableau-connect.har'].map(word => shellQuote(word));
	const columns = io.stdout.columns || undefined;
	return [
		'',
		...hanging(
			'',
			'If the diagnosis does not explain it, run the same test again with a trace, and send tableau-connect.har to your support contact: it holds no secret.',
			columns,
		),
		...commandLines(command, '  ', columns),
	];
}

/**
0 when every run verified, 130 when Ctrl-C stopped them, else 1 (a run that crashed is null). With
`strict`, a run that verified with warnings fails too, and `io` hears which ones and why.
*/
export function exitCodeOf(
	results: ReadonlyArray<{ok: boolean; warnings?: ReadonlyArray<{code: string}>; profile?: string | null} | null>,
	{strict = false, io}: {strict?: boolean | undefined; io: CommandIo},
): number {
	if (io.interrupts.stopped) {
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
	io.stderr.write(`--strict: exit code 1, because ${who} verified with warnings (${codes.join(', ')}).\n`);
	return 1;
}
