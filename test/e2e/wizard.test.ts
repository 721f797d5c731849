// The built CLI's wizard in a real 80×24 terminal (tmux), against a simulator in this process:
// typed by keystrokes from the first step to the success screen, with the profile saved owner-only
// and the secret never on screen. Runs against dist/ (npm test builds first).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {runCommand} from '../helpers/cli.js';
import {pageDownTo, startTerminal, tmuxMissing, type Terminal, terminalEnvironment} from '../helpers/tmux.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

let simulator: Simulator;
let terminal: Terminal | undefined;
let configDirectory = '';

const environment = () => terminalEnvironment(configDirectory);

function startSetup(): Terminal {
	terminal = startTerminal([process.execPath, cli, 'setup'], {columns: 80, rows: 24, env: environment(), cwd: root});
	return terminal;
}

beforeAll(async () => {
	if (!existsSync(cli)) {
		throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
	}

	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator?.close();
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	if (configDirectory !== '') {
		rmSync(configDirectory, {recursive: true, force: true});
	}
});

describe.skipIf(tmuxMissing)('tableau-connect setup in a terminal', () => {
	test('typed from the first step to a verified, saved, owner-only profile; the secret never shown', async () => {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
		const term = startSetup();
		await term.waitFor("Step 1 of 8 · What you'll need");
		for (const title of ['Step 2 of 8', 'Step 3 of 8', 'Step 4 of 8', 'Step 5 of 8 · Server details']) {
			term.keys('Enter');

			await term.waitFor(title);
		}

		// A paste over ssh or tmux may arrive in pieces: nothing is rewritten until Enter.
		const address = `${simulator.url}/#/site/${simulator.site}/workbooks`;
		const cut = address.indexOf('/#/si') + 5;
		term.type(address.slice(0, cut));
		await term.waitFor(address.slice(0, cut));
		term.type(address.slice(cut));
		await term.waitFor(`and site ${simulator.site}.`);
		expect(term.screen()).toContain(address);
		term.keys('Enter');
		await term.waitFor('Filled in from the address you pasted');
		await term.waitFor(new RegExp(`› Site +${simulator.site}`));
		term.keys('Enter');
		await term.waitFor('Step 6 of 8 · Token and profile name');
		await term.waitFor('Parable Integration (suggested; type yours)');
		term.type(simulator.tokenName);
		await term.waitFor(`› Token name ${simulator.tokenName}`);
		term.keys('Tab');
		await term.waitFor('› Token secret');
		term.type(simulator.tokenSecret);
		await term.waitFor('*'.repeat(simulator.tokenSecret.length));
		term.keys('Enter');
		await term.waitFor('› Profile name 127.0.0.1-acme');
		term.keys('Enter');
		await term.waitFor('Step 7 of 8 · Review');
		term.keys('Enter');
		await term.waitFor('✓ Verified: Parable can connect with this token.');
		const file = join(configDirectory, 'profiles.json');
		const screen = await pageDownTo(term, `saved in ${file}`);
		expect(screen).toMatch(/Step 8 of 8 · Save & test/);
		expect(screen.split('\n').every(line => [...line].length <= 80)).toBe(true);

		expect(statSync(file).mode & 0o777).toBe(0o600);
		const stored = JSON.parse(readFileSync(file, 'utf8')) as {
			profiles: Record<string, {server: string; site: string; tokenName: string; lastVerification: {ok: boolean}}>;
		};
		expect(stored.profiles['127.0.0.1-acme']).toMatchObject({
			server: simulator.url,
			site: 'acme',
			tokenName: 'Parable Integration',
			lastVerification: {ok: true},
		});

		term.keys('Enter');
		await term.waitFor('[exit 0]');
		expect(term.history()).toContain('✓ Done: profile "127.0.0.1-acme" is saved and verified.');
		// The last frame is left whole in the terminal: the values for Parable's form can be read after exit,
		// and the closing line ends its line, so the shell prompt starts on a new one.
		expect(term.history()).toMatch(/In Parable's Tableau form, enter these, then click Save & test connection:[\s\S]*Token name/);
		expect(term.history()).toMatch(/saved and verified\.[^\n]*\n[\s\S]*\[exit 0\]/);
		expectNoSecrets(term.history(), simulator);
		expect(simulator.stats().activeSessions).toBe(0);
	});

	test('Esc on the first step quits as Ctrl-C does: exit 130, nothing saved', async () => {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
		const term = startSetup();
		await term.waitFor('Esc quit');
		term.keys('Escape');
		await term.waitFor('[exit 130]');
		expect(term.screen()).toContain('Stopped. Nothing was saved.');
		expect(existsSync(join(configDirectory, 'profiles.json'))).toBe(false);
	});

	test('Ctrl-C stops with exit 130 and saves nothing', async () => {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
		const term = startSetup();
		await term.waitFor('Step 1 of 8');
		term.keys('Enter');
		await term.waitFor('Step 2 of 8');
		term.keys('C-c');
		await term.waitFor('[exit 130]');
		expect(term.screen()).toContain('Stopped. Nothing was saved.');
		expect(existsSync(join(configDirectory, 'profiles.json'))).toBe(false);
	});

	/** A saved profile on a simulator whose every answer takes `slowMs`, and the wizard editing it, at its running test. */
	async function testingSlowProfile(slowMs: number): Promise<{slow: Simulator; term: Terminal; saved: string}> {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
		const slow = await startSimulator({scenario: 'slow', slowMs});
		const added = await runCommand(
			['profiles', 'add', 'slow-one', '--server', slow.url, '--site', slow.site, '--token-name', slow.tokenName, '--token-secret-stdin', '--no-verify'],
			{env: {TABLEAU_CONNECT_CONFIG_DIR: configDirectory}, input: slow.tokenSecret},
		);
		expect(added.code, added.stderr).toBe(0);
		const saved = readFileSync(join(configDirectory, 'profiles.json'), 'utf8');
		// A timeout well past the server's delay: the long path waits for the answer, not for a timeout.
		terminal = startTerminal([process.execPath, cli, 'setup', '--profile', 'slow-one', '--timeout', '60'], {
			columns: 80,
			rows: 24,
			env: environment(),
			cwd: root,
		});
		const term = terminal;
		await term.waitFor('Step 5 of 8');
		// Enter through the filled-in fields to the review (Enter passes over the optional CA file), each Enter only once the frame it leads to
		// is drawn: a screen that merely changed could be a partial redraw, and one Enter too many
		// would start the test early.
		for (const next of [/› Site /, 'Step 6 of 8', /› Token secret/, /› Profile name/, 'Step 7 of 8']) {
			term.keys('Enter');
			await term.waitFor(next);
		}

		await term.waitFor('Step 7 of 8');
		term.keys('Enter');
		await term.waitFor(/checking…/);
		return {slow, term, saved};
	}

	test('Ctrl-C during the test: the run stops, signs out of its session, then exits 130 with nothing saved', async () => {
		const {slow, term, saved} = await testingSlowProfile(1000);
		try {
			term.keys('C-c');
			await term.waitFor('Stopping: the test stops now');
			await term.waitFor('[exit 130]');
			expect(term.screen()).toContain('Stopped.');
			expect(slow.stats()).toMatchObject({activeSessions: 0});
			expect(slow.stats().signOuts).toBe(slow.stats().signIns);
			// The saved profile is as it was: nothing was saved over it.
			expect(readFileSync(join(configDirectory, 'profiles.json'), 'utf8')).toBe(saved);
			expectNoSecrets(term.history(), slow);
		} finally {
			await slow.close();
		}
	});

	test('a second Ctrl-C ends the process at once, without waiting for the slow server', async () => {
		const slowMs = 20_000;
		const {slow, term} = await testingSlowProfile(slowMs);
		try {
			term.keys('C-c');
			await term.waitFor('Stopping: the test stops now');
			const started = Date.now();
			term.keys('C-c');
			await term.waitFor('[exit 130]');
			// The server takes 20 seconds to answer the check in flight, and the long path waits for that
			// answer and a sign-out: ending in under half of it is "at once" even on a loaded machine.
			expect(Date.now() - started).toBeLessThan(slowMs / 2);
			expect(term.history()).toContain('Not waiting for the sign-out: the session will expire on its own.');
		} finally {
			await slow.close();
		}
	});

	test('setup --profile with a name not saved yet offers to create it, with that name filled in', async () => {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
		const term = startTerminal([process.execPath, cli, 'setup', '--profile', 'finance-prod'], {columns: 100, rows: 30, env: environment(), cwd: root});
		terminal = term;
		await term.waitFor('No profile named "finance-prod" yet: this creates it.');
		await term.waitFor("Step 1 of 8 · What you'll need");
		for (const title of ['Step 2 of 8', 'Step 3 of 8', 'Step 4 of 8', 'Step 5 of 8 · Server details']) {
			term.keys('Enter');
			await term.waitFor(title);
		}

		term.type(`${simulator.url}/#/site/${simulator.site}/workbooks`);
		term.keys('Enter');
		await term.waitFor(new RegExp(`› Site +${simulator.site}`));
		term.keys('Enter');
		await term.waitFor('Step 6 of 8');
		expect(term.screen()).toMatch(/Profile name +finance-prod/);
	});
});

test('without a terminal, setup names the flags to use and exits 2 without waiting', () => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-'));
	const run = spawnSync(process.execPath, [cli, 'setup'], {env: environment(), input: '', encoding: 'utf8', timeout: 10_000});
	expect(run.status).toBe(2);
	expect(run.stderr).toContain('--token-secret-stdin');
	expect(run.stderr).toContain('tableau-connect profiles add');
});
