import {hanging} from '../core/wrap.js';
import {createElement} from 'react';
import type {WizardOutcome} from '../../ui/wizard/reducer.js';
import type {VerifyFunction} from '../../ui/wizard/use-effects.js';
import type {WizardValues} from '../../ui/wizard/steps.js';
import type {OpenedProfileStore} from '../../profiles/store.js';
import type {EditableProfile} from '../core/profile-access.js';
import type {RunTraces} from '../core/run-traces.js';
import {wizardTraces} from './wizard-traces.js';
import type {VerificationOptions} from '../../verify/pipeline.js';
import {parseCommandArgs} from '../core/args.js';
import {inkRenderOptions} from '../core/ink-options.js';
import {writeLines, writeWarning, type CommandIo} from '../core/io.js';
import {secretStoreChoice} from '../core/secret-store-choice.js';
import {UsageError} from '../core/usage-error.js';
import {givenConnection, secretInEnvironment, variables} from '../core/given-values.js';
import {recordingFrom} from '../core/trace-recording.js';
import {preflight, wizardStoreCheck} from '../core/preflight.js';
import {verificationFlagOptions} from '../core/verification-options.js';

export const setupHelp = `Usage: tableau-connect setup [--profile NAME] [options]

Walks you through creating a Tableau personal access token for Parable, step by step, then tests
the connection and saves it as a profile. Nothing is saved until the last step: after a passing
test, or when you choose "save anyway" after a failed one. Ctrl-C stops without saving.

Options:
  --profile NAME          Edit the saved profile NAME: its values are filled in, the secret too
                          (kept unless you replace it).
  --secret-store STORE    Where to save the token secret: keychain (the operating system's) or
                          file (the owner-only profile store). Default: the keychain when one is
                          usable, else the file, and you are told which
                          (or TABLEAU_CONNECT_SECRET_STORE).
  --timeout SECONDS       Deadline of each request during the test (default 15).
  --ca-file PATH          Trust this CA certificate (PEM) as well as the system's.
  --insecure              Do not verify TLS certificates during the test. Unsafe.
  --api-version X.Y       Use this REST API version instead of the server's.
  --debug                 Write every request and answer (secrets redacted) to a file, named on exit
                          (or TABLEAU_CONNECT_DEBUG=1).
  --trace FILE            Save the tests of this session as a HAR 1.2 file (owner-only, redacted).
  --no-color              No colour (NO_COLOR works too).
  -h, --help              This help.

TABLEAU_SERVER, TABLEAU_SITE, TABLEAU_TOKEN_NAME and TABLEAU_TOKEN_SECRET, when set, fill in the
fields of a new profile.

Exit codes: 0 saved and verified, 1 the test failed (saved anyway or not), 2 usage error or no
terminal, 130 stopped with Ctrl-C.`;

const options = {
	profile: {type: 'string'},
	'secret-store': {type: 'string'},
	...verificationFlagOptions,
} as const;

/** What to run instead when there is no terminal to draw the wizard on. */
export function noTerminalMessage(profile: string | undefined): string[] {
	const name = profile ?? 'NAME';
	return [
		'tableau-connect setup is interactive: it needs a terminal for both input and output, and this is not one.',
		'Use flags instead (the secret comes from standard input or TABLEAU_TOKEN_SECRET, never from a flag):',
		'  Test values without saving them:',
		'    printf %s "$SECRET" | tableau-connect test --server URL --site SITE --token-name NAME --token-secret-stdin',
		'  Test and save them as a profile:',
		`    printf %s "$SECRET" | tableau-connect profiles add ${name} --server URL --site SITE --token-name NAME --token-secret-stdin`,
	];
}

/** The exit code of each way the wizard can end (docs/reference.md lists them). */
export function exitCodeFor(outcome: WizardOutcome | undefined): number {
	switch (outcome?.kind) {
		case 'verified': {
			return 0;
		}

		case 'cancelled': {
			return 130;
		}

		case 'save-failed': {
			return 2;
		}

		default: {
			return 1;
		}
	}
}

/**
The wizard's first values for a new profile: what TABLEAU_* give a run of values given now
(given-values.ts decides), each in its field. A variable that gives nothing fills in nothing.
*/
export function valuesFromEnvironment(env: NodeJS.ProcessEnv): Partial<WizardValues> {
	const given = givenConnection({}, env);
	const values: Partial<WizardValues> = {};
	for (const field of ['server', 'site', 'tokenName'] as const) {
		const {value} = given[field];
		if (value) {
			values[field] = value;
		}
	}

	if (secretInEnvironment(env)) {
		values.tokenSecret = env[variables.tokenSecret]!;
	}

	return values;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | undefined;
	return async () => {
		loading ??= load();
		return loading;
	};
}

