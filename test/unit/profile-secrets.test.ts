// Where the store puts secrets, and in which order it writes the keychain and the file, with a
// keychain in memory (the real one is tested in test/integration/keychain-cli.test.ts): a save is
// never half done, a failed keychain is a fallback only when the person did not ask for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {KeychainError, type Keychain} from '../../source/profiles/keychain.js';
import {openProfileStore, ProfileStoreError, type OpenProfileStoreOptions, type ProfileInput} from '../../source/profiles/store.js';
import {secretPresence} from '../../source/commands/core/profile-access.js';

let directory: string;
let file: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-secrets-'));
	file = path.join(directory, 'profiles.json');
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** A keychain in memory; `refuse` makes every call fail as a locked or missing keychain does. */
function memoryKeychain(): Keychain & {entries: Map<string, string>; refuse: string | null} {
	const entries = new Map<string, string>();
	const keychain = {
		label: 'a test keychain',
		entries,
		refuse: null as string | null,
		async get(account: string) {
			check();
			return entries.get(account) ?? null;
		},
		async set(account: string, secret: string) {
			check();
			entries.set(account, secret);
		},
		async delete(account: string) {
			check();
			return entries.delete(account);
		},
	};
	function check() {
		if (keychain.refuse) {
			throw new KeychainError(keychain.refuse);
		}
	}

	return keychain;
}

function input(name: string, overrides: Partial<ProfileInput> = {}): ProfileInput {
	return {name, server: 'https://tableau.example.com', site: 'acme', tokenName: 'Parable Integration', tokenSecret: `Zq9-secret-of-${name}`, ...overrides};
}

function open(keychain: Keychain, options: OpenProfileStoreOptions = {}) {
	return openProfileStore({directory, keychain, ...options});
}

const onDisk = () => JSON.parse(fs.readFileSync(file, 'utf8')) as {schemaVersion: number; profiles: Record<string, Record<string, unknown>>};

async function storeError(action: () => Promise<unknown>): Promise<ProfileStoreError> {
	const error = await action().then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(ProfileStoreError);
	return error as ProfileStoreError;
}

/** Holds the store's lock as a live process would, so the next write times out. */
function holdLock(): void {
	fs.writeFileSync(`${file}.lock`, JSON.stringify({pid: process.pid, hostname: os.hostname(), token: 'held', since: new Date().toISOString()}));
}

