import path from 'node:path';
import Conf from 'conf';
import {configDirectory, ensureOwnerOnlyDirectory, permissionWarning, projectName, storeFileName} from './config-directory.js';
import {LockTimeoutError, withFileLock, type LockOptions} from './file-lock.js';
import {validateProfileName} from './profile-name.js';
import {emptyDocument, parseStoreText, storedFromInput, storedVerification, toProfile, type StoredProfile, type StoreDocument} from './store-document.js';
import {existsError, lockedError, notFoundError, ProfileStoreError, toStoreError} from './store-error.js';
import type {LastVerification, Profile, ProfileInput, ProfileStore} from './types.js';

export {configDirectory} from './config-directory.js';
export {maskSecret} from './mask-secret.js';
export {validateProfileName} from './profile-name.js';
export {ProfileStoreError, type ProfileStoreErrorReason} from './store-error.js';
export type {LockOptions} from './file-lock.js';
export type {LastVerification, Profile, ProfileInput, ProfileStore} from './types.js';

export type OpenProfileStoreOptions = {
	/** The folder of the store; default: configDirectory(env). */
	directory?: string;
	/** Where TABLEAU_CONNECT_CONFIG_DIR is read from; default: process.env. */
	env?: NodeJS.ProcessEnv;
	/** The clock for createdAt and updatedAt; tests pass one that moves on demand. */
	now?: () => Date;
	/** How long a save waits for another process's save. */
	lock?: LockOptions;
};

/** An open store, plus what to tell the user about the file's permissions (null when all is well). */
export type OpenedProfileStore = ProfileStore & {readonly permissionWarning: string | null};

// conf appends `.json` itself.
const configName = storeFileName.replace(/\.json$/, '');
const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});

/**
Opens the profile store (`profiles.json` in the config folder), creating the folder owner-only if
needed. The file is read and checked now, and again by every method, so a store changed by another
process is never overwritten with stale data.

Throws ProfileStoreError when the file is corrupt, unreadable, in the wrong shape or from a newer
release; the file is never rewritten or deleted in that case.
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
						conf.store = document;
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

	const requireProfile = (document: StoreDocument, name: string): StoredProfile => {
		const stored = own(document.profiles, name);
		if (!stored) {
			throw notFoundError(file, name, sortedNames(Object.keys(document.profiles)));
		}

		return stored;
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

		save(input: ProfileInput): Profile {
			checkName(file, input.name);
			checkInput(input);
			return update(document => {
				const stored = storedFromInput(input, own(document.profiles, input.name), now().toISOString());
				document.profiles[input.name] = stored;
				return {result: toProfile(input.name, stored), write: true};
			});
		},

		recordVerification(name: string, verification: LastVerification): void {
			update(document => {
				requireProfile(document, name).lastVerification = storedVerification(verification);
				return {result: undefined, write: true};
			});
		},

		remove(name: string): boolean {
			return update(document => {
				if (!own(document.profiles, name)) {
					return {result: false, write: false};
				}

				delete document.profiles[name];
				return {result: true, write: true};
			});
		},

		rename(from: string, to: string): void {
			checkName(file, to);
			update(document => {
				const stored = requireProfile(document, from);
				if (from === to) {
					return {result: undefined, write: false};
				}

				if (own(document.profiles, to)) {
					throw existsError(file, to);
				}

				document.profiles[to] = {...stored, updatedAt: now().toISOString()};
				delete document.profiles[from];
				return {result: undefined, write: true};
			});
		},
	};
}

// Own keys only: a name like `constructor` must not find something on Object.prototype.
function own(profiles: Record<string, StoredProfile>, name: string): StoredProfile | undefined {
	return Object.hasOwn(profiles, name) ? profiles[name] : undefined;
}

function sortedNames(names: string[]): string[] {
	// Case-insensitive and numeric (prod2 before prod10), ties broken by code unit for a stable order.
	return names.sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
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
}
