import type {SecretStore} from '../../profiles/types.js';
import type {VerificationOptions} from '../../verify/pipeline.js';
import type {CommandIo} from './io.js';
import {secretStoreVariable} from './secret-store-choice.js';
import {traceFileProblem, type RecordingFlags} from './trace-recording.js';
import {UsageError} from './usage-error.js';
import {verificationOptionsFrom, type VerificationFlags} from './verification-options.js';

// What can fail without the network is found before the first request, on every path: a sign-in
// ends the token's other sessions, so a run that could not save its result must not sign in. The
// flags are checked, the CA file read (verificationOptionsFrom) and the --trace file tried; a command
// that saves also needs a store it can write and, when the keychain was asked for, a keychain that answers.

/** What a command is about to do, for the preflight to check. */
export type PreflightNeeds = {
	/** The verification flags, checked first: a typo is reported as itself; then the --trace file. */
	flags: VerificationFlags & RecordingFlags;
	/** The command saves a profile (profiles add, setup, rotate): the store must be writable. */
	saves?: boolean;
	/** Where the secret is to be saved, when the person chose (`--secret-store`, TABLEAU_CONNECT_SECRET_STORE). */
	secretStore?: SecretStore | undefined;
	/** The flag that chose it, for the message; the variable otherwise. */
	secretStoreFlag?: string | undefined;
};

/** Why the keychain that was asked for cannot hold the secret, with what to type instead; null when it answers or was not asked for. */
async function keychainRefusal(secretStore: SecretStore | undefined, secretStoreFlag: string | undefined): Promise<string | null> {
	if (secretStore !== 'keychain') {
		return null;
	}

	const {keychainProblem} = await import('../../profiles/keychain.js');
	const problem = await keychainProblem();
	const asked = secretStoreFlag === undefined ? `${secretStoreVariable}=keychain` : '--secret-store keychain';
	return problem === null
		? null
		: `Cannot use the keychain (${asked} asks for it): ${problem}. To keep the secret in the owner-only profile store instead, use --secret-store file (or ${secretStoreVariable}=file).`;
}

/**
Why a save would fail, each with what to type instead: the store cannot be written (or read), the
keychain that was asked for cannot be used. Empty when a save can follow the test.
*/
export async function savingProblems(env: NodeJS.ProcessEnv, secretStore?: SecretStore, secretStoreFlag?: string): Promise<string[]> {
	// Loaded here: `test` saves nothing and starts without the store's modules.
	const {storeProblem} = await import('../../profiles/peek.js');
	return [storeProblem(env), await keychainRefusal(secretStore, secretStoreFlag)].filter(problem => problem !== null);
}

/**
The preflight of every command that talks to Tableau: the flags, the CA file, the --trace file, and
for a command that saves, the store and the keychain. Returns the verification options; a problem is a usage error (exit
2) that says what was wrong and what to type instead, before any request.
*/
export async function preflight(io: CommandIo, needs: PreflightNeeds): Promise<VerificationOptions> {
	const options = await verificationOptionsFrom(needs.flags, io.env);
	const trace = needs.flags.trace === undefined ? null : await traceFileProblem(needs.flags.trace);
	if (trace !== null) {
		throw new UsageError(`${trace}\nNothing was tested${needs.saves ? ' or saved' : ''}.`);
	}

	if (needs.saves) {
		const problems = await savingProblems(io.env, needs.secretStore, needs.secretStoreFlag);
		if (problems.length > 0) {
			throw new UsageError(`${problems.join('\n')}\nNothing was tested or saved.`);
		}
	}

	return options;
}

/**
The wizard's `checkStore`: why its save would fail, asked before Review and again when the person says
it is fixed. The keychain is asked once, now (it is slow to ask, and a missing one stays missing); the
store at each call.
*/
export async function wizardStoreCheck(env: NodeJS.ProcessEnv, secretStore: SecretStore | undefined, secretStoreFlag?: string): Promise<() => string | null> {
	const [{storeProblem}, keychain] = await Promise.all([import('../../profiles/peek.js'), keychainRefusal(secretStore, secretStoreFlag)]);
	return () => storeProblem(env) ?? keychain;
}
