// Ctrl-C anywhere: exit 130 with one plain line; during a test, the session it holds is signed out
// and the last frame says so. Real terminals (tmux) and real signals against the simulator.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {cliPath, collectOutput} from '../helpers/cli.js';
import {startTerminal, terminalEnvironment, tmuxMissing, type Terminal} from '../helpers/tmux.js';

let configDirectory = '';
let terminal: Terminal | undefined;
let simulator: Simulator | undefined;

beforeEach(() => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-interrupt-'));
});

afterEach(async () => {
	terminal?.kill();
	terminal = undefined;
	await simulator?.close();
	simulator = undefined;
	rmSync(configDirectory, {recursive: true, force: true});
});

function open(args: string[], columns = 100, rows = 30): Terminal {
	terminal = startTerminal([process.execPath, cliPath, ...args], {columns, rows, env: terminalEnvironment(configDirectory), cwd: process.cwd()});
	return terminal;
}

/** A slow simulator (each answer delayed) and a saved profile that points at it. */
async function slowProfile(name: string, slowMs: number): Promise<Simulator> {
	simulator = await startSimulator({scenario: 'slow', slowMs});
	await openProfileStore({directory: configDirectory, secretStore: 'file'}).save({
		name,
		server: simulator.url,
		site: simulator.site,
		tokenName: simulator.tokenName,
		tokenSecret: simulator.tokenSecret,
	});
	return simulator;
}

async function waitUntil(condition: () => boolean, timeout = 15_000): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error('Timed out waiting for a condition');
		}

		await new Promise(resolve => {
			setTimeout(resolve, 25);
		});
	}
}

describe.skipIf(tmuxMissing)('Ctrl-C on a terminal', () => {
	it('at the y/N of profiles remove: exit 130, one plain line, nothing removed', async () => {
		await openProfileStore({directory: configDirectory, secretStore: 'file'}).save({
			name: 'keep',
			server: 'https://tableau.example.com',
			site: '',
			tokenName: 'n',
			tokenSecret: 's-e-c',
		});
		const term = open(['profiles', 'remove', 'keep']);
		await term.waitFor('Remove profile "keep"?');
		term.keys('C-c');
		const screen = await term.waitFor('[exit 130]');
		expect(screen).toContain('Interrupted: nothing was changed.');
		expect(screen).not.toContain('failed unexpectedly');
		expect(openProfileStore({directory: configDirectory}).get('keep')).toBeDefined();
	});

	it('at the hidden secret prompt: exit 130, one plain line', async () => {
		const term = open(['test', '--server', 'https://tableau.example.com', '--token-name', 'n', '--token-secret-stdin']);
		await term.waitFor('Token secret (typing is hidden');
		term.type('half-typed');
		term.keys('C-c');
		const screen = await term.waitFor('[exit 130]');
		expect(screen).toContain('Interrupted: no secret was read, nothing was tested.');
		expect(screen).not.toContain('half-typed');
	});

	it('during a test whose secret was typed at the hidden prompt: the prompt gives the terminal back, so Ctrl-C still signs out and exits 130', async () => {
		const sim = await startSimulator({scenario: 'slow', slowMs: 1500});
		simulator = sim;
		const term = open(['test', '--server', sim.url, '--site', sim.site, '--token-name', sim.tokenName]);
		await term.waitFor('Token secret (typing is hidden');
		term.type(sim.tokenSecret);
		term.keys('Enter');
		// Reach is done; serverinfo and sign-in are on their way to a server that answers slowly.
		await term.waitFor('✓ Reach server');
		term.keys('C-c');
		const screen = await term.waitFor('[exit 130]', 20_000);
		expect(screen).toContain('Interrupted: stopping now');
		expect(screen).not.toContain('Verified');
		expect(sim.stats().signOuts).toBe(sim.stats().signIns);
		expect(sim.stats().activeSessions).toBe(0);
		expect(screen).not.toContain(sim.tokenSecret.slice(0, 6));
	}, 40_000);

	it('during test NAME: shows the wait against the timeout, signs out, and the last frame says so', async () => {
		const sim = await slowProfile('slow-one', 1500);
		const term = open(['test', 'slow-one']);
		// While a check waits, its line says for how long, against the deadline. Sign-in has left with
		// serverinfo (pipelined): Ctrl-C now must still end the session that sign-in opens.
		await term.waitFor(/Server version\s+checking… 1 s of 15 s/);
		term.keys('C-c');
		await term.waitFor('Interrupted: stopping now');
		const screen = await term.waitFor('[exit 130]', 20_000);
		expect(screen).toContain('The test was interrupted');
		expect(screen).toMatch(/Sign out\s+[\d.]+ m?s\s+Signed out; the token is free for Parable again/);
		expect(screen).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
		expect(screen).not.toContain('^C');
		expect(sim.stats().signIns).toBe(1);
		expect(sim.stats().signOuts).toBe(1);
		expect(sim.stats().activeSessions).toBe(0);
		// An interrupted run is not the profile's last result.
		expect(openProfileStore({directory: configDirectory}).get('slow-one')?.lastVerification).toBeNull();
	}, 40_000);
});

