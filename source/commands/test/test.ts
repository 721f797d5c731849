import {looksLikeTokenSecret} from '../../tableau/secret-shape.js';
import {diagnose} from '../../verify/diagnoses.js';
import {flagsTestWords} from '../../verify/remedy-frame.js';
import type {VerificationInput} from '../../verify/pipeline.js';
import type {VerificationResult} from '../../verify/types.js';
import {unsentResult} from '../../verify/unsent-result.js';
import {connectionFlags, environmentOrigins, rerunSecretOf, tokenSecretFrom} from '../core/connection-flags.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {resolveTarget} from '../core/run.js';
import {exitCodeOf, runAndReport, traceHint} from '../core/run-report.js';
import {recordingFrom} from '../core/trace-recording.js';
import {preflight} from '../core/preflight.js';
import {parseTestArgs} from './test-flags.js';

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

function invalidUrlResult(input: Omit<VerificationInput, 'tokenSecret'>, message: string): VerificationResult {
	const diagnosis = diagnose('invalid-url', {server: input.server});
	return unsentResult(input, {...diagnosis, explanation: `${message} ${diagnosis.explanation}`}, id =>
		id === 'reach' ? {status: 'fail', summary: message} : {status: 'skipped', summary: 'Skipped: the server URL cannot be used'},
	);
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
	const verification = {...(await preflight(io, {flags: values})), ...recording.options};
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
	const secret = rerunSecretOf(values, io);
	const result = await runAndReport(
		// Remedies spell out this same test, with the secret taken as it was taken now.
		{server: target.server, site: target.site, tokenName, tokenSecret, rerun: {kind: 'flags', secret}},
		verification,
		io,
		values,
		environmentOrigins(values, io),
	);
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(result, null, 2)]);
	}

	const again = flagsTestWords({server: target.server, site: target.site, tokenName, secret});
	writeLines(io.stderr, [...(await recording.finish()), ...traceHint([result], again, values, io)]);
	return exitCodeOf([result], {strict: values.strict, io});
}
