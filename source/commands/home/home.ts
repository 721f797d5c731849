import {createElement} from 'react';
import type {OpenedProfileStore} from '../../profiles/store.js';
import type {HomeOutcome, Notice} from '../../ui/home/HomeApp.js';
import type {WizardOutcome} from '../../ui/wizard/reducer.js';
import type {VerificationOptions} from '../../verify/pipeline.js';
import {defaultTimeoutMs} from '../../verify/types.js';
import {parseCommandArgs} from '../core/args.js';
import {inkRenderOptions} from '../core/ink-options.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {recordingFrom} from '../core/trace-recording.js';
import type {RunTraces} from '../core/run-traces.js';
import {preflight, wizardStoreCheck} from '../core/preflight.js';
import {secretStoreChoice} from '../core/secret-store-choice.js';
import {profileTestConcurrency, verificationFlagOptions} from '../core/verification-options.js';

export const homeHelp = `Usage: tableau-connect [options]

Your saved profiles, each with its last test result and how long ago it ran. Keys: ↑↓ select,
t or Enter test the selected profile, a test them all, e edit the selected one (the wizard, filled
in), r replace its token (as "tableau-connect rotate NAME" does), d remove it, n set up a new one,
w save a failed test's trace for support (redacted, beside the profile store), q quit. With no
profile saved yet, the setup wizard opens.

Options:
  --timeout SECONDS       Deadline of each request during a test (default 15).
  --ca-file PATH          Trust this CA certificate (PEM) as well as the system's (instead of a
                          profile's saved CA file).
  --insecure              Do not verify TLS certificates during tests. Unsafe.
  --api-version X.Y       Use this REST API version instead of the server's.
  --debug                 Write every request and answer (secrets redacted) to a file, named on exit
                          (or TABLEAU_CONNECT_DEBUG=1).
  --trace FILE            Save the tests of this session as a HAR 1.2 file (owner-only, redacted).
  --secret-store STORE    Where a save puts the token secret: keychain or file (see setup --help).
  --no-color              No colour (NO_COLOR works too).
  -h, --help              This help.

Exit codes: 0 quit with q, 2 usage error or no terminal, 130 stopped with Ctrl-C.`;

const options = {
	'secret-store': {type: 'string'},
	...verificationFlagOptions,
} as const;

/** What to run instead when there is no terminal to draw the home screen on. */
export const noTerminalHomeMessage = [
	'tableau-connect without a command opens an interactive screen: it needs a terminal for both input and output, and this is not one.',
	'Instead:',
	'  tableau-connect profiles list     your saved profiles and their last results (--json for scripts)',
	'  tableau-connect test --all        re-test every saved profile (--json for scripts)',
	'  tableau-connect test NAME         re-test one of them',
	'  tableau-connect profiles add …    save a profile without the wizard (see "tableau-connect profiles --help")',
];

/** What the home screen says, and selects, when the wizard hands back. */
export function afterWizard(
	outcome: WizardOutcome | undefined,
	editing: string | null,
	notes: readonly string[] = [],
): {notice: Notice; select: string | null} {
	const after = outcomeNotice(outcome, editing);
	// Where the secret went is said on the home screen itself, which wraps it at words; printed
	// under the wizard, the home screen's first frame would draw over it.
	const saved = outcome?.kind === 'verified' || outcome?.kind === 'saved-unverified' ? notes : [];
	return saved.length === 0 ? after : {...after, notice: {...after.notice, text: [after.notice.text, ...saved].join(' ')}};
}

function outcomeNotice(outcome: WizardOutcome | undefined, editing: string | null): {notice: Notice; select: string | null} {
	const unchanged = editing ? `"${editing}" is unchanged.` : 'nothing was saved.';
	switch (outcome?.kind) {
		case 'verified': {
			return {notice: {tone: 'ok', text: `✓ "${outcome.profile}" is saved and verified.`}, select: outcome.profile};
		}

		case 'saved-unverified': {
			return {notice: {tone: 'warn', text: `! "${outcome.profile}" is saved, but its test did not pass.`}, select: outcome.profile};
		}

		case 'save-failed': {
			return {notice: {tone: 'fail', text: `✗ Not saved: ${outcome.message}`}, select: editing};
		}

		case 'failed': {
			return {notice: {tone: 'warn', text: `! The test did not pass, so ${unchanged}`}, select: editing};
		}

		default: {
			return {notice: {tone: 'muted', text: `Stopped: ${unchanged}`}, select: editing};
		}
	}
}

/** What the home screen says, and selects, after a rotation: the outcome in one line, and what to do next. */
export function afterRotation(name: string, outcome: {changed: boolean; tokenName: string | null}): Notice {
	return outcome.changed
		? {
				tone: 'ok',
				text: `✓ "${name}" now uses the token "${outcome.tokenName ?? ''}". Left to do: enter it in Parable's Tableau form, then delete the old token in Tableau.`,
			}
		: {tone: 'warn', text: `! The new token did not pass its test, so "${name}" is unchanged. Press r to try another.`};
}