describe('secrets in the keychain', () => {
	it('a save puts the secret in the keychain and only where it is in the file (version 2)', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		const saved = await store.save(input('acme'));
		expect(saved).toMatchObject({profile: {secretStore: 'keychain'}, fallbackReason: null, warning: null});
		expect(keychain.entries.get('acme')).toBe(input('acme').tokenSecret);
		expect(fs.readFileSync(file, 'utf8')).not.toContain(input('acme').tokenSecret);
		expect(onDisk()).toMatchObject({schemaVersion: 2, profiles: {acme: {secretStore: 'keychain'}}});
		expect(onDisk().profiles['acme']).not.toHaveProperty('tokenSecret');
		expect(await store.readSecret('acme')).toBe(input('acme').tokenSecret);
	});

	it('falls back to the file when no keychain is usable, and says why', async () => {
		const keychain = memoryKeychain();
		keychain.refuse = 'there is no D-Bus session bus here';
		const saved = await open(keychain).save(input('acme'));
		expect(saved).toMatchObject({profile: {secretStore: 'file'}, fallbackReason: 'there is no D-Bus session bus here'});
		expect(onDisk()).toMatchObject({schemaVersion: 1, profiles: {acme: {tokenSecret: input('acme').tokenSecret}}});
	});

	it('asked for the keychain with none usable: an error that says what is missing, and nothing saved', async () => {
		const keychain = memoryKeychain();
		keychain.refuse = 'the keychain is locked';
		const error = await storeError(async () => open(keychain, {secretStore: 'keychain'}).save(input('acme')));
		expect(error.reason).toBe('keychain-unavailable');
		expect(error.message).toBe(
			'Cannot use the keychain to save the token secret of "acme": the keychain is locked. Nothing was changed. To keep the secret in the owner-only profile store instead, use --secret-store file (or TABLEAU_CONNECT_SECRET_STORE=file).',
		);
		expect(fs.existsSync(file)).toBe(false);
	});

	it('asked for the file: never asks the keychain, and removes an old keychain copy', async () => {
		const keychain = memoryKeychain();
		await open(keychain).save(input('acme'));
		const saved = await open(keychain, {secretStore: 'file'}).save(input('acme'));
		expect(saved.profile.secretStore).toBe('file');
		expect(keychain.entries.has('acme')).toBe(false);
		expect(onDisk()).toMatchObject({schemaVersion: 1, profiles: {acme: {tokenSecret: input('acme').tokenSecret}}});
		expect(onDisk().profiles['acme']).not.toHaveProperty('secretStore');
	});

	it('when the file cannot be written after the keychain was, a new entry is deleted and an old one put back', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain, {lock: {timeoutMs: 100, staleMs: 60_000}});
		holdLock();
		expect((await storeError(async () => store.save(input('fresh')))).reason).toBe('locked');
		expect(keychain.entries.has('fresh')).toBe(false);

		fs.rmSync(`${file}.lock`);
		await store.save(input('kept'));
		holdLock();
		expect((await storeError(async () => store.save(input('kept', {tokenSecret: 'a-new-secret'})))).reason).toBe('locked');
		expect(keychain.entries.get('kept')).toBe(input('kept').tokenSecret);
	});

	it('an entry gone from the keychain is `secret-missing`, with the command that saves it again', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		await store.save(input('acme'));
		keychain.entries.clear();
		const error = await storeError(async () => store.readSecret('acme'));
		expect(error.reason).toBe('secret-missing');
		expect(error.message).toContain('tableau-connect profiles set-secret acme');
	});

	it('a keychain that cannot be read is `keychain-unavailable`, naming the profile and the way out', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		await store.save(input('acme'));
		keychain.refuse = 'the keychain is locked';
		const error = await storeError(async () => store.readSecret('acme'));
		expect(error.reason).toBe('keychain-unavailable');
		expect(error.message).toContain('profile "acme"');
		expect(error.message).toContain('set-secret acme --secret-store file');
	});

	it('remove deletes the keychain entry; when the keychain refuses, the profile is gone and the person told how to delete it', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		await store.save(input('one'));
		await store.save(input('two'));
		expect(await store.remove('one')).toEqual({removed: true, warning: null});
		expect(keychain.entries.has('one')).toBe(false);

		keychain.refuse = 'the keychain is locked';
		const {removed, warning} = await store.remove('two');
		expect(removed).toBe(true);
		expect(store.get('two')).toBeUndefined();
		expect(warning).toContain('secret-tool clear service tableau-connect username two');
	});

	it('rename moves the entry, and leaves it alone when the rename is refused', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		await store.save(input('old'));
		await store.save(input('taken'));
		await store.rename('old', 'new');
		expect([...keychain.entries.keys()].sort()).toEqual(['new', 'taken']);
		expect(await store.readSecret('new')).toBe(input('old').tokenSecret);

		expect((await storeError(async () => store.rename('new', 'taken'))).reason).toBe('exists');
		expect(keychain.entries.get('taken')).toBe(input('taken').tokenSecret);
		expect(keychain.entries.get('new')).toBe(input('old').tokenSecret);
	});

	it('rename of a profile whose entry is already gone from the keychain creates none under the new name', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain);
		await store.save(input('old'));
		keychain.entries.clear();
		expect(await store.rename('old', 'new')).toEqual({warning: null});
		expect(keychain.entries.has('new')).toBe(false);
		expect(store.get('new')?.secretStore).toBe('keychain');
		expect((await storeError(async () => store.readSecret('new'))).reason).toBe('secret-missing');
	});

	it('a move into the keychain the file cannot record takes the new entry out again', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain, {secretStore: 'file', lock: {timeoutMs: 100, staleMs: 60_000}});
		await store.save(input('acme'));
		holdLock();
		expect((await storeError(async () => store.moveSecret('acme', 'keychain'))).reason).toBe('locked');
		expect(keychain.entries.has('acme')).toBe(false);
		expect(onDisk().profiles['acme']).toMatchObject({tokenSecret: input('acme').tokenSecret});
	});

	it.each([
		['saved it again with a new secret in the file', {tokenSecret: 'Zq9-a-newer-secret'}],
		['moved it into the keychain already', {secretStore: 'keychain'}],
	])('a move into the keychain leaves the file as another process left it when that process %s', async (_label, change) => {
		const keychain = memoryKeychain();
		const store = open(keychain, {secretStore: 'file'});
		await store.save(input('acme'));
		// The other process writes the file while our keychain write is under way.
		let theirs = '';
		const set = keychain.set.bind(keychain);
		keychain.set = async (account, secret) => {
			await set(account, secret);
			const document = onDisk();
			document.profiles['acme'] = {...document.profiles['acme'], ...change};
			theirs = JSON.stringify({...document, schemaVersion: 2});
			fs.writeFileSync(file, theirs);
		};

		await store.moveSecret('acme', 'keychain');
		expect(fs.readFileSync(file, 'utf8')).toBe(theirs);
	});

	it('moves a secret into the keychain and back only when asked', async () => {
		const keychain = memoryKeychain();
		await open(keychain, {secretStore: 'file'}).save(input('acme'));
		const store = open(keychain);
		expect(await store.moveSecret('acme', 'file')).toEqual({moved: false, warning: null});
		expect(await store.moveSecret('acme', 'keychain')).toEqual({moved: true, warning: null});
		expect(fs.readFileSync(file, 'utf8')).not.toContain(input('acme').tokenSecret);
		expect(await store.moveSecret('acme', 'file')).toEqual({moved: true, warning: null});
		expect(keychain.entries.size).toBe(0);
		expect(onDisk().profiles['acme']).toMatchObject({tokenSecret: input('acme').tokenSecret});
	});
});

