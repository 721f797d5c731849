// What can fail without the network is found before the first request, on every path: a sign-in
// ends the token's other sessions, so a run that could not save must not sign in at all. Each case
// runs in-process against the simulator and asserts that it received nothing. The keychain is out
// of reach in every test process (test/setup/no-keychain.ts), as on a server.
import {accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {wizardStoreCheck} from '../../source/commands/core/preflight.js';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {runCommand} from '../helpers/cli.js';
import {keys, press, waitFor, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';

let simulator: Simulator;
let folder = '';

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'tableau-connect-preflight-'));
});

afterEach(() => {
	chmodSync(folder, 0o700);
	rmSync(folder, {recursive: true, force: true});
});

const connectionFlags = () => ['--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin'];

/**
A folder for the store that this process cannot write: a temporary one made read-only, or, when the
tests run as root (who may write anywhere), a folder of a kernel file system that refuses even root.
*/
function unwritableFolder(): string | null {
	chmodSync(folder, 0o500);
	for (const candidate of [folder, '/proc/sys']) {
		try {
			accessSync(candidate, constants.W_OK);
		} catch {
			return candidate;
		}
	}

	return null;
}

describe('profiles add', () => {
	it('--secret-store keychain with no keychain: exit 2 with what to type instead, before any request', async () => {
		const before = simulator.stats();
		const run = await runCommand(['profiles', 'add', 'acme', ...connectionFlags(), '--secret-store', 'keychain'], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: folder},
			input: simulator.tokenSecret,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Cannot use the keychain (--secret-store keychain asks for it)');
		expect(run.stderr).toContain('use --secret-store file');
		expect(run.stderr).toContain('Nothing was tested or saved.');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
		expect(openProfileStore({directory: folder, env: {}}).list()).toEqual([]);
	});

	it('TABLEAU_CONNECT_SECRET_STORE=keychain with no keychain: the same, naming the variable', async () => {
		const before = simulator.stats();
		const run = await runCommand(['profiles', 'add', 'acme', ...connectionFlags()], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: folder, TABLEAU_CONNECT_SECRET_STORE: 'keychain'},
			input: simulator.tokenSecret,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Cannot use the keychain (TABLEAU_CONNECT_SECRET_STORE=keychain asks for it)');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});

	it('into a store that cannot be written: exit 2 with the folder and its fix, before any request', async () => {
		const unwritable = unwritableFolder();
		if (unwritable === null) {
			return;
		}

		const before = simulator.stats();
		const run = await runCommand(['profiles', 'add', 'acme', ...connectionFlags()], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: unwritable},
			input: simulator.tokenSecret,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`Profiles cannot be saved: ${unwritable} cannot be written`);
		expect(run.stderr).toContain('TABLEAU_CONNECT_CONFIG_DIR');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});

	it('with a CA file that cannot be read: exit 2 naming it, before any request', async () => {
		const before = simulator.stats();
		const run = await runCommand(['profiles', 'add', 'acme', ...connectionFlags(), '--ca-file', join(folder, 'missing.pem')], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: folder},
			input: simulator.tokenSecret,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`--ca-file ${join(folder, 'missing.pem')}: cannot read it (ENOENT)`);
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});
});

describe('test', () => {
	it('with a CA file that cannot be read: exit 2, before any request', async () => {
		const before = simulator.stats();
		const run = await runCommand(['test', ...connectionFlags(), '--ca-file', join(folder, 'missing.pem')], {input: simulator.tokenSecret});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('cannot read it (ENOENT)');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});

	it("NAME whose saved CA file is gone: exit 2 with the profile's fix, before any request", async () => {
		const store = openProfileStore({directory: folder, env: {}, secretStore: 'file'});
		await store.save({
			name: 'acme',
			server: simulator.url,
			site: simulator.site,
			tokenName: simulator.tokenName,
			tokenSecret: simulator.tokenSecret,
			caFile: join(folder, 'gone.pem'),
		});
		const before = simulator.stats();
		const run = await runCommand(['test', 'acme'], {env: {TABLEAU_CONNECT_CONFIG_DIR: folder}});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('profiles set-ca-file acme PATH');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});
});

describe('rotate', () => {
	async function savedProfile(): Promise<void> {
		const store = openProfileStore({directory: folder, env: {}, secretStore: 'file'});
		await store.save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: 'Old token', tokenSecret: 'old-secret'});
	}

	async function rotate(env: NodeJS.ProcessEnv) {
		return runCommand(['rotate', 'acme', '--token-name', simulator.tokenName, '--token-secret-stdin'], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: folder, ...env},
			input: simulator.tokenSecret,
		});
	}

	it('to the keychain (TABLEAU_CONNECT_SECRET_STORE=keychain) with no keychain: exit 2, the profile unchanged, before any request', async () => {
		await savedProfile();
		const before = simulator.stats();
		const run = await rotate({TABLEAU_CONNECT_SECRET_STORE: 'keychain'});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Cannot use the keychain (TABLEAU_CONNECT_SECRET_STORE=keychain asks for it)');
		expect(run.stderr).toContain('profile "acme" is unchanged');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
		expect(openProfileStore({directory: folder, env: {}}).get('acme')?.tokenName).toBe('Old token');
	});

	// Root may write a read-only folder, and a kernel folder that refuses root holds no profile to rotate.
	it.skipIf(process.getuid?.() === 0)('into a store that cannot be written: exit 2, the profile unchanged, before any request', async () => {
		await savedProfile();
		chmodSync(folder, 0o500);
		const before = simulator.stats();
		const run = await rotate({});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Profiles cannot be saved');
		expect(run.stderr).toContain('profile "acme" is unchanged');
		expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
	});
});

