import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {isMainThread} from 'node:worker_threads';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {withFileLock} from '../../source/profiles/file-lock.js';
import {
	configDirectory,
	maskSecret,
	openProfileStore as openStore,
	ProfileStoreError,
	validateProfileName,
	type LastVerification,
	type ProfileInput,
	type ProfileStoreErrorReason,
} from '../../source/profiles/store.js';

const isRoot = process.getuid?.() === 0;

// These tests are about the file: secrets stay in it (test/unit/profile-secrets.test.ts covers the keychain).
const openProfileStore = (options: Parameters<typeof openStore>[0] = {}) => openStore({secretStore: 'file', ...options});

let root: string;
let directory: string;
let file: string;

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-store-'));
	// Below the temporary folder, so the store has to create it.
	directory = path.join(root, 'config');
	file = path.join(directory, 'profiles.json');
});

afterEach(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

// A clock that moves only when told, so timestamps compare exactly.
function manualClock(start = '2026-01-01T00:00:00.000Z') {
	let time = Date.parse(start);
	return {now: () => new Date(time), advance: (milliseconds: number) => void (time += milliseconds)};
}

function input(name: string, overrides: Partial<ProfileInput> = {}): ProfileInput {
	return {name, server: 'https://10ay.online.tableau.com', site: 'acme', tokenName: 'Parable Integration', tokenSecret: `Zq9-secret-of-${name}`, ...overrides};
}

const verification: LastVerification = {
	at: '2026-01-02T03:04:05.000Z',
	ok: false,
	diagnosisCode: 'signin-failed',
	productVersion: '2024.2.1',
	apiVersion: '3.23',
	userName: 'ada@acme.com',
	siteRole: 'SiteAdministratorCreator',
};

async function expectStoreError(action: () => unknown, reason: ProfileStoreErrorReason, expectedPath = file): Promise<ProfileStoreError> {
	let thrown: unknown;
	try {
		await action();
	} catch (error) {
		thrown = error;
	}

	expect(thrown).toBeInstanceOf(ProfileStoreError);
	const error = thrown as ProfileStoreError;
	expect(error.reason).toBe(reason);
	expect(error.path).toBe(expectedPath);
	return error;
}

// Any five characters in a row from the secret count as a leak: V8 quotes a fragment of bad JSON.
function expectNoPieceOf(secret: string, text: string): void {
	for (let start = 0; start + 5 <= secret.length; start++) {
		expect(text).not.toContain(secret.slice(start, start + 5));
	}
}

function modeOf(target: string): number {
	return fs.statSync(target).mode & 0o777;
}

describe('validateProfileName', () => {
	it.each(['acme', 'acme.prod', 'a', '_scratch', 'Acme-Cloud_2.eu', 'x'.repeat(64), '9lives'])('accepts %j', async name => {
		expect(validateProfileName(name)).toBeNull();
	});

	it.each(['', '-prod', '.prod', 'acme prod', 'acme/prod', 'x'.repeat(65), 'café', 'a:b', '..'])('refuses %j with a name to type instead', async name => {
		const message = validateProfileName(name);
		expect(message).toEqual(expect.any(String));
		const suggestion = /(?:try|for example) "?([^"\s]+?)"?\.?$/.exec(message!)?.[1];
		expect(suggestion, message!).toBeDefined();
		expect(validateProfileName(suggestion!)).toBeNull();
	});

	it('suggests a close name', async () => {
		expect(validateProfileName('acme prod')).toContain('"acme-prod"');
		expect(validateProfileName('-prod')).toContain('"prod"');
		expect(validateProfileName('-prod')).toContain('cannot start with');
	});
});

describe('maskSecret', () => {
	const secrets = ['a', 'ab', 'Zq9x', 'lSu7tXN0Qe2lVmQJ1Wp2kA==:abcdEFGHijklMNOPqrstUVwx1234', 'x'.repeat(300), '        ', ''];

	it('shows one fixed mask, whatever the secret', async () => {
		const masks = new Set(secrets.map(secret => maskSecret(secret)));
		expect(masks.size).toBe(1);
		expect([...masks][0]).toMatch(/^•+$/);
	});

	it.each(secrets.filter(Boolean))('reveals no character of %j', async secret => {
		const mask = maskSecret(secret);
		for (const character of secret.trim()) {
			expect(mask).not.toContain(character);
		}

		expect(mask).not.toContain(secret.slice(-4));
	});
});