describe('the CA file of a profile', () => {
	it('is saved, kept by a save that does not mention it, dropped by null, and set on its own', async () => {
		const store = open(memoryKeychain(), {secretStore: 'file'});
		expect((await store.save(input('acme', {caFile: '/etc/ssl/company-ca.pem'}))).profile.caFile).toBe('/etc/ssl/company-ca.pem');
		expect((await store.save(input('acme'))).profile.caFile).toBe('/etc/ssl/company-ca.pem');
		expect(onDisk().profiles['acme']).toMatchObject({caFile: '/etc/ssl/company-ca.pem'});
		expect((await store.save(input('acme', {caFile: null}))).profile.caFile).toBeNull();
		expect(onDisk().profiles['acme']).not.toHaveProperty('caFile');
		expect(store.setCaFile('acme', '/tmp/other.pem').caFile).toBe('/tmp/other.pem');
		expect(store.setCaFile('acme', null).caFile).toBeNull();
	});
});

describe('secretPresence (profiles show, describe)', () => {
	it('says found, missing, or unknown with the reason; an error that is no store problem is not hidden as one', async () => {
		const keychain = memoryKeychain();
		const store = open(keychain, {secretStore: 'keychain'});
		await store.save(input('kept'));
		await store.save(input('gone'));
		keychain.entries.delete('gone');
		expect(await secretPresence(store, store.get('kept')!)).toEqual({found: true, problem: null});
		expect(await secretPresence(store, store.get('gone')!)).toMatchObject({found: false, problem: expect.stringContaining('gone')});
		keychain.refuse = 'the keychain is locked';
		expect(await secretPresence(store, store.get('kept')!)).toMatchObject({found: null, problem: expect.stringContaining('the keychain is locked')});
		keychain.refuse = null;
		keychain.get = async () => {
			throw new TypeError('a bug, not a locked keychain');
		};
		await expect(secretPresence(store, store.get('kept')!)).rejects.toThrow(TypeError);
	});
});
