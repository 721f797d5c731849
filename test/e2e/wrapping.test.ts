// Long lines of plain output on a terminal wrap under their own text, at 100, 80, 60 and 40
// columns: remedy items under the item's text (not under its number, not at column 0), no
// Markdown backticks, and the codes after a title never cut in two.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {cliPath} from '../helpers/cli.js';
import {startTerminal, tmuxMissing, type Terminal} from '../helpers/tmux.js';

let simulator: Simulator;
let terminal: Terminal | undefined;

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'wrong-secret'});
});

afterAll(async () => {
	await simulator.close();
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

describe.skipIf(tmuxMissing)('plain output on a terminal', () => {
	it.each([100, 80, 60, 40])(
		'at %i columns, remedies wrap under their own text',
		async columns => {
			terminal = startTerminal([process.execPath, cliPath, 'test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName], {
				columns,
				rows: 100,
				env: {
					PATH: process.env['PATH'] ?? '',
					NO_COLOR: '1',
					HOME: '/tmp',
					TERM: 'xterm-256color',
					LANG: 'C.UTF-8',
					TABLEAU_TOKEN_SECRET: simulator.tokenSecret,
				},
				cwd: process.cwd(),
			});
			await terminal.waitFor('[exit 1]');
			// Lines as written: an address longer than the terminal is one line the terminal continues.
			const lines = terminal.joinedHistory().split('\n');
			const start = lines.findIndex(line => line === '  What to do:');
			// After the remedies, a failed test on a terminal says once how to get a trace for support.
			const hint = lines.findIndex(line => line.startsWith('If the diagnosis does not explain it'));
			const end = lines.findIndex(line => line.startsWith('[exit'));
			expect(hint).toBeGreaterThan(start);
			expect(lines.slice(hint, end).join(' ')).toContain('--trace tableau-connect.har');
			// The command to run is wrapped with the shell's line continuation: pasted, it runs whole.
			const command = lines.slice(hint, end).filter(line => line.startsWith('  '));
			for (const line of command.slice(0, -1)) {
				expect(line).toMatch(/ \\$/);
			}

			expect(command.map(line => line.replace(/ \\$/, '').trim()).join(' ')).toMatch(/^tableau-connect test --server http:\/\/127\.0\.0\.1:\d+ --site /);
			for (const line of lines.slice(hint, end)) {
				expect([...line].length).toBeLessThanOrEqual(columns);
			}

			expect(start).toBeGreaterThan(0);
			const remedies = lines.slice(start + 1, hint).filter(line => line.trim() !== '');
			expect(remedies[0]).toMatch(/^ {5}1\. \S/);
			for (const line of remedies) {
				// An item's first line, or a continuation exactly under the item's text.
				expect(line, `at ${columns} columns`).toMatch(/^( {5}\d\. | {8})\S/);
			}

			expect(remedies.length).toBeGreaterThan(6);
			// An address is never cut: whatever the width, it is whole on a line of its own or beside words.
			expect(remedies.join('\n')).toMatch(/https?:\/\/\S+#\/site\/acme\/home/);
			const screen = lines.join('\n');
			expect(screen).not.toContain('`');
			const codes = lines.slice(0, start).join('\n');
			for (const code of ['[signin-failed', 'HTTP 401', 'Tableau 401001]']) {
				expect(codes, `"${code}" whole on one line at ${columns} columns`).toContain(code);
			}

			expect(terminal.history()).not.toContain(simulator.tokenSecret);
		},
		20_000,
	);
});