/** What the wizard needs besides the terminal: the store, the profile to edit, how to test. */
export type WizardSession = {
	/** The store, opened when the wizard first saves (opening it loads conf, which the first frame need not wait for). */
	openStore: () => Promise<OpenedProfileStore>;
	/** Names already saved, so the suggested name avoids them. */
	existingProfileNames: readonly string[];
	/** The saved profile to edit (its values filled in, its secret kept unless replaced), or null for a new one. */
	editing: EditableProfile | null;
	verifyOptions: VerificationOptions;
	color: boolean;
	/** The --ca-file given on the command line, for the wizard's CA file field. */
	caFileFlag?: string;
	/**
	Where the lines about the save (where the secret went, a rename) go: given, the caller shows them
	on its own screen (the home screen, whose next frame would draw over lines printed here); else they
	are printed under the wizard's last frame, wrapped at words.
	*/
	notes?: string[];
	/** Why a save would fail, asked before the test (see the wizard's `checkStore`). */
	checkStore?: () => string | null;
	/** `setup --profile NAME` for a name not saved yet: the new profile gets that name. */
	newProfileName?: string;
	/** Each test's exchange, kept so the failure screen can save its trace (w); without it the key is not offered. */
	traces?: RunTraces | null;
};

/**
Draws the wizard until it ends and says how it ended. The caller has made sure there is a terminal.
The home screen calls this too, for its "edit" and "new profile" keys.
*/
export async function runWizard(
	{openStore, existingProfileNames, editing, verifyOptions, color, newProfileName, checkStore, caFileFlag, notes: handBack, traces}: WizardSession,
	io: CommandIo,
): Promise<WizardOutcome | undefined> {
	const notes: string[] = [];
	const [{validateProfileName}, {supportsHyperlinks}, {caFileAccess}] = await Promise.all([
		import('../../profiles/profile-name.js'),
		import('../../ui/hyperlinks.js'),
		import('./ca-file-access.js'),
	]);
	// --ca-file fills the CA file field (and is saved with the profile); a saved one is the edited profile's.
	const caFile = caFileFlag ?? editing?.caFile ?? null;
	const initialValues: Partial<WizardValues> = {
		...(editing
			? {server: editing.server, site: editing.site, tokenName: editing.tokenName, tokenSecret: editing.tokenSecret, profileName: editing.name}
			: {...valuesFromEnvironment(io.env), ...(newProfileName === undefined ? {} : {profileName: newProfileName})}),
		...(caFile === null ? {} : {caFile}),
	};
	const banners = [
		...(newProfileName === undefined ? [] : [`No profile named "${newProfileName}" yet: this creates it.`]),
		...(verifyOptions.insecure ? ['! --insecure: TLS certificates are NOT verified during this test'] : []),
	];

	// The HTTP client is needed only on the last step: loading it then keeps the first frame fast and small.
	const pipeline = once(async () => import('../../verify/pipeline.js'));
	// The store's modules (conf) too, at the first save: the first frame does not wait for them.
	const saver = once(async () => (await import('./wizard-save.js')).wizardSaver(openStore, notes, verifyOptions));
	const untraced: VerifyFunction = async (input, verificationOptions) => (await pipeline()).verifyConnection(input, verificationOptions);
	const traced = traces ? wizardTraces(traces, untraced) : null;
	const verify = traced?.verify ?? untraced;
	const [{render}, {Wizard}] = await Promise.all([import('ink'), import('../../ui/wizard/Wizard.js')]);
	const instance = render(
		createElement(Wizard, {
			verify,
			save: async (...given) => (await saver())(...given),
			...(traced ? {saveTrace: traced.saveTrace} : {}),
			initialValues,
			// An edit starts at the values; a first setup at the beginning of the guide.
			initialStep: editing ? 'server' : 'needs',
			editingProfile: editing?.name ?? null,
			existingProfileNames,
			validateProfileName,
			...(checkStore ? {checkStore} : {}),
			caFiles: caFileAccess,
			verifyOptions,
			...(banners.length > 0 ? {banner: banners.join(' ')} : {}),
			hyperlinks: supportsHyperlinks(io.stdout, io.env),
			color,
			// Back to the home screen: it draws where the wizard was, and says itself how the wizard ended.
			clearOnExit: handBack !== undefined,
			...(handBack === undefined ? {} : {leaveLabel: 'back to your profiles'}),
		}),
		inkRenderOptions(io),
	);
	const outcome = (await instance.waitUntilExit()) as WizardOutcome | undefined;
	// A last frame taller than the terminal is written without a final line break; the shell prompt
	// (or whatever comes next) must not start on its last line.
	if (handBack) {
		handBack.push(...notes);
	} else {
		io.stdout.write('\n');
		writeLines(
			io.stdout,
			notes.flatMap(note => hanging('', note, io.stdout.isTTY ? io.stdout.columns : undefined)),
		);
	}

	return outcome;
}

