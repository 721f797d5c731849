// After a failed `test` that a person reads in a terminal, one hint: the command that runs the same
// test again with --trace. The command is run as given (in a folder of its own, as the person would
// run it in theirs) and must write the trace; scripts (no terminal, --json) never see the hint.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {PassThrough, Writable} from 'node:stream';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {runCommandLine} from '../../source/commands/main.js';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {runCli, runCommand, type CliRun} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';

let failing: Simulator;
let passing: Simulator;
let folder = '';
const outputs: string[] = [];

beforeAll(async () => {
	[failing, passing] = await Promise.all([startSimulator({scenario: 'wrong-secret'}), startSimulator({scenario: 'ok'})]);
});

afterAll(async () => {
	await Promise.all([failing.close(), passing.close()]);
});

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'tableau-connect-trace-hint-'));
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
	expectNoSecrets(outputs.splice(0), failing, passing);
});

/** A run whose stdout and stderr are a terminal (stdin is a pipe, as in `printf … | tableau-connect test …`). */
async function onTerminal(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<CliRun> {
	let stdout = '';
	let stderr = '';
	const terminal = (append: (text: string) => void) =>
		Object.assign(
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					append(chunk.toString());
					done();
				},
			}),
			{isTTY: true, columns: 200},
		);
	const stdin = new PassThrough();
	stdin.end(options.input ?? '');
	const started = Date.now();
	const code = await runCommandLine(args, {
		stdin,
		stdout: terminal(text => {
			stdout += text;
		}),
		stderr: terminal(text => {
			stderr += text;
		}),
		// CI keeps `test NAME` in plain lines here: the live view is the e2e tests' (test/e2e/trace-key.test.ts).
		env: {TABLEAU_CONNECT_CONFIG_DIR: folder, NO_COLOR: '1', CI: '1', ...options.env},
		interrupts: createInterrupts(),
	});
	outputs.push(stdout, stderr);
	return {code, stdout, stderr, durationMs: Date.now() - started};
}

/** The words of the hint's command, as a POSIX shell reads them. */
function hintedCommand(run: CliRun): string[] {
	const lines = run.stderr.split('\n');
	const at = lines.findIndex(line => line.startsWith('If the diagnosis does not explain it'));
	expect(at, run.stderr).toBeGreaterThan(-1);
	expect(lines.filter(line => line.startsWith('If the diagnosis does not explain it'))).toHaveLength(1);
	// A long command is wrapped with the shell's line continuation, so it still runs when pasted.
	const command = lines
		.slice(at + 1)
		.map(line => line.replace(/ \\$/, ''))
		.join(' ')
		.trim();
	const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map(([, quoted, plain]) => quoted ?? plain!);
	expect(words.slice(0, 2)).toEqual(['tableau-connect', 'test']);
	expect(words.slice(-2)).toEqual(['--trace', 'tableau-connect.har']);
	return words.slice(1);
}

/** Runs the hinted command as the person would, in a folder of their own; the trace must be there after. */
async function runAsGiven(words: string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<unknown> {
	const cwd = join(folder, 'cwd');
	rmSync(cwd, {recursive: true, force: true});
	const {mkdirSync} = await import('node:fs');
	mkdirSync(cwd);
	const run = await runCli(words, {
		cwd,
		env: {TABLEAU_CONNECT_CONFIG_DIR: folder, ...options.env},
		...(options.input === undefined ? {} : {input: options.input}),
	});
	outputs.push(run.stdout, run.stderr);
	expect(run.code, run.stderr).toBe(1);
	expect(run.stderr).toContain(`Saved a trace of`);
	const trace = join(cwd, 'tableau-connect.har');
	expect(existsSync(trace)).toBe(true);
	const text = readFileSync(trace, 'utf8');
	outputs.push(text);
	return JSON.parse(text);
}

const flagsOf = (simulator: Simulator) => ['--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName];

describe('test with values given now', () => {
	it('the secret from stdin: the hint spells out every value, --token-secret-stdin and the flags that change the run, and runs as given', async () => {
		const run = await onTerminal(['test', ...flagsOf(failing), '--token-secret-stdin', '--timeout', '7'], {input: failing.tokenSecret});
		expect(run.code).toBe(1);
		const words = hintedCommand(run);
		expect(words).toEqual(['test', ...flagsOf(failing), '--token-secret-stdin', '--timeout', '7', '--trace', 'tableau-connect.har']);
		const har = (await runAsGiven(words, {input: failing.tokenSecret})) as {log: {entries: Array<{response: {status: number}}>}};
		expect(har.log.entries.map(entry => entry.response.status)).toContain(401);
	});

	it('the server from TABLEAU_SERVER and the secret from TABLEAU_TOKEN_SECRET: the server is spelt out, the secret found again in the environment', async () => {
		const run = await onTerminal(['test', '--site', failing.site, '--token-name', failing.tokenName], {
			env: {TABLEAU_SERVER: failing.url, TABLEAU_TOKEN_SECRET: failing.tokenSecret},
		});
		expect(run.code).toBe(1);
		const words = hintedCommand(run);
		expect(words).toEqual(['test', ...flagsOf(failing), '--trace', 'tableau-connect.har']);
		await runAsGiven(words, {env: {TABLEAU_TOKEN_SECRET: failing.tokenSecret}});
	});

	it('never with --json, never without a terminal, never once --trace is given, never after a pass', async () => {
		const json = await onTerminal(['test', ...flagsOf(failing), '--token-secret-stdin', '--json'], {input: failing.tokenSecret});
		expect(json.code).toBe(1);
		expect(json.stderr).not.toContain('If the diagnosis does not explain it');
		const script = await runCommand(['test', ...flagsOf(failing), '--token-secret-stdin'], {input: failing.tokenSecret});
		outputs.push(script.stdout, script.stderr);
		expect(script.code).toBe(1);
		expect(script.stderr).not.toContain('If the diagnosis does not explain it');
		const traced = await onTerminal(['test', ...flagsOf(failing), '--token-secret-stdin', '--trace', join(folder, 'x.har')], {input: failing.tokenSecret});
		expect(traced.stderr).not.toContain('If the diagnosis does not explain it');
		const passed = await onTerminal(['test', ...flagsOf(passing), '--token-secret-stdin'], {input: passing.tokenSecret});
		expect(passed.code).toBe(0);
		expect(passed.stderr).not.toContain('If the diagnosis does not explain it');
	});
});

describe('test NAME and test --all', () => {
	beforeEach(async () => {
		const store = openProfileStore({directory: folder, env: {}, secretStore: 'file'});
		await store.save({name: 'bad.one', server: failing.url, site: failing.site, tokenName: failing.tokenName, tokenSecret: failing.tokenSecret});
		await store.save({name: 'good', server: passing.url, site: passing.site, tokenName: passing.tokenName, tokenSecret: passing.tokenSecret});
	});

	it('--all: once, naming only the profile that failed, with --insecure repeated; it runs as given', async () => {
		const run = await onTerminal(['test', '--all', '--insecure']);
		expect(run.code).toBe(1);
		const words = hintedCommand(run);
		expect(words).toEqual(['test', 'bad.one', '--insecure', '--trace', 'tableau-connect.har']);
		const har = (await runAsGiven(words)) as {log: {entries: unknown[]}};
		expect(har.log.entries.length).toBeGreaterThan(0);
	});

	it('NAME that passed: no hint', async () => {
		const run = await onTerminal(['test', 'good']);
		expect(run.code).toBe(0);
		expect(run.stderr).not.toContain('--trace');
	});
});
