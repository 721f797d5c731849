import {openProfileStore, ProfileStoreError, type OpenedProfileStore} from '../../profiles/store.js';
import type {LastVerification, Profile, SavedProfile} from '../../profiles/types.js';
import {shellQuote} from '../../tableau/shell-quote.js';
import type {VerificationInput, VerificationOptions} from '../../verify/pipeline.js';
import type {VerificationResult} from '../../verify/types.js';
import {looksLikeTokenSecret} from '../../tableau/secret-shape.js';
import {readCaFile, writeWarning, type CommandIo} from './io.js';
import {caFileOf} from './run.js';
import {secretStoreChoice} from './secret-store-choice.js';
import {UsageError} from './usage-error.js';

export {describeLastVerification, timeAgo} from '../../profiles/last-verification.js';

export {secretStoreChoice, secretStoreVariable} from './secret-store-choice.js';

/** Opens the store, passing on its warning about loose file permissions to stderr. */
export function openStoreFor(io: CommandIo, options: {quiet?: boolean; secretStore?: string | undefined} = {}): OpenedProfileStore {
	const secretStore = secretStoreChoice(options.secretStore, io.env);
	const store = openProfileStore({env: io.env, ...(secretStore ? {secretStore} : {})});
	if (store.permissionWarning && !options.quiet) {
		writeWarning(io, store.permissionWarning);
	}

	return store;
}

/** The named profile, or a usage error that lists the names that do exist. */
export function requireProfile(store: OpenedProfileStore, name: string): Profile {
	const profile = store.get(name);
	if (profile) {
		return profile;
	}

	const names = store.list().map(item => item.name);
	// Not repeated when it is a secret pasted where a name goes (`test SECRET`).
	const asked = looksLikeTokenSecret(name)
		? 'No profile has the name given, which looks like a token secret (so it is not repeated here; the secret goes only where it is asked for, hidden)'
		: `No profile named "${name}"`;
	throw new UsageError(
		names.length === 0 ? `${asked}: no profiles are saved yet. Create one with "tableau-connect setup".` : `${asked}. Saved profiles: ${names.join(', ')}.`,
	);
}

/** What a profile keeps of a run, so lists can show it without signing in again. */
export function lastVerificationOf(result: VerificationResult, at = new Date()): LastVerification {
	return {
		at: at.toISOString(),
		ok: result.ok,
		diagnosisCode: result.diagnosis?.code ?? null,
		productVersion: result.serverInfo?.productVersion ?? null,
		apiVersion: result.apiVersion,
		userName: result.user?.name ?? null,
		siteRole: result.user?.siteRole ?? null,
		token: result.token,
		access: result.access,
	};
}

/**
A profile as it may be shown: everything but the secret, with whether one is saved and where.
`tokenSecretSaved` is what the store records unless the caller checked the keychain (`found`):
false when the keychain entry is gone, null when the keychain could not be asked.
*/
export function publicView(profile: Profile, found: boolean | null = true) {
	return {...profile, tokenSecretSaved: found};
}

/** One sentence on where a save put the secret, and why when it is the file without being asked. */
export function describeSavedSecret({profile, fallbackReason}: SavedProfile, storePath: string): string {
	if (profile.secretStore === 'keychain') {
		return `The token secret of "${profile.name}" is in the keychain (service "tableau-connect", account "${profile.name}"); ${storePath} holds no secret.`;
	}

	if (fallbackReason) {
		return `The token secret of "${profile.name}" is saved in plain text in ${storePath} (readable only by you), because ${fallbackReason}. Once a keychain is usable, move it there with: tableau-connect profiles move-secrets ${shellQuote(profile.name)}`;
	}

	return `The token secret of "${profile.name}" is saved in ${storePath} (readable only by you), as asked.`;
}

/** The fix for a saved CA file that cannot be used. */
function caFileRemedy(name: string): string {
	return `Put the file back, or save another one with: tableau-connect profiles set-ca-file ${shellQuote(name)} PATH (or --none to trust only the system's certificates).`;
}

