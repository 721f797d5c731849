// The built CLI's home screen and live `test` in a real 80×24 terminal (tmux), against two
// simulators in this process: the list appears, `a` re-tests both, `e` edits one in the wizard and
// comes back, `test NAME` shows the live view and exits with the right code. No secret on screen.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {openProfileStore, type OpenedProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {startTerminal, tmuxMissing, type Terminal, terminalEnvironment} from '../helpers/tmux.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

let good: Simulator;
let bad: Simulator;
let terminal: Terminal | undefined;
let configDirectory = '';
let store: OpenedProfileStore;

const environment = () => terminalEnvironment(configDirectory);

function start(args: string[]): Terminal {
	terminal = startTerminal([process.execPath, cli, ...args], {columns: 80, rows: 24, env: environment(), cwd: root});
	return terminal;
}

function expectNoSecret(term: Terminal): void {
	expectNoSecrets(term.history(), good, bad);
}

function expectFits(screen: string): void {
	expect(screen.split('\n').every(line => [...line].length <= 80)).toBe(true);
}

beforeAll(async () => {
	if (!existsSync(cli)) {
		throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
	}

	[good, bad] = await Promise.all([startSimulator({scenario: 'ok'}), startSimulator({scenario: 'wrong-secret'})]);
});

afterAll(async () => {
	await Promise.all([good?.close(), bad?.close()]);
});

