import type {Access, DiagnosisCode, TokenExpiry} from '../verify/types.js';

/** The outcome of the last verification, kept so lists can show it without signing in again. */
export type LastVerification = {
	at: string; // ISO time
	ok: boolean;
	diagnosisCode: DiagnosisCode | null;
	productVersion: string | null;
	apiVersion: string | null;
	userName: string | null;
	siteRole: string | null;
	/** Tableau's estimate of the token's expiry at that run; absent in stores written before it was kept. */
	token?: TokenExpiry | null;
	/** What Parable could read at that run; absent in stores written before it was kept. */
	access?: Access | null;
};

/** Where a profile's token secret lives: the OS keychain, or the owner-only store file itself. */
export type SecretStore = 'keychain' | 'file';

/**
A saved connection, without its token secret: reading that may mean asking the keychain, which
only the commands that sign in do (`ProfileStore.readSecret`).
*/
export type Profile = {
	name: string;
	server: string;
	site: string;
	tokenName: string;
	secretStore: SecretStore;
	/** A PEM file of CA certificates to trust as well as the system's (`--ca-file`), read at each test; null when none. */
	caFile: string | null;
	createdAt: string;
	updatedAt: string;
	lastVerification: LastVerification | null;
};

/**
What a new or edited profile needs; the store fills in the times. `caFile`: a path to save, null
to drop the saved one, absent to keep what an existing profile has.
*/
export type ProfileInput = Pick<Profile, 'name' | 'server' | 'site' | 'tokenName'> & {tokenSecret: string; caFile?: string | null};

/** Where a save put the secret, and, when it was not where the person asked or expected, why. */
export type SavedProfile = {
	profile: Profile;
	/**
	Set when the secret went to the file because no keychain is usable (only when the person did
	not ask for a store): what is missing, for the one plain sentence that tells them.
	*/
	fallbackReason: string | null;
	/** Something left behind that the person may want to clean up (an old keychain entry that could not be deleted). */
	warning: string | null;
};

/**
The store as the commands and the wizard see it. Every method reads the file afresh, so two
processes saving at once do not undo each other. The methods that touch a secret are async: the
keychain answers through the operating system.
*/
export type ProfileStore = {
	/** Absolute path of the file, for messages. */
	readonly path: string;
	list(): Profile[];
	get(name: string): Profile | undefined;
	/**
	The token secret of a saved profile, from wherever it lives. Throws ProfileStoreError:
	`not-found`, `secret-missing` (its keychain entry is gone) or `keychain-unavailable`.
	*/
	readSecret(name: string): Promise<string>;
	/** Creates or replaces `input.name`, keeping `createdAt` and `lastVerification` of an existing one. */
	save(input: ProfileInput): Promise<SavedProfile>;
	recordVerification(name: string, verification: LastVerification): void;
	/** Saves the CA file a profile's tests trust (an absolute path), or drops it (null). */
	setCaFile(name: string, caFile: string | null): Profile;
	/** Saves a new server address (where the server said it lives now), leaving the secret where it is. */
	setServer(name: string, server: string): Profile;
	/** Removes the profile, and its keychain entry; `warning` when that entry could not be deleted. */
	remove(name: string): Promise<{removed: boolean; warning: string | null}>;
	/** Renames the profile, moving its keychain entry with it. */
	rename(from: string, to: string): Promise<{warning: string | null}>;
	/** Moves a saved secret to `to` (a no-op when it is there already); says whether it moved. */
	moveSecret(name: string, to: SecretStore): Promise<{moved: boolean; warning: string | null}>;
};