describe('configDirectory', () => {
	it('uses TABLEAU_CONNECT_CONFIG_DIR when set, made absolute', async () => {
		expect(configDirectory({TABLEAU_CONNECT_CONFIG_DIR: '/srv/tc'})).toBe('/srv/tc');
		expect(configDirectory({TABLEAU_CONNECT_CONFIG_DIR: 'relative/here'})).toBe(path.resolve('relative/here'));
	});

	it.runIf(process.platform === 'linux')('defaults to the XDG config folder without a -nodejs suffix', async () => {
		const base = process.env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
		expect(configDirectory({})).toBe(path.join(base, 'tableau-connect'));
		expect(configDirectory({TABLEAU_CONNECT_CONFIG_DIR: ''})).toBe(path.join(base, 'tableau-connect'));
	});

	it('is where openProfileStore puts the file', async () => {
		const store = openProfileStore({env: {TABLEAU_CONNECT_CONFIG_DIR: directory}});
		expect(store.path).toBe(file);
		await store.save(input('acme'));
		expect(fs.existsSync(file)).toBe(true);
	});
});

describe('profile store: round trip', () => {
	it('starts empty without writing a file', async () => {
		const store = openProfileStore({directory});
		expect(store.list()).toEqual([]);
		expect(store.get('acme')).toBeUndefined();
		expect(fs.existsSync(file)).toBe(false);
	});

	it('saves, gets, lists, renames and removes profiles whose names have dots', async () => {
		const clock = manualClock();
		const store = openProfileStore({directory, now: clock.now});
		const {profile: saved} = await store.save(input('acme.prod'));
		const {tokenSecret, ...values} = input('acme.prod');
		expect(saved).toEqual({
			...values,
			secretStore: 'file',
			caFile: null,
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			lastVerification: null,
		});
		expect(store.get('acme.prod')).toEqual(saved);
		// With dot notation on, conf would have nested this under "acme" → "prod".
		expect(store.get('acme')).toBeUndefined();
		const onDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(onDisk).toEqual({
			schemaVersion: 1,
			profiles: {
				'acme.prod': {
					server: saved.server,
					site: 'acme',
					tokenName: saved.tokenName,
					tokenSecret,
					createdAt: saved.createdAt,
					updatedAt: saved.updatedAt,
					lastVerification: null,
				},
			},
		});

		clock.advance(1000);
		await store.rename('acme.prod', 'acme.production');
		expect(store.get('acme.prod')).toBeUndefined();
		expect(store.get('acme.production')).toMatchObject({createdAt: saved.createdAt, updatedAt: '2026-01-01T00:00:01.000Z'});
		expect(await store.readSecret('acme.production')).toBe(tokenSecret);

		expect(await store.remove('acme.production')).toEqual({removed: true, warning: null});
		expect(await store.remove('acme.production')).toEqual({removed: false, warning: null});
		expect(store.list()).toEqual([]);
	});

	it('lists profiles sorted by name, case-insensitively and numerically', async () => {
		const store = openProfileStore({directory});
		for (const name of ['beta', 'prod10', 'Acme.prod', 'prod2', 'acme.dev', '_scratch']) {
			await store.save(input(name));
		}

		expect(store.list().map(profile => profile.name)).toEqual(['_scratch', 'acme.dev', 'Acme.prod', 'beta', 'prod2', 'prod10']);
	});

	it('keeps createdAt and the last verification on update, and moves updatedAt', async () => {
		const clock = manualClock();
		const store = openProfileStore({directory, now: clock.now});
		const {profile: first} = await store.save(input('acme'));
		store.recordVerification('acme', verification);
		clock.advance(60_000);
		const {profile: second} = await store.save(input('acme', {site: 'acme-eu', tokenSecret: 'new-secret'}));
		expect(second.createdAt).toBe(first.createdAt);
		expect(second.updatedAt).toBe('2026-01-01T00:01:00.000Z');
		expect(second.updatedAt).not.toBe(first.updatedAt);
		expect(second.site).toBe('acme-eu');
		expect(await store.readSecret('acme')).toBe('new-secret');
		expect(second.lastVerification).toEqual(verification);
	});

	it('records a verification, and only its known fields', async () => {
		const store = openProfileStore({directory});
		await store.save(input('acme'));
		const withExtra = {...verification, sessionToken: 'SESSION-TOKEN-must-not-be-stored'} as LastVerification;
		store.recordVerification('acme', withExtra);
		expect(store.get('acme')?.lastVerification).toEqual(verification);
		expect(fs.readFileSync(file, 'utf8')).not.toContain('SESSION-TOKEN');
	});

	it("keeps the token's expiry and the content counts, and reads a hand-broken one as unknown", async () => {
		const store = openProfileStore({directory});
		await store.save(input('acme'));
		const found: LastVerification = {
			...verification,
			ok: true,
			diagnosisCode: null,
			token: {expiresAt: '2027-05-28T01:53:00Z', expiresInDays: 177},
			access: {workbooks: 142, views: null, datasources: 57, users: 88, usageStatistics: null},
		};
		store.recordVerification('acme', found);
		expect(store.get('acme')?.lastVerification).toEqual(found);

		const document = JSON.parse(fs.readFileSync(file, 'utf8'));
		document.profiles.acme.lastVerification.token = {expiresAt: 'next spring', expiresInDays: 'many'};
		document.profiles.acme.lastVerification.access = {workbooks: -1, views: '9', usageStatistics: 'yes'};
		fs.writeFileSync(file, JSON.stringify(document));
		expect(store.get('acme')?.lastVerification).toMatchObject({
			ok: true,
			token: null,
			access: {workbooks: null, views: null, datasources: null, users: null, usageStatistics: null},
		});
	});

	it("reads the file afresh, so another process's changes show and are not undone", async () => {
		const first = openProfileStore({directory});
		const second = openProfileStore({directory});
		await first.save(input('one'));
		expect(second.get('one')?.name).toBe('one');
		await second.save(input('two'));
		await first.save(input('three'));
		expect(second.list().map(profile => profile.name)).toEqual(['one', 'three', 'two']);
	});

	it('keeps fields and keys it does not know', async () => {
		await openProfileStore({directory}).save(input('acme'));
		const document = JSON.parse(fs.readFileSync(file, 'utf8'));
		document.note = 'kept';
		document.profiles.acme.color = 'teal';
		fs.writeFileSync(file, JSON.stringify(document));
		const store = openProfileStore({directory});
		await store.save(input('acme', {site: 'other'}));
		await store.save(input('beta'));
		const after = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(after.note).toBe('kept');
		expect(after.profiles.acme.color).toBe('teal');
		expect(after.profiles.acme.site).toBe('other');
	});

	it('treats names like __proto__ and constructor as ordinary keys', async () => {
		const store = openProfileStore({directory});
		expect(store.get('constructor')).toBeUndefined();
		expect((await store.remove('toString')).removed).toBe(false);
		await store.save(input('__proto__'));
		await store.save(input('constructor'));
		expect(store.list().map(profile => profile.name)).toEqual(['__proto__', 'constructor']);
		expect(await openProfileStore({directory}).readSecret('__proto__')).toBe(input('__proto__').tokenSecret);
		expect(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).profiles)).toEqual(['__proto__', 'constructor']);
	});

	it('accepts an empty object as an empty store', async () => {
		fs.mkdirSync(directory, {mode: 0o700});
		fs.writeFileSync(file, '{}', {mode: 0o600});
		const store = openProfileStore({directory});
		expect(store.list()).toEqual([]);
		await store.save(input('acme'));
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).schemaVersion).toBe(1);
	});
});