/**
The home screen's r: the terminal goes to the same rotation as `rotate NAME` (its prompts, its test,
its words), which waits for Enter at the end so they can be read, then the home screen comes back.
*/
async function rotateFromHome(name: string, io: CommandIo, verification: VerificationOptions): Promise<{select: string; notice: Notice} | 'interrupted'> {
	const [{rotateProfile}, {promptLine}, {UsageError}] = await Promise.all([
		import('../rotate/rotate.js'),
		import('../core/io.js'),
		import('../core/usage-error.js'),
	]);
	let notice: Notice;
	try {
		const outcome = await rotateProfile(name, {}, io, verification);
		if (outcome.code === 130) {
			return 'interrupted';
		}

		notice = afterRotation(name, outcome);
	} catch (error) {
		// A problem the person can fix (the same token again, an empty secret, a locked keychain) is a line on the home screen.
		if (!(error instanceof UsageError) && !(error instanceof Error && error.name === 'ProfileStoreError')) {
			throw error;
		}

		notice = {tone: 'fail', text: `✗ ${error.message}`};
		io.stderr.write(`${error.message}\n`);
	}

	await promptLine(io.stdin, io.stderr, '\nPress Enter to go back to your profiles. ');

	return {select: name, notice};
}

type HomeSession = {
	store: OpenedProfileStore;
	traces: RunTraces | null;
	verification: VerificationOptions;
	caFileFlag: string | undefined;
	color: boolean;
	select: string | null;
	notice: Notice | null;
};

async function showHome({store, traces, verification, caFileFlag, color, select, notice}: HomeSession, io: CommandIo): Promise<HomeOutcome | undefined> {
	const [{render}, {HomeApp}, {homeDependencies}, {CheckTimeoutContext}] = await Promise.all([
		import('ink'),
		import('../../ui/home/HomeApp.js'),
		import('./home-dependencies.js'),
		import('../../ui/checks/CheckList.js'),
	]);
	const instance = render(
		// A check that waits shows how long against this run's --timeout.
		createElement(
			CheckTimeoutContext.Provider,
			{value: verification.timeoutMs ?? defaultTimeoutMs},
			createElement(HomeApp, {
				...homeDependencies(store, verification, caFileFlag, traces),
				limit: profileTestConcurrency,
				select,
				notice,
				...(verification.insecure ? {banner: '! --insecure: TLS certificates are NOT verified during these tests'} : {}),
				color,
			}),
		),
		inkRenderOptions(io),
	);
	return (await instance.waitUntilExit()) as HomeOutcome | undefined;
}

/**
`tableau-connect` with no command: the setup wizard when no profile is saved, else the home screen.
"Edit" and "new" hand over to the wizard, then come back to the home screen with what happened.
*/
export async function runHomeCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values} = parseCommandArgs('', argv, options, false);
	if (values.help) {
		writeLines(io.stdout, [homeHelp]);
		return 0;
	}

	if (!io.stdin.isTTY || !io.stdout.isTTY) {
		writeLines(io.stderr, noTerminalHomeMessage);
		return 2;
	}

	const [{editableProfile, openStoreFor}, {runSetupCommand, runWizard}] = await Promise.all([import('../core/profile-access.js'), import('../setup/setup.js')]);
	const store = openStoreFor(io, {secretStore: values['secret-store']});
	if (store.list().length === 0) {
		return runSetupCommand(argv, io);
	}

	// The home screen owns the terminal: --debug goes to a file, named when it closes.
	const recording = recordingFrom(values, io, 'screen');
	const verification = {...(await preflight(io, {flags: values})), ...recording.options};
	const color = !values['no-color'] && !io.env['NO_COLOR'];
	let next: {select: string | null; notice: Notice | null} = {select: null, notice: null};
	try {
		for (;;) {
			const outcome = await showHome({store, traces: recording.runs, verification, caFileFlag: values['ca-file'], color, ...next}, io);
			if (outcome?.kind === 'interrupted') {
				if (outcome.testsRunning) {
					// Tests in flight would hold the process until their timeouts. Ctrl-C means now, as it
					// does for every other command: end the way an interrupted process ends (exit 130).
					process.kill(process.pid, 'SIGINT');
				}

				return 130;
			}

			if (outcome?.kind === 'rotate') {
				const after = await rotateFromHome(outcome.profile, io, verification);
				if (after === 'interrupted') {
					return 130;
				}

				next = after;
				continue;
			}

			if (outcome?.kind !== 'edit' && outcome?.kind !== 'add') {
				return 0;
			}

			const saved = outcome.kind === 'edit' ? (store.get(outcome.profile) ?? null) : null;
			if (outcome.kind === 'edit' && !saved) {
				next = {select: null, notice: {tone: 'fail', text: `✗ "${outcome.profile}" is no longer saved.`}};
				continue;
			}

			let editing = null;
			try {
				editing = saved ? await editableProfile(store, saved) : null;
			} catch (error) {
				next = {select: saved?.name ?? null, notice: {tone: 'fail', text: `✗ ${error instanceof Error ? error.message : String(error)}`}};
				continue;
			}

			const checkStore = await wizardStoreCheck(io.env, secretStoreChoice(values['secret-store'], io.env), values['secret-store']);
			const notes: string[] = [];
			const wizardOutcome = await runWizard(
				{
					notes,
					openStore: async () => store,
					existingProfileNames: store.list().map(profile => profile.name),
					editing,
					verifyOptions: verification,
					color,
					checkStore,
					traces: recording.runs,
				},
				io,
			);
			next = afterWizard(wizardOutcome, editing?.name ?? null, notes);
		}
	} finally {
		writeLines(io.stderr, await recording.finish());
	}
}
