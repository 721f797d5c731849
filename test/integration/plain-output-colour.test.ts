// Colour in plain (non-Ink) output: on a terminal by default, never with NO_COLOR or --no-color,
// never in a pipe unless FORCE_COLOR asks. Every other CLI test runs without a terminal, so a
// NO_COLOR that is ignored on one would pass them all; here the command's stdout says it is a TTY.
import {PassThrough, Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCommandLine} from '../../source/commands/main.js';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {createStyle, paintStatus, statusSymbol} from '../../source/commands/core/style.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator.close();
});

const escape = '\u001B[';

/** `test --server …` in this process, its stdout a terminal 120 columns wide, with exactly `env` (no FORCE_COLOR=0 from vitest). */
async function onTerminal(extra: string[], env: NodeJS.ProcessEnv): Promise<{code: number; stdout: string}> {
	let stdout = '';
	const terminal = Object.assign(
		new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				stdout += chunk.toString();
				done();
			},
		}),
		{isTTY: true, columns: 120},
	);
	const stdin = new PassThrough();
	stdin.end('');
	const code = await runCommandLine(['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, ...extra], {
		stdout: terminal,
		stderr: new PassThrough(),
		interrupts: createInterrupts(),
		stdin,
		env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret, TERM: 'xterm-256color', ...env},
	});
	return {code, stdout};
}

describe('test on a terminal, in plain lines', () => {
	it('is coloured by default', async () => {
		const run = await onTerminal([], {});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`${escape}32m✓${escape}39m`);
	});

	it('has no colour at all with NO_COLOR', async () => {
		const run = await onTerminal([], {NO_COLOR: '1'});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('✓');
		expect(run.stdout).not.toContain(escape);
	});

	it('has no colour at all with --no-color', async () => {
		const run = await onTerminal(['--no-color'], {});
		expect(run.code).toBe(0);
		expect(run.stdout).not.toContain(escape);
	});
});

describe('createStyle', () => {
	const painted = (stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, flag = false) => createStyle(stream, env, flag).green('x') !== 'x';

	it('colours a terminal, not a pipe', () => {
		expect(painted({isTTY: true}, {})).toBe(true);
		expect(painted({isTTY: false}, {})).toBe(false);
		expect(painted({}, {})).toBe(false);
	});

	it('NO_COLOR and --no-color win over a terminal and over FORCE_COLOR', () => {
		expect(painted({isTTY: true}, {NO_COLOR: '1'})).toBe(false);
		expect(painted({isTTY: true}, {}, true)).toBe(false);
		expect(painted({isTTY: false}, {FORCE_COLOR: '1', NO_COLOR: '1'})).toBe(false);
		expect(painted({isTTY: false}, {FORCE_COLOR: '1'}, true)).toBe(false);
	});

	it('FORCE_COLOR colours a pipe; FORCE_COLOR=0 and TERM=dumb keep a terminal plain', () => {
		expect(painted({isTTY: false}, {FORCE_COLOR: '1'})).toBe(true);
		expect(painted({isTTY: false}, {FORCE_COLOR: '0'})).toBe(false);
		expect(painted({isTTY: true}, {FORCE_COLOR: '0'})).toBe(false);
		expect(painted({isTTY: true}, {TERM: 'dumb'})).toBe(false);
		expect(painted({isTTY: true}, {TERM: 'dumb', FORCE_COLOR: '1'})).toBe(true);
	});

	it('uses the usual codes, each closed by its own reset', () => {
		const style = createStyle({isTTY: true}, {});
		expect([style.green('g'), style.red('r'), style.yellow('y'), style.dim('d'), style.bold('b')]).toEqual([
			`${escape}32mg${escape}39m`,
			`${escape}31mr${escape}39m`,
			`${escape}33my${escape}39m`,
			`${escape}2md${escape}22m`,
			`${escape}1mb${escape}22m`,
		]);
		const plain = createStyle({isTTY: false}, {});
		expect([plain.green('g'), plain.red('r'), plain.yellow('y'), plain.dim('d'), plain.bold('b')]).toEqual(['g', 'r', 'y', 'd', 'b']);
	});

	it('paints each check status in its own colour, and a symbol carries it without colour', () => {
		const style = createStyle({isTTY: true}, {});
		expect(paintStatus(style, 'ok', 's')).toBe(style.green('s'));
		expect(paintStatus(style, 'warn', 's')).toBe(style.yellow('s'));
		expect(paintStatus(style, 'fail', 's')).toBe(style.red('s'));
		expect(paintStatus(style, 'skipped', 's')).toBe(style.dim('s'));
		expect(statusSymbol).toEqual({ok: '✓', warn: '!', fail: '✗', skipped: '-'});
	});
});
