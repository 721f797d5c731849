import {storedAccess, storedToken} from './last-verification.js';
import type {LastVerification, Profile, ProfileInput, SecretStore} from './types.js';
import {moveAsideAdvice, ProfileStoreError} from './store-error.js';

/**
The newest file layout this release reads. Version 2 added profiles whose secret is in the keychain
(`"secretStore": "keychain"`, no `tokenSecret`); a file is written as version 1 while none is, so
an older release still reads it, and refuses a version 2 file with "upgrade" rather than misread it.
*/
export const schemaVersion = 2;

/** One profile as it sits in the file; its name is the key it is stored under. */
export type StoredProfile = Omit<Profile, 'name' | 'secretStore' | 'caFile'> & {
	/** Present when the secret is in the file; absent when it is in the keychain. */
	tokenSecret?: string;
	/** Absent (the layout of version 1) means the file. */
	secretStore?: 'keychain' | 'file';
	caFile?: string;
};

/**
The whole file. Keys we do not know (in the document or in a profile) are kept as they are, so a
save never drops what a slightly newer release of the same schema version wrote.
*/
export type StoreDocument = {
	schemaVersion: number;
	profiles: Record<string, StoredProfile>;
	[key: string]: unknown;
};

/** A store with no profiles, for a file that does not exist yet. */
export function emptyDocument(): StoreDocument {
	return {schemaVersion: 1, profiles: Object.create(null) as Record<string, StoredProfile>};
}

/** The oldest layout that can hold the document, so a store without keychain profiles stays readable by older releases. */
export function versionFor(document: StoreDocument): number {
	return Object.values(document.profiles).some(profile => profile.secretStore === 'keychain') ? 2 : 1;
}

/**
Parses and checks the text of the store. Throws ProfileStoreError (`corrupt`, `newer-version` or
`invalid-schema`) naming the file and the fault, never quoting the file: it holds secrets.
*/
export function parseStoreText(text: string, file: string): StoreDocument {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		// V8 quotes the text around the fault in its message, so only the position is kept from it.
		const where = describePosition(text, (error as Error).message);
		throw new ProfileStoreError(
			'corrupt',
			file,
			`The profile store ${file} is not valid JSON${where}, so your saved profiles cannot be read. ${moveAsideAdvice(file)}`,
		);
	}

	return checkDocument(value, file);
}

function checkDocument(value: unknown, file: string): StoreDocument {
	if (!isRecord(value)) {
		throw invalid(file, 'the file must hold a JSON object');
	}

	// `{}` is what an empty store looks like to conf: treat it as one rather than as damage.
	if (Object.keys(value).length === 0) {
		return emptyDocument();
	}

	const version = value['schemaVersion'];
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw invalid(file, '"schemaVersion" must be a whole number (1 or 2 for this release)');
	}

	if (version > schemaVersion) {
		throw new ProfileStoreError(
			'newer-version',
			file,
			`The profile store ${file} was written by a newer tableau-connect (store version ${version}; this release reads versions up to ${schemaVersion}). Upgrade tableau-connect (npm install -g tableau-connect@latest) and run the command again; the file has been left as it is.`,
		);
	}

	const profiles = value['profiles'];
	if (!isRecord(profiles)) {
		throw invalid(file, '"profiles" must be an object with one entry per profile');
	}

	// A null-prototype copy, so a profile called `__proto__` is a key like any other.
	const checked = Object.create(null) as Record<string, StoredProfile>;
	for (const [name, entry] of Object.entries(profiles)) {
		const fault = profileFault(entry);
		if (fault) {
			throw invalid(file, `profile ${JSON.stringify(name)}: ${fault}`);
		}

		checked[name] = entry as StoredProfile;
	}

	return {...value, schemaVersion: version, profiles: checked};
}

const stringFields = ['server', 'site', 'tokenName', 'createdAt', 'updatedAt'] as const;
const nullableVerificationFields = ['diagnosisCode', 'productVersion', 'apiVersion', 'userName', 'siteRole'] as const;

