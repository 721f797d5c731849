// Token secrets in the keychain, through the built CLI, against a real Secret Service (a private
// D-Bus and gnome-keyring-daemon, see test/helpers/secret-service.ts), and without one.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {runCli, type CliRun} from '../helpers/cli.js';
import {startSecretService} from '../helpers/secret-service.js';

const service = await startSecretService();
const unavailable = 'unavailable' in service ? service.unavailable : null;

let simulator: Simulator;
let configDir: string;
const outputs: CliRun[] = [];

beforeEach(async () => {
	configDir = mkdtempSync(join(tmpdir(), 'tableau-connect-keychain-'));
	simulator ??= await startSimulator({});
});

afterEach(() => {
	// The leak check of every other CLI test, on the keychain path: no output ever holds the secret.
	for (const run of outputs.splice(0)) {
		expect(run.stdout + run.stderr).not.toContain(simulator.tokenSecret);
		expect(run.stdout + run.stderr).not.toContain('rotated-secret-value');
	}

	rmSync(configDir, {recursive: true, force: true});
});

afterAll(async () => {
	await simulator?.close();
	if (!('unavailable' in service)) {
		await service.stop();
	}
});

const storeFile = () => join(configDir, 'profiles.json');
const storeText = () => readFileSync(storeFile(), 'utf8');

/** The CLI with the private Secret Service in reach (`keychain: false`: no session bus, as on a server). */
async function cli(args: string[], options: {input?: string; keychain?: boolean; env?: Record<string, string>} = {}): Promise<CliRun> {
	const reach = options.keychain === false || 'unavailable' in service ? {} : service.env;
	const run = await runCli(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: configDir, ...reach, ...options.env}, input: options.input, timeoutMs: 15_000});
	outputs.push(run);
	return run;
}

async function add(name: string, extra: string[] = [], options: {keychain?: boolean; env?: Record<string, string>} = {}): Promise<CliRun> {
	return cli(
		['profiles', 'add', name, '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', ...extra],
		{input: simulator.tokenSecret, ...options},
	);
}

async function testJson(name: string, options: {keychain?: boolean} = {}): Promise<{run: CliRun; ok: boolean | undefined}> {
	const run = await cli(['test', name, '--json'], options);
	return {run, ok: run.code === 0 || run.code === 1 ? (JSON.parse(run.stdout) as {ok: boolean}).ok : undefined};
}

describe('without a Secret Service (no session bus, as on a server)', () => {
	it('saves the secret in the file and says so, once and plainly', async () => {
		const run = await add('plain', [], {keychain: false});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('is saved in plain text in');
		expect(run.stdout).toContain('no D-Bus session bus');
		expect(run.stdout).toContain('tableau-connect profiles move-secrets plain');
		expect(run.stdout.match(/plain text/g)).toHaveLength(1);
		expect(JSON.parse(storeText())).toMatchObject({schemaVersion: 1, profiles: {plain: {tokenSecret: simulator.tokenSecret}}});
		expect((await testJson('plain', {keychain: false})).ok).toBe(true);
	});

	it('refuses --secret-store keychain, and TABLEAU_CONNECT_SECRET_STORE=keychain, saying what is missing; nothing is saved', async () => {
		for (const choice of [['--secret-store', 'keychain'], []]) {
			const run = await add('strict', choice, {keychain: false, env: choice.length === 0 ? {TABLEAU_CONNECT_SECRET_STORE: 'keychain'} : {}});
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('Cannot use the keychain');
			expect(run.stderr).toContain('DBUS_SESSION_BUS_ADDRESS');
			expect(run.stderr).toContain('--secret-store file');
			expect(existsSync(storeFile()) ? storeText() : '').not.toContain('strict');
		}
	});

	it('refuses a --secret-store it does not know', async () => {
		const run = await add('odd', ['--secret-store', 'vault'], {keychain: false});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--secret-store must be "keychain"');
	});
});