describe('profile store: refusals', () => {
	it('refuses an invalid name on save and rename, and writes nothing', async () => {
		const store = openProfileStore({directory});
		const error = await expectStoreError(async () => store.save(input('acme prod')), 'invalid-name');
		expect(error.message).toContain('"acme-prod"');
		expect(fs.existsSync(file)).toBe(false);
		await store.save(input('acme'));
		await expectStoreError(async () => store.rename('acme', '-acme'), 'invalid-name');
		expect(store.get('acme')).toBeDefined();
	});

	it('refuses to rename onto an existing profile', async () => {
		const store = openProfileStore({directory});
		await store.save(input('acme'));
		await store.save(input('beta'));
		const before = fs.readFileSync(file);
		const error = await expectStoreError(async () => store.rename('acme', 'beta'), 'exists');
		expect(error.message).toContain('"beta"');
		expect(error.message).toContain('tableau-connect profiles remove beta');
		expect(fs.readFileSync(file)).toEqual(before);
	});

	it('names the saved profiles when one is not found', async () => {
		const store = openProfileStore({directory});
		expect((await expectStoreError(async () => store.rename('acme', 'beta'), 'not-found')).message).toContain('No profiles are saved yet');
		await store.save(input('zeta'));
		await store.save(input('acme.prod'));
		const error = await expectStoreError(async () => store.rename('acme', 'beta'), 'not-found');
		expect(error.message).toContain('"acme"');
		expect(error.message).toContain('acme.prod, zeta');
		await expectStoreError(() => store.recordVerification('nope', verification), 'not-found');
	});

	it('removing a profile that does not exist writes nothing', async () => {
		const store = openProfileStore({directory});
		expect(await store.remove('ghost')).toEqual({removed: false, warning: null});
		expect(fs.existsSync(file)).toBe(false);
		await store.save(input('acme'));
		const before = fs.statSync(file);
		expect(await store.remove('ghost')).toEqual({removed: false, warning: null});
		expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
		expect(store.list().map(profile => profile.name)).toEqual(['acme']);
	});

	it('renaming a profile to its own name changes nothing', async () => {
		const store = openProfileStore({directory});
		await store.save(input('acme'));
		const before = fs.readFileSync(file);
		await store.rename('acme', 'acme');
		expect(fs.readFileSync(file)).toEqual(before);
	});
});

