import path from 'node:path';
import Conf from 'conf';
import {configDirectory, ensureOwnerOnlyDirectory, permissionWarning, projectName, storeFileName} from './config-directory.js';
import {LockTimeoutError, withFileLock, type LockOptions} from './file-lock.js';
import {KeychainError, systemKeychain, type Keychain} from './keychain.js';
import {validateProfileName} from './profile-name.js';
import {
	emptyDocument,
	parseStoreText,
	storedFromInput,
	storedVerification,
	toProfile,
	versionFor,
	withSecretIn,
	type StoredProfile,
	type StoreDocument,
} from './store-document.js';
import {
	existsError,
	keychainUnavailableError,
	lockedError,
	manualKeychainDeletion,
	notFoundError,
	ProfileStoreError,
	secretMissingError,
	toStoreError,
} from './store-error.js';
import {compareProfileNames} from './name-order.js';
import type {LastVerification, Profile, ProfileInput, ProfileStore, SavedProfile, SecretStore} from './types.js';

export {configDirectory} from './config-directory.js';
export {maskSecret} from './mask-secret.js';
export {validateProfileName} from './profile-name.js';
export {ProfileStoreError, type ProfileStoreErrorReason} from './store-error.js';
export type {LockOptions} from './file-lock.js';
export type {LastVerification, Profile, ProfileInput, ProfileStore, SavedProfile, SecretStore} from './types.js';
export type {Keychain} from './keychain.js';

export type OpenProfileStoreOptions = {
	/** The folder of the store; default: configDirectory(env). */
	directory?: string;
	/** Where TABLEAU_CONNECT_CONFIG_DIR is read from; default: process.env. */
	env?: NodeJS.ProcessEnv;
	/** The clock for createdAt and updatedAt; tests pass one that moves on demand. */
	now?: () => Date;
	/** How long a save waits for another process's save. */
	lock?: LockOptions;
	/**
	Where saves put the secret: the one asked for (an error when it is the keychain and none is
	usable), or, when absent, the keychain when one is usable and else the file (the save says why).
	*/
	secretStore?: SecretStore;
	/** The keychain; default: the operating system's, loaded on first use. Tests pass their own. */
	keychain?: Keychain;
};

/** An open store, plus what to tell the user about the file's permissions (null when all is well). */
export type OpenedProfileStore = ProfileStore & {readonly permissionWarning: string | null};

// conf appends `.json` itself.
const configName = storeFileName.replace(/\.json$/, '');