describe.skipIf(unavailable !== null)(unavailable ? `with a real Secret Service (skipped: ${unavailable})` : 'with a real Secret Service', () => {
	const keyring = () => {
		if ('unavailable' in service) {
			throw new Error('no Secret Service');
		}

		return service;
	};

	it('saves the secret in the keychain, and the file holds none', async () => {
		const run = await add('acme.prod');
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('is in the keychain (service "tableau-connect", account "acme.prod")');
		expect(storeText()).not.toContain(simulator.tokenSecret);
		expect(JSON.parse(storeText())).toMatchObject({schemaVersion: 2, profiles: {'acme.prod': {secretStore: 'keychain'}}});
		expect(JSON.parse(storeText()).profiles['acme.prod']).not.toHaveProperty('tokenSecret');
		expect(keyring().lookup('acme.prod')).toBe(simulator.tokenSecret);
		expect(keyring().search()).toContain('attribute.username = acme.prod');
	});

	it('test NAME and test --all read it from the keychain', async () => {
		await add('one');
		await add('two', ['--no-verify']);
		expect((await testJson('one')).ok).toBe(true);
		const all = await cli(['test', '--all', '--json']);
		expect(all.code, all.stderr).toBe(0);
		expect((JSON.parse(all.stdout) as Array<{ok: boolean}>).map(result => result.ok)).toEqual([true, true]);
	});

	it('profiles show says where the secret lives, in text and JSON', async () => {
		await add('shown', ['--no-verify']);
		const text = await cli(['profiles', 'show', 'shown']);
		expect(text.stdout).toMatch(/Token secret +in the keychain \(service "tableau-connect", account "shown"\)/);
		const json = JSON.parse((await cli(['profiles', 'show', 'shown', '--json'])).stdout) as Record<string, unknown>;
		expect(json).toMatchObject({secretStore: 'keychain', tokenSecretSaved: true});
		expect(json).not.toHaveProperty('tokenSecret');
	});

	it('rename moves the keychain entry; remove deletes it', async () => {
		await add('before', ['--no-verify']);
		const renamed = await cli(['profiles', 'rename', 'before', 'after']);
		expect(renamed.code, renamed.stderr).toBe(0);
		expect(keyring().lookup('before')).toBeNull();
		expect(keyring().lookup('after')).toBe(simulator.tokenSecret);
		expect((await testJson('after')).ok).toBe(true);

		const removed = await cli(['profiles', 'remove', 'after', '--yes']);
		expect(removed.code, removed.stderr).toBe(0);
		expect(removed.stderr).toBe('');
		expect(keyring().lookup('after')).toBeNull();
		expect(keyring().search()).not.toContain('attribute.username = after');
	});

	it('an entry deleted outside tableau-connect: a usage error with the command that fixes it, not a failed sign-in', async () => {
		await add('gone', ['--no-verify']);
		keyring().clear('gone');
		const sessionsBefore = simulator.stats().signIns;
		const run = await cli(['test', 'gone', '--json']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('The token secret of profile "gone" is no longer in the keychain');
		expect(run.stderr).toContain('tableau-connect profiles set-secret gone');
		expect(simulator.stats().signIns).toBe(sessionsBefore);

		const shown = await cli(['profiles', 'show', 'gone']);
		expect(shown.stdout).toContain('MISSING from the keychain');
		expect(JSON.parse((await cli(['profiles', 'show', 'gone', '--json'])).stdout)).toMatchObject({tokenSecretSaved: false});

		const fixed = await cli(['profiles', 'set-secret', 'gone'], {input: simulator.tokenSecret});
		expect(fixed.code, fixed.stderr).toBe(0);
		expect((await testJson('gone')).ok).toBe(true);
	});

	it('set-secret replaces the secret in place', async () => {
		await add('rotating', ['--no-verify']);
		const run = await cli(['profiles', 'set-secret', 'rotating'], {input: 'rotated-secret-value'});
		expect(run.code, run.stderr).toBe(0);
		expect(keyring().lookup('rotating')).toBe('rotated-secret-value');
		expect(storeText()).not.toContain('rotated-secret-value');
	});

	it('rotate: a failing new token leaves the file and the keychain entry as they were; a passing one replaces the entry', async () => {
		const other = await startSimulator({tokenName: 'Rotated 2027', tokenSecret: 'rotated-secret-value'});
		try {
			const saved = await cli(
				['profiles', 'add', 'rot', '--server', other.url, '--site', other.site, '--token-name', 'Old', '--token-secret-stdin', '--no-verify'],
				{input: simulator.tokenSecret},
			);
			expect(saved.code, saved.stderr).toBe(0);
			const bytes = readFileSync(storeFile());
			const failed = await cli(['rotate', 'rot', '--token-name', 'Rotated 2027', '--token-secret-stdin'], {input: 'not-the-rotated-one'});
			expect(failed.code).toBe(1);
			expect(readFileSync(storeFile()).equals(bytes)).toBe(true);
			expect(keyring().lookup('rot')).toBe(simulator.tokenSecret);

			const passed = await cli(['rotate', 'rot', '--token-name', 'Rotated 2027', '--token-secret-stdin'], {input: 'rotated-secret-value'});
			expect(passed.code, passed.stderr).toBe(0);
			expect(keyring().lookup('rot')).toBe('rotated-secret-value');
			expect(storeText()).not.toContain('rotated-secret-value');
			expect(JSON.parse(storeText()).profiles.rot).toMatchObject({tokenName: 'Rotated 2027', secretStore: 'keychain'});
		} finally {
			await other.close();
		}
	});

	it('--secret-store file (or TABLEAU_CONNECT_SECRET_STORE=file) keeps the secret in the file even with a keychain', async () => {
		const flag = await add('filed', ['--no-verify', '--secret-store', 'file']);
		expect(flag.code, flag.stderr).toBe(0);
		expect(flag.stdout).toContain('as asked');
		const variable = await add('filed2', ['--no-verify'], {env: {TABLEAU_CONNECT_SECRET_STORE: 'file'}});
		expect(variable.code, variable.stderr).toBe(0);
		expect(JSON.parse(storeText())).toMatchObject({
			schemaVersion: 1,
			profiles: {filed: {tokenSecret: simulator.tokenSecret}, filed2: {tokenSecret: simulator.tokenSecret}},
		});
		expect(keyring().lookup('filed')).toBeNull();
	});

	it('a profile saved before the keychain keeps working, untouched, until move-secrets moves it on request', async () => {
		const old = {
			schemaVersion: 1,
			profiles: {
				legacy: {
					server: simulator.url,
					site: simulator.site,
					tokenName: simulator.tokenName,
					tokenSecret: simulator.tokenSecret,
					createdAt: '2026-01-01T00:00:00.000Z',
					updatedAt: '2026-01-01T00:00:00.000Z',
					lastVerification: null,
				},
			},
		};
		writeFileSync(storeFile(), JSON.stringify(old), {mode: 0o600});
		expect((await testJson('legacy')).ok).toBe(true);
		expect(JSON.parse(storeText())).toMatchObject({schemaVersion: 1, profiles: {legacy: {tokenSecret: simulator.tokenSecret}}});
		expect(keyring().lookup('legacy')).toBeNull();

		const moved = await cli(['profiles', 'move-secrets']);
		expect(moved.code, moved.stderr).toBe(0);
		expect(moved.stdout).toContain('Moved to the keychain: the token secrets of "legacy"');
		expect(storeText()).not.toContain(simulator.tokenSecret);
		expect(keyring().lookup('legacy')).toBe(simulator.tokenSecret);
		expect((await testJson('legacy')).ok).toBe(true);

		const back = await cli(['profiles', 'move-secrets', 'legacy', '--secret-store', 'file']);
		expect(back.code, back.stderr).toBe(0);
		expect(JSON.parse(storeText())).toMatchObject({schemaVersion: 1, profiles: {legacy: {tokenSecret: simulator.tokenSecret}}});
		expect(keyring().lookup('legacy')).toBeNull();
	});

	// Last: once locked, this keyring stays locked (no prompter to unlock it).
	it('a locked keyring: no hang, a clear message; a save falls back to the file and says why', async () => {
		await add('locked-out', ['--no-verify']);
		await add('locked-too', ['--no-verify']);
		keyring().lock();
		const started = Date.now();
		const run = await cli(['test', 'locked-out']);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('the keychain is locked');
		expect(run.stderr).toContain('tableau-connect profiles set-secret locked-out --secret-store file');

		// Every profile alike: the keychain is asked once, and the message says so once.
		const all = await cli(['test', '--all']);
		expect(all.code).toBe(2);
		expect(all.stderr.match(/the keychain is locked/g)).toHaveLength(1);
		expect(all.stderr).toContain('The same goes for "locked-too"');

		const saved = await add('while-locked', ['--no-verify']);
		expect(saved.code, saved.stderr).toBe(0);
		expect(saved.stdout).toContain('is saved in plain text');
		expect(saved.stdout).toContain('the keychain is locked');

		const strict = await add('strict-locked', ['--no-verify', '--secret-store', 'keychain']);
		expect(strict.code).toBe(2);
		expect(strict.stderr).toContain('the keychain is locked');
	});
});