describe('profile store: permissions', () => {
	it('creates the folder 0700 and the file 0600', async () => {
		const store = openProfileStore({directory});
		expect(modeOf(directory)).toBe(0o700);
		await store.save(input('acme'));
		expect(modeOf(file)).toBe(0o600);
		expect(store.permissionWarning).toBeNull();
		expect(openProfileStore({directory}).permissionWarning).toBeNull();
	});

	// process.umask() cannot be set from a worker thread.
	it.runIf(isMainThread)('makes what it creates owner-only and usable whatever the umask', async () => {
		const previous = process.umask(0o777);
		try {
			const store = openProfileStore({directory});
			await store.save(input('acme'));
			await store.save(input('beta'));
			expect(store.list()).toHaveLength(2);
		} finally {
			process.umask(previous);
		}

		expect(modeOf(directory)).toBe(0o700);
		expect(modeOf(file)).toBe(0o600);
		expect(fs.readdirSync(directory)).toEqual(['profiles.json']);
	});

	it('creates missing parent folders too', async () => {
		const deep = path.join(root, 'a', 'b', 'c');
		await openProfileStore({directory: deep}).save(input('acme'));
		expect(modeOf(deep)).toBe(0o700);
		expect(modeOf(path.join(deep, 'profiles.json'))).toBe(0o600);
	});

	it('warns about a folder others can open, with the chmod to run, and leaves it alone', async () => {
		fs.mkdirSync(directory);
		fs.chmodSync(directory, 0o755);
		const store = openProfileStore({directory});
		expect(store.permissionWarning).toContain(`chmod 700 ${directory}`);
		expect(store.permissionWarning).not.toContain('chmod 600');
		expect(modeOf(directory)).toBe(0o755);
	});

	it('warns about a file others can read, with the chmod to run, and does not change it on open', async () => {
		await openProfileStore({directory}).save(input('acme'));
		fs.chmodSync(file, 0o644);
		const store = openProfileStore({directory});
		expect(store.permissionWarning).toContain(`chmod 600 ${file}`);
		expect(store.permissionWarning).toContain('0644');
		expect(store.permissionWarning).not.toContain('chmod 700');
		expect(store.list()).toHaveLength(1);
		expect(modeOf(file)).toBe(0o644);
		// conf writes a new file with configFileMode and renames it over the old one.
		await store.save(input('beta'));
		expect(modeOf(file)).toBe(0o600);
	});

	it('names both when both are open', async () => {
		fs.mkdirSync(directory, {mode: 0o777});
		fs.chmodSync(directory, 0o777);
		fs.writeFileSync(file, '{"schemaVersion":1,"profiles":{}}');
		fs.chmodSync(file, 0o660);
		const warning = openProfileStore({directory}).permissionWarning;
		expect(warning?.split('\n')).toEqual([expect.stringContaining(`chmod 700 ${directory}`), expect.stringContaining(`chmod 600 ${file}`)]);
	});

	it('quotes a path with spaces in the command', async () => {
		const spaced = path.join(root, 'my config');
		fs.mkdirSync(spaced, {mode: 0o755});
		fs.chmodSync(spaced, 0o755);
		expect(openProfileStore({directory: spaced}).permissionWarning).toContain(`chmod 700 '${spaced}'`);
	});
});

