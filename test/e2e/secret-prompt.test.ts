// `--token-secret-stdin` on a terminal asks for the secret without echoing it, instead of sending
// people off to paste it into their shell (and its history).
import {afterEach, beforeAll, afterAll, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {cliPath} from '../helpers/cli.js';
import {startTerminal, tmuxMissing, type Terminal} from '../helpers/tmux.js';
import {expectNoSecrets} from '../helpers/leaks.js';

let target: Simulator;
let terminal: Terminal | undefined;

beforeAll(async () => {
	target = await startSimulator();
});

afterAll(async () => {
	await target.close();
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

describe.skipIf(tmuxMissing)('the hidden secret prompt', () => {
	it('reads the secret typed at the terminal, shows none of it, and verifies', async () => {
		terminal = startTerminal(
			[process.execPath, cliPath, 'test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin'],
			{columns: 100, rows: 30, env: {PATH: process.env['PATH'] ?? '', NO_COLOR: '1', HOME: '/tmp'}, cwd: process.cwd()},
		);
		await terminal.waitFor('Token secret (typing is hidden');
		terminal.type(`${target.tokenSecret}x`);
		terminal.keys('BSpace', 'Enter');
		const screen = await terminal.waitFor('[exit 0]');
		expect(screen).toContain('Verified');
		expectNoSecrets(terminal.history(), target);
	});

	it('asks for it, hidden, when a terminal run has no secret at all', async () => {
		terminal = startTerminal([process.execPath, cliPath, 'test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName], {
			columns: 100,
			rows: 30,
			env: {PATH: process.env['PATH'] ?? '', NO_COLOR: '1', HOME: '/tmp'},
			cwd: process.cwd(),
		});
		await terminal.waitFor('Token secret (typing is hidden');
		terminal.type(target.tokenSecret);
		terminal.keys('Enter');
		const screen = await terminal.waitFor('[exit 0]');
		expect(screen).toContain('Verified');
		expect(screen).not.toContain('type it at the prompt');
		expect(terminal.history()).not.toContain(target.tokenSecret.slice(0, 10));
	});

	it('says so when nothing was typed, with exit 2', async () => {
		terminal = startTerminal([process.execPath, cliPath, 'test', '--server', target.url, '--token-name', 'n', '--token-secret-stdin'], {
			columns: 100,
			rows: 30,
			env: {PATH: process.env['PATH'] ?? '', NO_COLOR: '1', HOME: '/tmp'},
			cwd: process.cwd(),
		});
		await terminal.waitFor('Token secret');
		terminal.keys('Enter');
		const screen = await terminal.waitFor('[exit 2]');
		expect(screen).toContain('No secret was typed');
	});
});
