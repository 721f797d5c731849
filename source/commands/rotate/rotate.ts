import {describeLastVerification} from '../../profiles/last-verification.js';
import {ProfileStoreError, type OpenedProfileStore} from '../../profiles/store.js';
import {shellQuote} from '../../tableau/shell-quote.js';
import type {Profile} from '../../profiles/types.js';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../tableau/secret-shape.js';
import {describeTokenExpiry, expiryFrom} from '../../verify/findings.js';
import {serverLabel} from '../../verify/labels.js';
import {accountSettingsSteps, createTokenLines, siteHomeUrl, tokenCautions} from '../../verify/token-steps.js';
import type {VerificationOptions} from '../../verify/pipeline.js';
import {parseCommandArgs} from '../core/args.js';
import {recordingFrom} from '../core/trace-recording.js';
import {preflight, savingProblems} from '../core/preflight.js';
import {verificationFlagOptions} from '../core/verification-options.js';
import {interruptedExitCode} from '../core/interrupt.js';
import {promptLine, readSecretFromStdin, writeLines, type CommandIo} from '../core/io.js';
import {describeSavedSecret, lastVerificationOf, openStoreFor, profileCaPem, requireProfile, secretStoreChoice} from '../core/profile-access.js';
import {runAndReport} from '../core/run-report.js';
import {notRecordedNotice, recordsLastResult} from '../core/run.js';
import {UsageError} from '../core/usage-error.js';
import {hanging} from '../core/wrap.js';

export const rotateHelp = `Usage:
  tableau-connect rotate NAME [--token-name NAME] [--token-secret-stdin] [--json]

Replaces the token of a saved profile, safely: says why now (the expiry, the last test), shows how
to create the new token in Tableau, takes its name and secret, and TESTS THE NEW TOKEN FIRST with
the profile's server, site and CA file. Only when that passes are the profile's token name and
secret replaced, in one step (keychain and file alike). A new token that fails changes nothing.
Then it says what is left: the new values in Parable's Tableau form, then deleting the old token.

Options:
  --token-name NAME       The new token's name. On a terminal you are asked (the old one is
                          suggested); in a script this flag is needed.
  --token-secret-stdin    Read the new secret from standard input. Without it, a hidden prompt
                          on a terminal. Never a flag, never TABLEAU_TOKEN_SECRET (that is
                          usually the old one).
  --json                  Print {"verification": <the result of the test>, "changed": true|false}.
  --timeout SECONDS       Deadline of each request (default 15).
  --ca-file PATH          Trust this CA certificate (PEM) for this test, instead of the profile's.
  --insecure              Do not verify TLS certificates. Unsafe: for a first look only.
  --api-version X.Y       Use this REST API version instead of the server's.
  --debug                 Every request and answer on stderr, secrets redacted.
  --trace FILE            Save the test as a HAR 1.2 file (owner-only, secrets redacted).
  --no-color              No colour (NO_COLOR works too).
  -h, --help              This help.

Example, in a script:
  printf %s "$NEW_SECRET" | tableau-connect rotate acme --token-name "Parable 2027" --token-secret-stdin

Exit codes: 0 the profile now has the new token, 1 the new token failed its test (the profile is
unchanged), 2 usage error or missing profile (before any request), 130 interrupted (unchanged).`;

// The flags of every command that tests (timeout, TLS, API version, --debug, --trace), from their one home.
const options = {
	'token-name': {type: 'string'},
	'token-secret-stdin': {type: 'boolean'},
	json: {type: 'boolean'},
	...verificationFlagOptions,
} as const;

const leftUndone = 'the profile is unchanged';