describe('profile store: damaged files are never rewritten', () => {
	const secret = 'TOPSECRETvalue123';
	const damaged: Array<[string, ProfileStoreErrorReason, string]> = [
		['corrupt JSON', 'corrupt', `{"schemaVersion":1,"profiles":{"acme":{"tokenSecret": ${secret}}}}`],
		['truncated JSON', 'corrupt', `{"schemaVersion":1,"profiles":{"acme":{"tokenSecret":"${secret}"`],
		['an empty file', 'corrupt', ''],
		['an array', 'invalid-schema', '[]'],
		['no schemaVersion', 'invalid-schema', '{"profiles":{}}'],
		['a string schemaVersion', 'invalid-schema', '{"schemaVersion":"1","profiles":{}}'],
		['profiles as an array', 'invalid-schema', '{"schemaVersion":1,"profiles":[]}'],
		[
			'a profile missing its secret',
			'invalid-schema',
			'{"schemaVersion":1,"profiles":{"acme":{"server":"https://x","site":"","tokenName":"n","createdAt":"t","updatedAt":"t","lastVerification":null}}}',
		],
		[
			'a malformed verification',
			'invalid-schema',
			`{"schemaVersion":1,"profiles":{"acme":{"server":"https://x","site":"","tokenName":"n","tokenSecret":"${secret}","createdAt":"t","updatedAt":"t","lastVerification":{"at":"t","ok":"yes"}}}}`,
		],
		['a newer schemaVersion', 'newer-version', `{"schemaVersion":3,"profiles":{"acme":{"secretRef":"keychain:${secret}"}}}`],
	];

	function writeStore(contents: string): Buffer {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		fs.writeFileSync(file, contents, {mode: 0o600});
		return fs.readFileSync(file);
	}

	function expectUntouched(before: Buffer): void {
		expect(fs.readFileSync(file)).toEqual(before);
		// No temporary file, no lock left behind.
		expect(fs.readdirSync(directory)).toEqual(['profiles.json']);
	}

	it.each(damaged)('refuses to open %s, names the file and the fix', async (_label, reason, contents) => {
		const before = writeStore(contents);
		const error = await expectStoreError(() => openProfileStore({directory}), reason);
		expect(error.message).toContain(file);
		expectNoPieceOf(secret, error.message);
		expectNoPieceOf(secret, String(error.cause ?? ''));
		expect(error.message).toMatch(reason === 'newer-version' ? /upgrade tableau-connect/i : /mv .*profiles\.json .*profiles\.json\.bak/);
		expectUntouched(before);
	});

	it.each(damaged)('refuses every read and write once the file has become %s', async (_label, reason, contents) => {
		writeStore('{"schemaVersion":1,"profiles":{}}');
		const store = openProfileStore({directory});
		await store.save(input('acme'));
		const before = writeStore(contents);
		await expectStoreError(async () => store.save(input('beta')), reason);
		await expectStoreError(async () => store.save(input('acme')), reason);
		await expectStoreError(() => store.recordVerification('acme', verification), reason);
		await expectStoreError(async () => store.remove('acme'), reason);
		await expectStoreError(async () => store.rename('acme', 'zeta'), reason);
		await expectStoreError(() => store.list(), reason);
		await expectStoreError(() => store.get('acme'), reason);
		expectUntouched(before);
	});

	it('says where a JSON error is', async () => {
		writeStore('{\n\t"schemaVersion": 1,\n\t"profiles": {,}\n}');
		expect((await expectStoreError(() => openProfileStore({directory}), 'corrupt')).message).toContain('line 3, column 15');
	});

	it('says which profile and field are wrong, without their values', async () => {
		writeStore(
			`{"schemaVersion":1,"profiles":{"acme.prod":{"server":"https://x","site":"","tokenName":"n","tokenSecret":9876543210,"createdAt":"t","updatedAt":"t","lastVerification":null}}}`,
		);
		const error = await expectStoreError(() => openProfileStore({directory}), 'invalid-schema');
		expect(error.message).toContain('profile "acme.prod": "tokenSecret" must be a string');
		expect(error.message).not.toContain('9876543210');
	});

	it('refuses a folder where the file should be, and leaves it there', async () => {
		fs.mkdirSync(file, {recursive: true});
		fs.writeFileSync(path.join(file, 'keep.txt'), 'mine');
		const error = await expectStoreError(() => openProfileStore({directory}), 'unreadable');
		expect(error.message).toContain('is a folder');
		expect(fs.readFileSync(path.join(file, 'keep.txt'), 'utf8')).toBe('mine');
	});

	it.skipIf(isRoot)('refuses a file it may not read (chmod 000), and leaves it as it is', async () => {
		const before = writeStore('{"schemaVersion":1,"profiles":{}}');
		fs.chmodSync(file, 0o000);
		try {
			const error = await expectStoreError(() => openProfileStore({directory}), 'unreadable');
			expect(error.message).toContain('permission denied');
			expect(error.message).toContain(`chmod 600 ${file}`);
			expect(modeOf(file)).toBe(0o000);
		} finally {
			fs.chmodSync(file, 0o600);
		}

		expect(fs.readFileSync(file)).toEqual(before);
	});

	it('refuses to create the store where a file stands in for the folder', async () => {
		fs.writeFileSync(directory, 'not a folder');
		const error = await expectStoreError(() => openProfileStore({directory}), 'unwritable', directory);
		expect(error.message).toContain('mkdir -p');
		expect(fs.readFileSync(directory, 'utf8')).toBe('not a folder');
	});
});