describe('--trace to a file that cannot be written', () => {
	/** Paths no one can write, root included: in a folder that is not there, under a file, a folder itself. */
	function unwritableTraces(): Array<[string, string]> {
		writeFileSync(join(folder, 'a-file'), '');
		return [
			[join(folder, 'missing-folder', 'run.har'), 'ENOENT'],
			[join(folder, 'a-file', 'run.har'), 'ENOTDIR'],
			[folder, 'it is a folder'],
		];
	}

	async function savedProfile(): Promise<void> {
		const store = openProfileStore({directory: folder, env: {}, secretStore: 'file'});
		await store.save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
	}

	const commands: Array<[string, (trace: string) => string[], boolean]> = [
		['test --server', trace => ['test', ...connectionFlags(), '--trace', trace], false],
		['test --json', trace => ['test', ...connectionFlags(), '--json', '--trace', trace], false],
		['test NAME', trace => ['test', 'acme', '--trace', trace], true],
		['test --all', trace => ['test', '--all', '--trace', trace], true],
		['profiles add', trace => ['profiles', 'add', 'beta', ...connectionFlags(), '--trace', trace], false],
		['rotate NAME', trace => ['rotate', 'acme', '--token-name', simulator.tokenName, '--token-secret-stdin', '--trace', trace], true],
		// Without a terminal setup exits 2 anyway: the flag is still named first, so the next try is the right one.
		['setup', trace => ['setup', '--trace', trace], false],
	];

	it.each(commands)('%s: exit 2 naming the file and why, before any request', async (_name, argv, needsProfile) => {
		if (needsProfile) {
			await savedProfile();
		}

		for (const [trace, reason] of unwritableTraces()) {
			const before = simulator.stats();
			const run = await runCommand(argv(trace), {
				env: {TABLEAU_CONNECT_CONFIG_DIR: folder, TABLEAU_CONNECT_SECRET_STORE: 'file'},
				input: simulator.tokenSecret,
			});
			expect(run.code, run.stderr).toBe(2);
			expect(run.stderr).toContain(`Cannot write the --trace file ${trace} (${reason}).`);
			expect(run.stderr).toContain('Give a path in a folder you can write to');
			expect(run.stdout).toBe('');
			expect(simulator.stats()).toMatchObject({requests: before.requests, signIns: before.signIns});
		}
	});

	it('a writable one is left as it was until the run writes it: a new one is not created early, one that is there keeps its text', async () => {
		const fresh = join(folder, 'fresh.har');
		const kept = join(folder, 'kept.har');
		writeFileSync(kept, 'before');
		const run = await runCommand(['test', ...connectionFlags(), '--timeout', 'x', '--trace', fresh], {input: simulator.tokenSecret});
		expect(run.code).toBe(2);
		expect(existsSync(fresh)).toBe(false);
		const other = await runCommand(['test', ...connectionFlags(), '--api-version', 'nope', '--trace', kept], {input: simulator.tokenSecret});
		expect(other.code).toBe(2);
		expect(readFileSync(kept, 'utf8')).toBe('before');
	});
});

describe("the wizard's check before Review (setup and the home screen give it the preflight's answer)", () => {
	it('asks the keychain when it was asked for, and says what to type instead', async () => {
		const check = await wizardStoreCheck({TABLEAU_CONNECT_CONFIG_DIR: folder}, 'keychain', '--secret-store');
		expect(check()).toContain('Cannot use the keychain (--secret-store keychain asks for it)');
		expect(check()).toContain('use --secret-store file');
		expect((await wizardStoreCheck({TABLEAU_CONNECT_CONFIG_DIR: folder}, undefined))()).toBeNull();
		expect((await wizardStoreCheck({TABLEAU_CONNECT_CONFIG_DIR: folder}, 'file'))()).toBeNull();
	});

	it('the wizard with no keychain stops at Review: Enter does not start the test', async () => {
		const checkStore = await wizardStoreCheck({TABLEAU_CONNECT_CONFIG_DIR: folder}, 'keychain', '--secret-store');
		const verify = vi.fn(async () => fakeResult());
		const instance = renderWizard({
			verify,
			checkStore,
			initialStep: 'review',
			initialValues: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, profileName: 'acme'},
		});
		await waitForFrame(instance, 'Cannot use the keychain');
		await press(instance, keys.enter, 'Review');
		await waitFor(
			() => (instance.lastFrame() ?? '').includes('Review'),
			() => 'left the review',
		);
		expect(verify).not.toHaveBeenCalled();
		instance.unmount();
	});
});