function isTerminal(io: CommandIo): boolean {
	return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/** Why now: what the profile holds, when its token expires, and what its last test found. */
function whyNow(profile: Profile, now: number): string[] {
	const last = profile.lastVerification;
	const where = `${serverLabel(profile.server)}, ${profile.site === '' ? 'Default site' : `site "${profile.site}"`}`;
	const expiry = last?.token ? `${describeTokenExpiry(expiryFrom(last.token, now))}.` : 'Tableau has not said when the token expires.';
	return [
		`Replacing the token "${profile.tokenName}" of profile "${profile.name}" (${where}).`,
		`Its last test: ${describeLastVerification(last, now)}. ${last ? expiry.charAt(0).toUpperCase() + expiry.slice(1) : ''}`.trimEnd(),
		'The old token keeps working until you delete it in Tableau, so nothing stops while you do this.',
	];
}

/** The wizard's steps 3 and 4, with the profile's own address. */
function creationSteps(profile: Profile): string[] {
	const steps = [
		`Open ${siteHomeUrl(profile.server, profile.site === '' ? null : profile.site)} and sign in.`,
		...accountSettingsSteps,
		...createTokenLines(profile.tokenName),
	];
	return [
		'Create the new token:',
		...steps.map((step, index) => `  ${index + 1}. ${step}`),
		...tokenCautions.map(caution => `${caution.title} ${caution.text}`),
	];
}

/** A token name as typed (flag or prompt): never something shaped like a secret, never empty, without surrounding spaces. */
function checkedTokenName(name: string): string {
	if (looksLikeTokenSecret(name)) {
		throw new UsageError(`--token-name: ${misplacedSecretMessage('token name')} Pass the new secret with --token-secret-stdin or at the hidden prompt.`);
	}

	const trimmed = name.trim();
	if (trimmed === '') {
		throw new UsageError("The new token's name is empty. Give it as Tableau's Personal Access Tokens list shows it: --token-name NAME.");
	}

	return trimmed;
}

/**
What a script must say, checked before anything is printed or sent: with no terminal to ask on,
the new name comes from --token-name and the secret from standard input.
*/
function checkScriptFlags(values: {'token-name'?: string | undefined; 'token-secret-stdin'?: boolean | undefined}, io: CommandIo, name: string): void {
	if (isTerminal(io)) {
		return;
	}

	const missing = [values['token-name'] === undefined ? '--token-name NAME' : null, values['token-secret-stdin'] ? null : '--token-secret-stdin'].filter(
		Boolean,
	);
	if (missing.length > 0) {
		throw new UsageError(
			`No terminal to ask for the new token on: add ${missing.join(' and ')}. For example: printf %s "$NEW_SECRET" | tableau-connect rotate ${shellQuote(name)} --token-name "New token name" --token-secret-stdin`,
		);
	}
}

/** The new token's name: the flag, else asked for on a terminal, where Enter keeps the old one. */
async function newTokenName(flag: string | undefined, io: CommandIo, profile: Profile): Promise<string> {
	if (flag !== undefined) {
		return flag;
	}

	const answer = await promptLine(io.stdin, io.stderr, `New token name [${profile.tokenName}]: `);
	return checkedTokenName(answer.trim() === '' ? profile.tokenName : answer);
}

/**
Preflight, before any request: a profile whose secret is in the keychain can be rotated only when the
keychain answers, since the new secret goes there too. Returns the old secret when it could be read.
*/
async function oldSecret(store: OpenedProfileStore, profile: Profile): Promise<string | null> {
	try {
		return await store.readSecret(profile.name);
	} catch (error) {
		// A secret already gone from the keychain is one more reason to rotate, not an obstacle.
		if (error instanceof ProfileStoreError && error.reason === 'secret-missing') {
			return null;
		}

		throw error;
	}
}

/** What is left once the profile has the new token, in the order that keeps Parable's sync working. */
function whatIsLeft(profile: Profile, tokenName: string): string[] {
	const old = tokenName === profile.tokenName ? `the older token named "${profile.tokenName}"` : `the old token "${profile.tokenName}"`;
	return [
		'What is left, in this order:',
		`  1. In Parable's Tableau form, enter the new token name "${tokenName}" and its secret, and save.`,
		`  2. Then delete ${old} in Tableau (avatar → My Account Settings → Personal Access Tokens). It keeps working until you do, and Parable uses it until step 1 is done.`,
	];
}

/** How a rotation ended: whether the profile now holds the new token, and the exit code of `rotate`. */
export type RotationOutcome = {code: number; changed: boolean; tokenName: string | null};

type RotateValues = {
	'token-name'?: string | undefined;
	'token-secret-stdin'?: boolean | undefined;
	json?: boolean | undefined;
	'no-color'?: boolean | undefined;
};

/**
The rotation of one saved profile, from "why now" to "what is left": `rotate NAME`, and the home
screen's key, which hands the terminal over to it. Usage errors (a missing profile, a bad flag) are
thrown before any request; nothing is written unless the new token passed.
*/
export async function rotateProfile(name: string, values: RotateValues, io: CommandIo, verification: VerificationOptions): Promise<RotationOutcome> {
	const flagName = values['token-name'] === undefined ? undefined : checkedTokenName(values['token-name']);
	const reader = openStoreFor(io);
	const profile = requireProfile(reader, name);
	checkScriptFlags(values, io, profile.name);
	// --ca-file on the command line wins for this run, as for `test NAME`; else the profile's own.
	const caPem = verification.caPem ?? (await profileCaPem(profile));
	const previousSecret = profile.secretStore === 'keychain' ? await oldSecret(reader, profile) : await reader.readSecret(profile.name);
	// The new secret goes where the old one is, unless TABLEAU_CONNECT_SECRET_STORE says otherwise: a rotation moves nothing.
	const store = secretStoreChoice(undefined, io.env) ? reader : openStoreFor(io, {quiet: true, secretStore: profile.secretStore});
	// The new token is saved only after its test, which ends the token's other sessions: a store that cannot take it stops here.
	const problems = await savingProblems(io.env, secretStoreChoice(undefined, io.env));
	if (problems.length > 0) {
		throw new UsageError(`${problems.join('\n')}\nNothing was tested, and profile "${profile.name}" is unchanged.`);
	}

	const columns = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
	// With --json, stdout holds only the JSON: the words for the person go to stderr.
	const say = (lines: string[]) => {
		const wrapped = lines.flatMap(line => {
			const numbered = /^(\s+\d+\. )(.*)$/.exec(line);
			return numbered ? hanging(numbered[1]!, numbered[2]!, columns) : line === '' ? [''] : hanging('', line, columns);
		});
		writeLines(values.json ? io.stderr : io.stdout, wrapped);
	};

	say([...whyNow(profile, Date.now()), '', ...creationSteps(profile), '']);
	const tokenName = await newTokenName(flagName, io, profile);
	// Piped with --token-secret-stdin, or typed at the hidden prompt on a terminal.
	const tokenSecret = await readSecretFromStdin(io.stdin, io.stderr, leftUndone);
	if (tokenName === profile.tokenName && tokenSecret === previousSecret) {
		throw new UsageError(
			`That is the token profile "${profile.name}" already has: create a new one in Tableau first (the steps above), then give its name and secret.`,
		);
	}

	const notice = notRecordedNotice(verification);
	if (notice) {
		io.stderr.write(`${notice}\n`);
	}

	const result = await runAndReport(
		{server: profile.server, site: profile.site, tokenName, tokenSecret, profile: profile.name, rerun: {kind: 'command'}},
		{...verification, caPem},
		io,
		{json: values.json, 'no-color': values['no-color']},
	);

	const report = (changed: boolean) => {
		if (values.json) {
			writeLines(io.stdout, [JSON.stringify({verification: result, changed}, null, 2)]);
		}
	};

	if (io.interrupts.stopped) {
		report(false);
		writeLines(io.stderr, [`Interrupted: the new token was not saved, and profile "${profile.name}" is unchanged.`]);
		return {code: interruptedExitCode, changed: false, tokenName: null};
	}

	if (!result.ok) {
		report(false);
		writeLines(io.stderr, [
			'',
			`Not changed: the new token failed its test, so profile "${profile.name}" still has the token "${profile.tokenName}" and its secret. Correct the new token's name or secret and run the command again; the old token still works.`,
		]);
		return {code: 1, changed: false, tokenName: null};
	}

	// Name and secret together, as any save: the keychain first, then the file, undone if the file fails.
	const saved = await store.save({name: profile.name, server: profile.server, site: profile.site, tokenName, tokenSecret});
	if (recordsLastResult(verification, result)) {
		store.recordVerification(profile.name, lastVerificationOf(result));
	}

	report(true);
	say([
		'',
		`✓ Profile "${profile.name}" now uses the token "${tokenName}". ${
			saved.profile.secretStore === 'file' && !saved.fallbackReason
				? `Its secret is in ${store.path} (readable only by you), where the old one was.`
				: describeSavedSecret(saved, store.path)
		}`,
		...(saved.warning ? [saved.warning] : []),
		'',
		...whatIsLeft(profile, tokenName),
	]);
	return {code: 0, changed: true, tokenName};
}

/** `tableau-connect rotate NAME`: test a new token with a saved profile's server and site, then swap it in. */
export async function runRotateCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values, positionals} = parseCommandArgs('rotate', argv, options);
	if (values.help) {
		writeLines(io.stdout, [rotateHelp]);
		return 0;
	}

	if (positionals.length !== 1) {
		throw new UsageError('"rotate" takes the name of one saved profile. Example: tableau-connect rotate acme');
	}

	const recording = recordingFrom(values, io, 'stream');
	const verification = {...(await preflight(io, {flags: values})), ...recording.options};
	const {code} = await rotateProfile(positionals[0]!, values, io, verification);
	writeLines(io.stderr, await recording.finish());
	return code;
}