/** The PEM of the CA file a profile trusts (null when none), read now; a file that cannot be used is a usage error with its fix. */
export async function profileCaPem(profile: Profile): Promise<string | null> {
	try {
		return await readCaFile(profile.caFile ?? undefined, `Profile "${profile.name}" trusts the CA file`);
	} catch (error) {
		throw error instanceof UsageError ? new UsageError(`${error.message} ${caFileRemedy(profile.name)}`) : error;
	}
}

/**
The secret and the CA certificates a saved profile is tested with. The CA file is read now, at each
test, so a renewed certificate is picked up; `--ca-file` on the command line wins over the saved one.
*/
export async function connectionOf(
	store: OpenedProfileStore,
	profile: Profile,
	options: VerificationOptions,
	caFileFlag: string | undefined,
): Promise<{input: VerificationInput; options: VerificationOptions}> {
	// The flag's file was read with the other flags (options.caPem); the profile's is read now.
	const caFile = caFileOf(caFileFlag, profile);
	const caPem = caFile.source.kind === 'profile' ? await profileCaPem(profile) : options.caPem;
	const tokenSecret = await store.readSecret(profile.name);
	const {name, server, site, tokenName} = profile;
	return {input: {server, site, tokenName, tokenSecret, profile: name}, options: {...options, caPem}};
}

/**
`connectionOf` for every profile of a run, before any of them starts: a profile that cannot be
tested (its secret gone from the keychain, its CA file missing) is a usage error naming each one
and its fix, not a sign-in failure after the others have signed out their sessions.
*/
export async function connectionsOf(
	store: OpenedProfileStore,
	profiles: Profile[],
	options: VerificationOptions,
	caFileFlag: string | undefined,
): Promise<Map<string, {input: VerificationInput; options: VerificationOptions}>> {
	const connections = new Map<string, {input: VerificationInput; options: VerificationOptions}>();
	const problems: string[] = [];
	// A locked or missing keychain refuses every profile alike, each refusal taking a round trip: ask it once.
	const unreachable: string[] = [];
	for (const profile of profiles) {
		if (unreachable.length > 0 && profile.secretStore === 'keychain') {
			unreachable.push(profile.name);
			continue;
		}

		try {
			connections.set(profile.name, await connectionOf(store, profile, options, caFileFlag));
		} catch (error) {
			if (error instanceof ProfileStoreError && error.reason === 'keychain-unavailable') {
				unreachable.push(profile.name);
			} else if (!(error instanceof UsageError) && !(error instanceof ProfileStoreError)) {
				throw error;
			}

			problems.push(error.message);
		}
	}

	if (unreachable.length > 1) {
		problems.push(
			`The same goes for ${unreachable
				.slice(1)
				.map(name => `"${name}"`)
				.join(', ')}: their secrets are in the keychain too.`,
		);
	}

	if (problems.length > 0) {
		throw new UsageError(problems.length === 1 ? problems[0]! : `Nothing was tested:\n${problems.map(problem => `- ${problem}`).join('\n')}`);
	}

	return connections;
}

/**
Whether a keychain profile's secret is really there: true, false (its entry is gone), or null with
the reason when the keychain cannot be asked. A file profile's secret is in the file by construction.
*/
export async function secretPresence(store: OpenedProfileStore, profile: Profile): Promise<{found: boolean | null; problem: string | null}> {
	if (profile.secretStore === 'file') {
		return {found: true, problem: null};
	}

	try {
		await store.readSecret(profile.name);
		return {found: true, problem: null};
	} catch (error) {
		if (!(error instanceof ProfileStoreError)) {
			throw error;
		}

		return {found: error.reason === 'secret-missing' ? false : null, problem: error.message};
	}
}

/** A saved profile with its secret, for the wizard to edit. */
export type EditableProfile = Profile & {tokenSecret: string};

/**
The profile to edit, secret included. A secret gone from the keychain leaves the field empty, for the
person to type it again (saving then puts it back); a keychain that cannot be reached is an error.
*/
export async function editableProfile(store: OpenedProfileStore, profile: Profile): Promise<EditableProfile> {
	try {
		return {...profile, tokenSecret: await store.readSecret(profile.name)};
	} catch (error) {
		if (error instanceof ProfileStoreError && error.reason === 'secret-missing') {
			return {...profile, tokenSecret: ''};
		}

		throw error;
	}
}