/**
Opens the profile store (`profiles.json` in the config folder), creating the folder owner-only if
needed. The file is read and checked now, and again by every method, so a store changed by another
process is never overwritten with stale data.

Throws ProfileStoreError when the file is corrupt, unreadable, in the wrong shape or from a newer
release; the file is never rewritten or deleted in that case.

Secrets in the keychain are written before the file and outside its lock (a keychain may wait for
an unlock prompt, and the lock must never be held that long); when the file cannot be written after
all, the keychain entry is put back as it was, so no save is ever half done.
*/
export function openProfileStore(options: OpenProfileStoreOptions = {}): OpenedProfileStore {
	const directory = path.resolve(options.directory ?? configDirectory(options.env));
	const file = path.join(directory, storeFileName);
	const lockPath = `${file}.lock`;
	const now = options.now ?? (() => new Date());

	ensureOwnerOnlyDirectory(directory);
	const warning = permissionWarning(directory, file);

	let conf: Conf<StoreDocument>;
	try {
		// No `defaults`, `schema` or `migrations`: with none of them conf reads the file on
		// construction but never writes it, so a file we cannot use stays exactly as it was.
		conf = new Conf<StoreDocument>({
			projectName,
			projectSuffix: '',
			cwd: directory,
			configName,
			configFileMode: 0o600,
			accessPropertiesByDotNotation: false,
			clearInvalidConfig: false,
			deserialize: text => parseStoreText(text, file),
		});
	} catch (error) {
		throw toStoreError(error, file, 'read');
	}

	const read = (): StoreDocument => {
		// conf would recreate a deleted folder with the default mode; do it owner-only first.
		ensureOwnerOnlyDirectory(directory);
		let document: StoreDocument;
		try {
			document = conf.store;
		} catch (error) {
			throw toStoreError(error, file, 'read');
		}

		// conf answers `{}` when the file does not exist yet.
		return document.schemaVersion === undefined ? emptyDocument() : document;
	};

	// Read-modify-write under the lock, so concurrent saves of different profiles all survive.
	const update = <T>(change: (document: StoreDocument) => {result: T; write: boolean}): T => {
		ensureOwnerOnlyDirectory(directory);
		try {
			return withFileLock(
				lockPath,
				() => {
					const document = read();
					const {result, write} = change(document);
					if (write) {
						conf.store = {...document, schemaVersion: versionFor(document)};
					}

					return result;
				},
				options.lock,
			);
		} catch (error) {
			if (error instanceof LockTimeoutError) {
				throw lockedError(file, error);
			}

			throw toStoreError(error, file, 'write');
		}
	};

	let keychainInUse: Keychain | undefined = options.keychain;
	const keychain = (): Keychain => {
		keychainInUse ??= systemKeychain();
		return keychainInUse;
	};

	/** Writes the keychain entry; the function returned puts back what was there before (nothing, or the old secret). */
	const replaceInKeychain = async (account: string, secret: string): Promise<() => Promise<void>> => {
		const before = await keychain().get(account);
		await keychain().set(account, secret);
		return async () => {
			await (before === null ? keychain().delete(account) : keychain().set(account, before));
		};
	};

	const undoQuietly = async (undo: (() => Promise<void>) | null) => {
		try {
			await undo?.();
		} catch {
			// The error that made us undo is the one to report; a leftover entry is harmless by comparison.
		}
	};

	/** Deletes an entry nobody needs any more; when the keychain refuses, says how to do it by hand. */
	const deleteLeftover = async (account: string): Promise<string | null> => {
		try {
			await keychain().delete(account);
			return null;
		} catch (error) {
			if (!(error instanceof KeychainError)) {
				throw error;
			}

			return `The old copy of the token secret of "${account}" is still in the keychain: ${error.problem}. Delete it with: ${manualKeychainDeletion(account)}`;
		}
	};

	const requireProfile = (document: StoreDocument, name: string): StoredProfile => {
		const stored = own(document.profiles, name);
		if (!stored) {
			throw notFoundError(file, name, sortedNames(Object.keys(document.profiles)));
		}

		return stored;
	};

	const readSecret = async (name: string): Promise<string> => {
		const stored = requireProfile(read(), name);
		if (stored.secretStore !== 'keychain') {
			return stored.tokenSecret ?? '';
		}

		let secret: string | null;
		try {
			secret = await keychain().get(name);
		} catch (error) {
			throw error instanceof KeychainError ? keychainUnavailableError(file, error.problem, {reading: name}) : error;
		}

		if (secret === null) {
			throw secretMissingError(file, name);
		}

		return secret;
	};

	return {
		path: file,
		permissionWarning: warning,

		list(): Profile[] {
			const {profiles} = read();
			return sortedNames(Object.keys(profiles)).map(name => toProfile(name, profiles[name]!));
		},

		get(name: string): Profile | undefined {
			const stored = own(read().profiles, name);
			return stored ? toProfile(name, stored) : undefined;
		},

		readSecret,

		async save(input: ProfileInput): Promise<SavedProfile> {
			checkName(file, input.name);
			checkInput(input);
			let target: SecretStore = 'file';
			let fallbackReason: string | null = null;
			let undo: (() => Promise<void>) | null = null;
			if (options.secretStore !== 'file') {
				try {
					undo = await replaceInKeychain(input.name, input.tokenSecret);
					target = 'keychain';
				} catch (error) {
					if (!(error instanceof KeychainError)) {
						throw error;
					}

					if (options.secretStore === 'keychain') {
						throw keychainUnavailableError(file, error.problem, {writing: `save the token secret of "${input.name}"`});
					}

					fallbackReason = error.problem;
				}
			}

			let previous: StoredProfile | undefined;
			let profile: Profile;
			try {
				profile = update(document => {
					previous = own(document.profiles, input.name);
					const stored = storedFromInput(input, previous, now().toISOString(), target);
					document.profiles[input.name] = stored;
					return {result: toProfile(input.name, stored), write: true};
				});
			} catch (error) {
				await undoQuietly(undo);
				throw error;
			}

			// The secret now lives in the file: a copy left in the keychain would only be a stale secret.
			const warning = target === 'file' && previous?.secretStore === 'keychain' ? await deleteLeftover(input.name) : null;
			return {profile, fallbackReason, warning};
		},

		recordVerification(name: string, verification: LastVerification): void {
			update(document => {
				requireProfile(document, name).lastVerification = storedVerification(verification);
				return {result: undefined, write: true};
			});
		},

		setCaFile(name: string, caFile: string | null): Profile {
			return update(document => {
				const {caFile: _previous, ...rest} = requireProfile(document, name);
				const stored = {...rest, ...(caFile === null ? {} : {caFile}), updatedAt: now().toISOString()};
				document.profiles[name] = stored;
				return {result: toProfile(name, stored), write: true};
			});
		},

		setServer(name: string, server: string): Profile {
			return update(document => {
				const stored = {...requireProfile(document, name), server, updatedAt: now().toISOString()};
				document.profiles[name] = stored;
				return {result: toProfile(name, stored), write: true};
			});
		},

		async remove(name: string): Promise<{removed: boolean; warning: string | null}> {
			// The file first: should the keychain refuse, the profile is gone all the same and the person
			// learns how to delete the entry; the other way round could leave a profile without its secret.
			const removed = update(document => {
				const stored = own(document.profiles, name);
				if (!stored) {
					return {result: undefined, write: false};
				}

				delete document.profiles[name];
				return {result: stored, write: true};
			});
			if (!removed) {
				return {removed: false, warning: null};
			}

			return {removed: true, warning: removed.secretStore === 'keychain' ? await deleteLeftover(name) : null};
		},

		async rename(from: string, to: string): Promise<{warning: string | null}> {
			checkName(file, to);
			const before = read();
			const stored = requireProfile(before, from);
			if (from === to) {
				return {warning: null};
			}

			if (own(before.profiles, to)) {
				throw existsError(file, to);
			}

			let undo: (() => Promise<void>) | null = null;
			if (stored.secretStore === 'keychain') {
				try {
					const secret = await keychain().get(from);
					// A secret already gone from the keychain has nothing to move; the profile says so when used.
					undo = secret === null ? null : await replaceInKeychain(to, secret);
				} catch (error) {
					throw error instanceof KeychainError
						? keychainUnavailableError(file, error.problem, {writing: `move the token secret of "${from}" to "${to}"`})
						: error;
				}
			}

			try {
				update(document => {
					const current = requireProfile(document, from);
					if (own(document.profiles, to)) {
						throw existsError(file, to);
					}

					document.profiles[to] = {...current, updatedAt: now().toISOString()};
					delete document.profiles[from];
					return {result: undefined, write: true};
				});
			} catch (error) {
				await undoQuietly(undo);
				throw error;
			}

			return {warning: undo ? await deleteLeftover(from) : null};
		},

		async moveSecret(name: string, to: SecretStore): Promise<{moved: boolean; warning: string | null}> {
			const stored = requireProfile(read(), name);
			const from: SecretStore = stored.secretStore === 'keychain' ? 'keychain' : 'file';
			if (from === to) {
				return {moved: false, warning: null};
			}

			if (to === 'keychain') {
				let undo: () => Promise<void>;
				try {
					undo = await replaceInKeychain(name, stored.tokenSecret ?? '');
				} catch (error) {
					throw error instanceof KeychainError ? keychainUnavailableError(file, error.problem, {writing: `hold the token secret of "${name}"`}) : error;
				}

				try {
					update(document => {
						const current = requireProfile(document, name);
						// Changed since we read it (another process saved it again): that save decides.
						if (current.secretStore === 'keychain' || current.tokenSecret !== stored.tokenSecret) {
							return {result: undefined, write: false};
						}

						document.profiles[name] = withSecretIn(current, 'keychain', null);
						return {result: undefined, write: true};
					});
				} catch (error) {
					await undoQuietly(undo);
					throw error;
				}

				return {moved: true, warning: null};
			}

			const secret = await readSecret(name);
			update(document => {
				document.profiles[name] = withSecretIn(requireProfile(document, name), 'file', secret);
				return {result: undefined, write: true};
			});
			return {moved: true, warning: await deleteLeftover(name)};
		},
	};
}

// Own keys only: a name like `constructor` must not find something on Object.prototype.
function own(profiles: Record<string, StoredProfile>, name: string): StoredProfile | undefined {
	return Object.hasOwn(profiles, name) ? profiles[name] : undefined;
}

function sortedNames(names: string[]): string[] {
	return names.sort(compareProfileNames);
}

function checkName(file: string, name: string): void {
	const problem = validateProfileName(name);
	if (problem) {
		throw new ProfileStoreError('invalid-name', file, problem);
	}
}

// The types already say so; this stops a caller's mistake from writing a file we would then refuse
// to read. The message names the field, never its value.
function checkInput(input: ProfileInput): void {
	for (const field of ['server', 'site', 'tokenName', 'tokenSecret'] as const) {
		if (typeof input[field] !== 'string') {
			throw new TypeError(`Profile field "${field}" must be a string.`);
		}
	}

	if (input.caFile !== undefined && input.caFile !== null && typeof input.caFile !== 'string') {
		throw new TypeError('Profile field "caFile" must be a string or null.');
	}
}