/** `tableau-connect setup`: the wizard, with the real pipeline and profile store. */
export async function runSetupCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values} = parseCommandArgs('setup', argv, options, false);
	if (values.help) {
		writeLines(io.stdout, [setupHelp]);
		return 0;
	}

	// A mistyped --secret-store is reported now, not when the wizard saves at its last step.
	secretStoreChoice(values['secret-store'], io.env);
	// A name that does not exist is exit 2 with the names that do, terminal or not, so a script learns them too.
	let store: OpenedProfileStore | undefined;
	let editing: EditableProfile | null = null;
	let newProfileName: string | undefined;
	const terminal = io.stdin.isTTY && io.stdout.isTTY;
	if (values.profile !== undefined) {
		const {editableProfile, openStoreFor, requireProfile} = await import('../core/profile-access.js');
		store = openStoreFor(io, {secretStore: values['secret-store']});
		if (store.get(values.profile) === undefined && terminal) {
			// An unknown name on a terminal is an offer to create it: the wizard starts with that name.
			const {validateProfileName} = await import('../../profiles/profile-name.js');
			const problem = validateProfileName(values.profile);
			if (problem) {
				throw new UsageError(problem);
			}

			newProfileName = values.profile;
		} else {
			editing = await editableProfile(store, requireProfile(store, values.profile));
		}
	}

	// A bad flag is reported as such, terminal or not: "not a terminal" would hide it until the next try.
	// The wizard owns the terminal: --debug goes to a file, named when it closes.
	const recording = recordingFrom(values, io, 'screen');
	const verifyOptions = {...(await preflight(io, {flags: values})), ...recording.options};
	if (!terminal) {
		writeLines(io.stderr, noTerminalMessage(values.profile));
		return 2;
	}

	const {peekProfileNames} = await import('../../profiles/peek.js');
	// The save's own preflight (store writable, the keychain asked for usable) is the wizard's check before Review.
	const checkStore = await wizardStoreCheck(io.env, secretStoreChoice(values['secret-store'], io.env), values['secret-store']);
	const session = {
		editing,
		verifyOptions,
		color: !values['no-color'] && !io.env['NO_COLOR'],
		...(newProfileName === undefined ? {} : {newProfileName}),
		checkStore,
		...(values['ca-file'] === undefined ? {} : {caFileFlag: values['ca-file']}),
		traces: recording.runs,
	};
	if (store) {
		const opened = store;
		const edited = await runWizard({...session, openStore: async () => opened, existingProfileNames: opened.list().map(profile => profile.name)}, io);
		writeLines(io.stderr, await recording.finish());
		return endOfSetup(edited, io);
	}

	// A new profile: the names are read without conf, which loads only when the wizard saves.
	const peek = peekProfileNames(io.env);
	if (peek.permissionWarning) {
		writeWarning(io, peek.permissionWarning);
	}

	const outcome = await runWizard(
		{
			...session,
			openStore: async () => (await import('../core/profile-access.js')).openStoreFor(io, {quiet: true, secretStore: values['secret-store']}),
			existingProfileNames: peek.names,
		},
		io,
	);
	writeLines(io.stderr, await recording.finish());
	return endOfSetup(outcome, io);
}

/** The exit code; after a second Ctrl-C, the end of the process, which the test still in flight would otherwise hold until its requests end. */
function endOfSetup(outcome: WizardOutcome | undefined, io: CommandIo): number {
	if (outcome?.kind === 'cancelled' && outcome.testLeftRunning) {
		io.stderr.write('Not waiting for the sign-out: the session will expire on its own.\n');
		process.exit(exitCodeFor(outcome));
	}

	return exitCodeFor(outcome);
}