describe('Ctrl-C without a terminal', () => {
	it('while waiting for piped input: one plain line, exit 130', async () => {
		const child = spawn(process.execPath, [cliPath, 'test', '--server', 'https://tableau.example.com', '--token-name', 'n', '--token-secret-stdin'], {
			env: {PATH: process.env['PATH'], HOME: configDirectory, NO_COLOR: '1'},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const closed = new Promise<[number | null, NodeJS.Signals | null]>(resolve => {
			child.on('close', (code, signal) => {
				resolve([code, signal]);
			});
		});
		// Standard input stays open: the command waits for the secret.
		await new Promise(resolve => {
			setTimeout(resolve, 1000);
		});
		child.kill('SIGINT');
		expect(await closed).toEqual([130, null]);
		expect(stderr.trim()).toBe('Interrupted.');
	});

	it('during test NAME --json: signs out, prints the interrupted result, exits 130', async () => {
		const sim = await slowProfile('slow-json', 1200);
		const child = spawn(process.execPath, [cliPath, 'test', 'slow-json', '--json'], {
			env: {PATH: process.env['PATH'], HOME: configDirectory, TABLEAU_CONNECT_CONFIG_DIR: configDirectory, NO_COLOR: '1'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = collectOutput(child);
		// Sign-in has left (pipelined with serverinfo) but not yet been answered.
		await waitUntil(() => sim.requests.some(request => request.path.includes('/auth/signin')));
		child.kill('SIGINT');
		expect(await output.code).toBe(130);
		const {stdout, stderr} = output;
		expect(stderr).toContain('Interrupted: stopping now, then signing out');
		const result = JSON.parse(stdout);
		expect(result.diagnosis.code).toBe('interrupted');
		expect(result.checks.find((check: {id: string}) => check.id === 'signout')).toMatchObject({status: 'ok'});
		expect(sim.stats().signOuts).toBe(sim.stats().signIns);
		expect(sim.stats().activeSessions).toBe(0);
		expect(stdout + stderr).not.toContain(sim.tokenSecret);
	}, 40_000);

	it('during rotate: the new token is signed out and not saved, the profile byte for byte as it was, exit 130', async () => {
		const sim = await startSimulator({scenario: 'slow', slowMs: 1200, tokenName: 'New 2027'});
		simulator = sim;
		await openProfileStore({directory: configDirectory, secretStore: 'file'}).save({
			name: 'rotating',
			server: sim.url,
			site: sim.site,
			tokenName: 'Old',
			tokenSecret: 'old-secret-value-123',
		});
		const bytes = readFileSync(join(configDirectory, 'profiles.json'));
		const child = spawn(process.execPath, [cliPath, 'rotate', 'rotating', '--token-name', 'New 2027', '--token-secret-stdin', '--json'], {
			env: {PATH: process.env['PATH'], HOME: configDirectory, TABLEAU_CONNECT_CONFIG_DIR: configDirectory, NO_COLOR: '1'},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const output = collectOutput(child);
		child.stdin.end(sim.tokenSecret);
		await waitUntil(() => sim.requests.some(request => request.path.includes('/auth/signin')));
		child.kill('SIGINT');
		expect(await output.code).toBe(130);
		const {stdout, stderr} = output;
		expect(stderr).toContain('Interrupted: stopping now, then signing out');
		expect(stderr).toContain('profile "rotating" is unchanged');
		expect(JSON.parse(stdout)).toMatchObject({changed: false, verification: {diagnosis: {code: 'interrupted'}}});
		expect(readFileSync(join(configDirectory, 'profiles.json')).equals(bytes)).toBe(true);
		expect(sim.stats().activeSessions).toBe(0);
		expect(stdout + stderr).not.toContain(sim.tokenSecret);
	}, 40_000);
});
