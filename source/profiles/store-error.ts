import path from 'node:path';
import process from 'node:process';
import type {LockTimeoutError} from './file-lock.js';
import {shellQuote} from '../tableau/shell-quote.js';

/**
Why the profile store refused: the file is damaged (`corrupt`, `invalid-schema`), cannot be read
(`unreadable`) or written (`unwritable`), comes from a newer release (`newer-version`), another
process holds the lock for too long (`locked`), or the request does not fit the profiles there are
(`not-found`, `exists`, `invalid-name`), or a secret kept in the keychain is gone from it
(`secret-missing`) or cannot be reached (`keychain-unavailable`).
*/
export type ProfileStoreErrorReason =
	| 'corrupt'
	| 'unreadable'
	| 'unwritable'
	| 'newer-version'
	| 'invalid-schema'
	| 'locked'
	| 'not-found'
	| 'exists'
	| 'invalid-name'
	| 'secret-missing'
	| 'keychain-unavailable';

/**
A failure a person can fix. The message names the file, says what is wrong and what to run; it never
contains a token secret, nor any text copied from the file (a damaged file may hold one).
*/
export class ProfileStoreError extends Error {
	override readonly name = 'ProfileStoreError';
	/** The store file (or its folder) the error is about. */
	readonly path: string;
	readonly reason: ProfileStoreErrorReason;

	constructor(reason: ProfileStoreErrorReason, path: string, message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.reason = reason;
		this.path = path;
	}
}

/**
The advice for a store file that cannot be used as it is: keep it, but out of the way, so the next
save starts a new store and the old one stays for the user to inspect or repair.
*/
export function moveAsideAdvice(file: string): string {
	return `Move it aside and run the command again (the old file stays for you to inspect): mv ${shellQuote(file)} ${shellQuote(`${file}.bak`)}`;
}

type SystemError = Error & {code?: string};

/**
Turns what reading or writing the store threw into a ProfileStoreError. Our own errors pass
through; system errors become `unreadable` or `unwritable`; anything else is a bug and is rethrown.
*/
export function toStoreError(error: unknown, file: string, action: 'read' | 'write'): ProfileStoreError {
	if (error instanceof ProfileStoreError) {
		return error;
	}

	const code = (error as SystemError | undefined)?.code;
	if (typeof code !== 'string') {
		throw error;
	}

	const quoted = shellQuote(file);
	if (code === 'EISDIR') {
		return new ProfileStoreError('unreadable', file, `The profile store ${file} is a folder, not a file. ${moveAsideAdvice(file)}`, {cause: error});
	}

	if (action === 'read') {
		const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `error ${code}`;
		return new ProfileStoreError(
			'unreadable',
			file,
			`Cannot read the profile store ${file} (${why}). Check who owns it with: ls -l ${quoted}; if it is yours, run: chmod 600 ${quoted}`,
			{cause: error},
		);
	}

	const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : `error ${code}`;
	return new ProfileStoreError(
		'unwritable',
		file,
		`Cannot write the profile store ${file} (${why}). Make its folder yours and writable (chmod 700 ${shellQuote(path.dirname(file))}), or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`,
		{cause: error},
	);
}

/** No profile by that name; lists the ones there are (already sorted) so the user can pick. */
export function notFoundError(file: string, name: string, names: string[]): ProfileStoreError {
	const known =
		names.length === 0
			? 'No profiles are saved yet; create one with: tableau-connect setup'
			: `Saved profiles: ${names.join(', ')}. See them with: tableau-connect profiles list`;
	return new ProfileStoreError('not-found', file, `There is no profile named ${JSON.stringify(name)}. ${known}`);
}

/** The target name of a rename is taken. */
export function existsError(file: string, name: string): ProfileStoreError {
	return new ProfileStoreError(
		'exists',
		file,
		`A profile named "${name}" already exists. Choose another name, or remove that profile first: tableau-connect profiles remove ${name}`,
	);
}

/** Another process held the lock past the timeout: say who, and how to clear a leftover lock. */
export function lockedError(file: string, error: LockTimeoutError): ProfileStoreError {
	const who = error.owner
		? `Another tableau-connect (process ${error.owner.pid} on ${error.owner.hostname}, since ${error.owner.since})`
		: 'Another tableau-connect';
	return new ProfileStoreError(
		'locked',
		file,
		`${who} is still saving to ${file}. Try again in a moment; if no other tableau-connect is running, remove the leftover lock: rm ${shellQuote(error.lockPath)}`,
		{cause: error},
	);
}

/** The command that puts a profile's secret back, wherever the person wants it. */
export function setSecretCommand(name: string, store?: 'file'): string {
	return `tableau-connect profiles set-secret ${shellQuote(name)}${store ? ` --secret-store ${store}` : ''}`;
}

/** A keychain profile whose entry was deleted outside tableau-connect: say so, and how to save it again. */
export function secretMissingError(file: string, name: string): ProfileStoreError {
	return new ProfileStoreError(
		'secret-missing',
		file,
		`The token secret of profile "${name}" is no longer in the keychain (service "tableau-connect", account "${name}"): something outside tableau-connect deleted it. Save it again with: ${setSecretCommand(name)}`,
	);
}

/**
The keychain cannot be used for what was asked: `problem` says what is missing. `reading` is for a
profile whose secret is there (it can be saved again, in the file, from here); otherwise nothing was
changed and the person may choose the file instead.
*/
export function keychainUnavailableError(file: string, problem: string, context: {reading: string} | {writing: string}): ProfileStoreError {
	if ('reading' in context) {
		const name = context.reading;
		return new ProfileStoreError(
			'keychain-unavailable',
			file,
			`Cannot read the token secret of profile "${name}" from the keychain: ${problem}. Run the command where the keychain is available, or save the secret again in the profile store instead: ${setSecretCommand(name, 'file')}`,
		);
	}

	return new ProfileStoreError(
		'keychain-unavailable',
		file,
		`Cannot use the keychain to ${context.writing}: ${problem}. Nothing was changed. To keep the secret in the owner-only profile store instead, use --secret-store file (or TABLEAU_CONNECT_SECRET_STORE=file).`,
	);
}

/** How to delete an entry we could not delete ourselves, with the platform's own tool. */
export function manualKeychainDeletion(name: string, platform: NodeJS.Platform = process.platform): string {
	switch (platform) {
		case 'darwin': {
			return `security delete-generic-password -s tableau-connect -a ${shellQuote(name)}`;
		}

		case 'win32': {
			return `delete "${name}.tableau-connect" in Credential Manager (Windows Credentials)`;
		}

		default: {
			return `secret-tool clear service tableau-connect username ${shellQuote(name)}`;
		}
	}
}