beforeEach(async () => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-home-'));
	store = openProfileStore({directory: configDirectory, env: {}, secretStore: 'file'});
	for (const [name, simulator] of [
		['acme-cloud', good],
		['finance.prod', bad],
	] as const) {
		await store.save({name, server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
	}
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(configDirectory, {recursive: true, force: true});
});

describe.skipIf(tmuxMissing)('tableau-connect in a terminal', () => {
	test('the home screen lists both profiles; a re-tests both live, and the results are recorded', async () => {
		const term = start([]);
		let screen = await term.waitFor('↑↓ select · t test · a test all');
		expect(screen).toMatch(/› acme-cloud +never tested/);
		expect(screen).toMatch(/ {2}finance\.prod +never tested/);
		expect(screen).toContain(`${good.url} · site acme · token Parable Integration`);
		term.type('a');
		screen = await term.waitFor(/finance\.prod +✗ signin-failed just now/);
		screen = await term.waitFor(/acme-cloud +✓ verified just now/);
		// The run ends with the same summary line as test --all.
		screen = await term.waitFor('✗ 1 of 2 profiles verified; failed: finance.prod.');
		// The selected profile's live checks and verdict stay below the list; the rest is one PgDn away.
		expect(screen).toMatch(/✓ {2}Content .* Parable will see 142 workbooks/);
		term.keys('PageDown');
		screen = await term.waitFor(/✓ {2}Sign out/);
		screen = await term.waitFor('✓ Verified: jordan.rivera@acme.example');
		expectFits(screen);
		expect(store.get('acme-cloud')?.lastVerification).toMatchObject({ok: true});
		expect(store.get('finance.prod')?.lastVerification).toMatchObject({ok: false, diagnosisCode: 'signin-failed'});

		term.keys('Down');
		screen = await term.waitFor('[signin-failed · HTTP 401 · Tableau 401001]');
		expectFits(screen);
		term.type('q');
		await term.waitFor('[exit 0]');
		expectNoSecret(term);
		expect(good.stats().activeSessions).toBe(0);
	});

	test('e edits the selected profile in the wizard (secret kept), then the home screen comes back', async () => {
		const term = start([]);
		await term.waitFor('› acme-cloud');
		term.type('e');
		await term.waitFor('Step 5 of 8 · Server details');
		await term.waitFor(`Server URL ${good.url}`);
		term.keys('Enter');
		await term.waitFor('› Site');
		term.keys('Enter');
		await term.waitFor('Step 6 of 8');
		term.keys('Enter');
		await term.waitFor('This is the saved secret.');
		term.keys('Enter');
		await term.waitFor('Saving updates the profile "acme-cloud".');
		term.keys('Enter');
		await term.waitFor('Step 7 of 8 · Review');
		term.keys('Enter');
		await term.waitFor('✓ Verified: Parable can connect with this token.');
		// Enter finishes once the save is done, as the footer then says; pressed while it runs, it does nothing.
		await term.waitFor('Enter finish');
		term.keys('Enter');
		const screen = await term.waitFor('✓ "acme-cloud" is saved and verified.');
		expect(screen).toMatch(/› acme-cloud +✓ verified just now/);
		// Where the secret went is said on the home screen, wrapped at words; nothing printed under the
		// wizard is left half drawn over at the top.
		expect(screen.split('\n').find(line => line.trim() !== '')).toMatch(/^Tableau connections/);
		expect(screen.replace(/\s+/g, ' ')).toContain('(readable only by you)');
		expect(store.get('acme-cloud')).toMatchObject({lastVerification: {ok: true}});
		expect(await store.readSecret('acme-cloud')).toBe(good.tokenSecret);
		term.type('q');
		await term.waitFor('[exit 0]');
		expectNoSecret(term);
	});

	test('r rotates the selected profile: a failing new token changes nothing, a passing one is saved, and the home screen comes back', async () => {
		const fresh = await startSimulator({tokenName: 'Parable 2027'});
		try {
			await store.save({name: 'rotating', server: fresh.url, site: fresh.site, tokenName: 'Old', tokenSecret: 'b2xkLXRva2VuLXZhbHVl:Q8mZx2Lr7VtN4cWp9YbHs'});
			const bytes = readFileSync(join(configDirectory, 'profiles.json'));
			const term = start([]);
			await term.waitFor('› acme-cloud');
			term.keys('Down', 'Down');
			await term.waitFor('› rotating');
			term.type('r');
			await term.waitFor('New token name [Old]:');
			term.keys('Enter');
			await term.waitFor('Token secret (typing is hidden');
			term.type('d3JvbmctbmV3LXRva2Vu:Z7kPq3Xw9RmT2vLc8NbJf');
			term.keys('Enter');
			await term.waitFor('Not changed: the new token failed its test');
			await term.waitFor('Press Enter to go back to your profiles.');
			expect(readFileSync(join(configDirectory, 'profiles.json')).equals(bytes)).toBe(true);
			term.keys('Enter');
			await term.waitFor('! The new token did not pass its test, so "rotating" is unchanged.');

			term.type('r');
			await term.waitFor('New token name [Old]:');
			term.type('Parable 2027');
			term.keys('Enter');
			await term.waitFor('Token secret (typing is hidden');
			term.type(fresh.tokenSecret);
			term.keys('Enter');
			await term.waitFor("1. In Parable's Tableau form, enter the new token name");
			await term.waitFor('Press Enter to go back to your profiles.');
			term.keys('Enter');
			const screen = await term.waitFor('✓ "rotating" now uses the token "Parable 2027".');
			expect(screen).toMatch(/› rotating +✓ verified just now/);
			expect(store.get('rotating')).toMatchObject({tokenName: 'Parable 2027', lastVerification: {ok: true}});
			expect(await store.readSecret('rotating')).toBe(fresh.tokenSecret);
			term.type('q');
			await term.waitFor('[exit 0]');
			expectNoSecrets(term.history(), good, bad, fresh, 'b2xkLXRva2VuLXZhbHVl:Q8mZx2Lr7VtN4cWp9YbHs', 'd3JvbmctbmV3LXRva2Vu:Z7kPq3Xw9RmT2vLc8NbJf');
		} finally {
			await fresh.close();
		}
	});

	test('n opens the wizard; Esc on its first step returns to the list with nothing saved', async () => {
		const term = start([]);
		await term.waitFor('› acme-cloud');
		term.type('n');
		await term.waitFor("Step 1 of 8 · What you'll need");
		// The keys that end the wizard say where they go: back to the list, not out of the program.
		await term.waitFor('Esc back to your profiles');
		expect(term.screen()).toContain('Ctrl-C back to your profiles');
		term.keys('Escape');
		const screen = await term.waitFor('Stopped: nothing was saved.');
		expect(screen).toMatch(/› acme-cloud/);
		expect(
			store
				.list()
				.map(profile => profile.name)
				.sort(),
		).toEqual(['acme-cloud', 'finance.prod']);
		term.type('q');
		await term.waitFor('[exit 0]');
	});

	test('test NAME shows the live view and exits 0 when verified, 1 when not', async () => {
		let term = start(['test', 'acme-cloud']);
		let screen = await term.waitFor('[exit 0]');
		expect(screen).toContain(`acme-cloud · ${good.url} · site acme · token Parable Integration`);
		expect(screen).toMatch(/✓ {2}Reach server/);
		expect(screen).toMatch(/✓ {2}Sign out/);
		expect(screen).toContain('✓ Verified: jordan.rivera@acme.example');
		// The live view, not the plain lines scripts get.
		expect(screen).not.toContain('Testing profile');
		expectNoSecret(term);
		term.kill();

		term = start(['test', 'finance.prod']);
		screen = await term.waitFor('[exit 1]');
		expect(term.history()).toContain('[signin-failed · HTTP 401 · Tableau 401001]');
		expect(term.history()).toMatch(/✗ {2}Sign in/);
		expectNoSecret(term);
		term.kill();

		term = start(['test', '--all']);
		screen = await term.waitFor('[exit 1]');
		expect(screen).toContain('✗ 1 of 2 profiles verified; failed: finance.prod.');
		expectNoSecret(term);
	});

	test('Ctrl-C while a test waits on a slow server exits 130 at once, not when the request times out', async () => {
		const slow = await startSimulator({scenario: 'slow', slowMs: 20_000});
		try {
			await store.save({name: 'aaa-slow', server: slow.url, site: slow.site, tokenName: slow.tokenName, tokenSecret: slow.tokenSecret});
			const term = start([]);
			await term.waitFor('› aaa-slow');
			term.type('t');
			await term.waitFor('testing: ');
			const started = Date.now();
			term.keys('C-c');
			const screen = await term.waitFor('[exit 130]');
			// The request would time out after 15 s, the answer come after 20 s: 10 s tells them apart under load.
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(screen).toMatch(/aaa-slow +- test stopped/);
		} finally {
			await slow.close();
		}
	});

	test('with no profile saved, tableau-connect opens the setup wizard', async () => {
		await store.remove('acme-cloud');
		await store.remove('finance.prod');
		const term = start([]);
		await term.waitFor("Step 1 of 8 · What you'll need");
		term.keys('C-c');
		await term.waitFor('[exit 130]');
	});
});

describe('without a terminal', () => {
	test('tableau-connect says what to run instead and exits 2 without waiting', () => {
		const run = spawnSync(process.execPath, [cli], {env: environment(), input: '', encoding: 'utf8', timeout: 10_000});
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('tableau-connect profiles list');
		expect(run.stderr).toContain('tableau-connect test --all');
		expect(run.stdout).toBe('');
	});

	test('setup --profile with a name that does not exist exits 2 and lists the names that do', () => {
		const run = spawnSync(process.execPath, [cli, 'setup', '--profile', 'nope'], {env: environment(), input: '', encoding: 'utf8', timeout: 10_000});
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('No profile named "nope". Saved profiles: acme-cloud, finance.prod.');
	});

	test('an unknown flag on the home screen points at the main help', () => {
		const run = spawnSync(process.execPath, [cli, '--bogus'], {env: environment(), input: '', encoding: 'utf8', timeout: 10_000});
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Run "tableau-connect --help"');
	});
});