describe('profile store: the lock', () => {
	const lockPath = () => `${file}.lock`;

	function writeLock(owner: object | string, ageMs = 0): void {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		fs.writeFileSync(lockPath(), typeof owner === 'string' ? owner : JSON.stringify(owner), {mode: 0o600});
		const time = (Date.now() - ageMs) / 1000;
		fs.utimesSync(lockPath(), time, time);
	}

	it('is owner-only while held and gone afterwards', async () => {
		fs.mkdirSync(directory, {mode: 0o700});
		const mode = withFileLock(lockPath(), () => modeOf(lockPath()));
		expect(mode).toBe(0o600);
		expect(fs.existsSync(lockPath())).toBe(false);
	});

	it('is released when the action throws', async () => {
		fs.mkdirSync(directory, {mode: 0o700});
		expect(() =>
			withFileLock(lockPath(), () => {
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(fs.existsSync(lockPath())).toBe(false);
	});

	it('waits for a live holder, then says who holds it and how to clear it', async () => {
		const store = openProfileStore({directory, lock: {timeoutMs: 150, staleMs: 60_000}});
		writeLock({pid: process.pid, hostname: os.hostname(), token: 'held', since: '2026-01-01T00:00:00.000Z'});
		const started = Date.now();
		const error = await expectStoreError(async () => store.save(input('acme')), 'locked');
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(error.message).toContain(`process ${process.pid}`);
		expect(error.message).toContain(`rm ${lockPath()}`);
		expect(fs.existsSync(file)).toBe(false);
		expect(fs.existsSync(lockPath())).toBe(true);
	});

	it('takes over a lock whose process has died', async () => {
		const dead = spawnSync(process.execPath, ['-e', '']).pid!;
		writeLock({pid: dead, hostname: os.hostname(), token: 'dead', since: '2026-01-01T00:00:00.000Z'});
		const store = openProfileStore({directory, lock: {timeoutMs: 2000, staleMs: 60_000}});
		await store.save(input('acme'));
		expect(store.get('acme')).toBeDefined();
		expect(fs.readdirSync(directory)).toEqual(['profiles.json']);
	});

	it('takes over a lock older than staleMs even when its owner is unknown', async () => {
		writeLock('', 5000);
		const store = openProfileStore({directory, lock: {timeoutMs: 2000, staleMs: 1000}});
		await store.save(input('acme'));
		expect(fs.readdirSync(directory)).toEqual(['profiles.json']);
	});

	it('does not take over a fresh lock whose owner it cannot read yet', async () => {
		writeLock('');
		const store = openProfileStore({directory, lock: {timeoutMs: 100, staleMs: 60_000}});
		await expectStoreError(async () => store.save(input('acme')), 'locked');
	});
});