// Names the first field that is wrong, never its value.
function profileFault(entry: unknown): string | undefined {
	if (!isRecord(entry)) {
		return 'must be an object';
	}

	for (const field of stringFields) {
		if (typeof entry[field] !== 'string') {
			return `"${field}" must be a string`;
		}
	}

	const secretStore = entry['secretStore'];
	if (secretStore !== undefined && secretStore !== 'keychain' && secretStore !== 'file') {
		return '"secretStore" must be "keychain" or "file"';
	}

	if (secretStore !== 'keychain' && typeof entry['tokenSecret'] !== 'string') {
		return '"tokenSecret" must be a string (or "secretStore" must be "keychain")';
	}

	if (entry['caFile'] !== undefined && typeof entry['caFile'] !== 'string') {
		return '"caFile" must be a string';
	}

	const verification = entry['lastVerification'];
	if (verification === null) {
		return undefined;
	}

	if (!isRecord(verification)) {
		return '"lastVerification" must be an object or null';
	}

	if (typeof verification['at'] !== 'string') {
		return '"lastVerification.at" must be a string';
	}

	if (typeof verification['ok'] !== 'boolean') {
		return '"lastVerification.ok" must be true or false';
	}

	for (const field of nullableVerificationFields) {
		const fieldValue = verification[field];
		if (fieldValue !== null && typeof fieldValue !== 'string') {
			return `"lastVerification.${field}" must be a string or null`;
		}
	}

	return undefined;
}

function invalid(file: string, fault: string): ProfileStoreError {
	return new ProfileStoreError(
		'invalid-schema',
		file,
		`The profile store ${file} is valid JSON but not in the shape tableau-connect expects: ${fault}. Correct that by hand, or start again. ${moveAsideAdvice(file)}`,
	);
}

function describePosition(text: string, message: string): string {
	const match = /at position (\d+)/.exec(message);
	if (!match) {
		return text.trim() === '' ? ' (the file is empty)' : '';
	}

	const before = text.slice(0, Number(match[1]));
	const lines = before.split('\n');
	return ` (line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The profile as callers see it: a fresh object, named. */
export function toProfile(name: string, stored: StoredProfile): Profile {
	return {
		name,
		server: stored.server,
		site: stored.site,
		tokenName: stored.tokenName,
		secretStore: stored.secretStore === 'keychain' ? 'keychain' : 'file',
		caFile: stored.caFile ?? null,
		createdAt: stored.createdAt,
		updatedAt: stored.updatedAt,
		lastVerification: stored.lastVerification === null ? null : storedVerification(stored.lastVerification),
	};
}

/**
The stored form of a save: only the known fields of the input, times kept or set. The secret is
written into the file only when that is where it lives; a keychain profile records only where it is.
*/
export function storedFromInput(input: ProfileInput, existing: StoredProfile | undefined, now: string, secretStore: SecretStore): StoredProfile {
	const {tokenSecret: _previousSecret, secretStore: _previousStore, caFile: previousCaFile, ...kept} = existing ?? {};
	const caFile = input.caFile === undefined ? previousCaFile : (input.caFile ?? undefined);
	return {
		...kept,
		server: input.server,
		site: input.site,
		tokenName: input.tokenName,
		...(secretStore === 'keychain' ? {secretStore} : {tokenSecret: input.tokenSecret}),
		...(caFile === undefined ? {} : {caFile}),
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		lastVerification: existing?.lastVerification ?? null,
	};
}

/** The same profile with its secret somewhere else: in the file (`secret` given) or in the keychain. */
export function withSecretIn(stored: StoredProfile, secretStore: SecretStore, secret: string | null): StoredProfile {
	const {tokenSecret: _secret, secretStore: _store, ...rest} = stored;
	return secretStore === 'keychain' ? {...rest, secretStore} : {...rest, tokenSecret: secret ?? ''};
}

/**
Copies only the fields a verification has, so nothing else a caller's object carries (a session
token, say) reaches the file.
*/
export function storedVerification(verification: LastVerification): LastVerification {
	return {
		at: verification.at,
		ok: verification.ok,
		diagnosisCode: verification.diagnosisCode,
		productVersion: verification.productVersion,
		apiVersion: verification.apiVersion,
		userName: verification.userName,
		siteRole: verification.siteRole,
		// Kept from the run that knew them; stores written before they were kept have neither.
		...(verification.token === undefined ? {} : {token: storedToken(verification.token)}),
		...(verification.access === undefined ? {} : {access: storedAccess(verification.access)}),
	};
}
