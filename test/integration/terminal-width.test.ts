// The report of one test on a terminal wraps at its width, each wrapped line under its own text; in a
// pipe it keeps every line whole, whatever width the stream claims, so scripts and `grep` see one line.
import {chmodSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {runCommandLine} from '../../source/commands/main.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {describe, expect, test} from '../helpers/fixtures.js';

type Shape = {isTTY?: boolean; columns?: number};

async function runOn(stdoutShape: Shape, args: string[], env: NodeJS.ProcessEnv, stderrShape: Shape = {}) {
	const written = {stdout: '', stderr: ''};
	const stream = (name: keyof typeof written, shape: Shape) =>
		Object.assign(
			new Writable({
				write(chunk: Buffer | string, _encoding, done) {
					written[name] += chunk.toString();
					done();
				},
			}),
			shape,
		);
	const stdin = new PassThrough();
	stdin.end();
	const code = await runCommandLine(args, {
		stdout: stream('stdout', stdoutShape),
		stderr: stream('stderr', stderrShape),
		stdin,
		env: {NO_COLOR: '1', ...env},
		interrupts: createInterrupts(),
	});
	return {code, ...written};
}

const widest = (text: string) => Math.max(...text.split('\n').map(line => [...line].length));

describe('the report of `test`', () => {
	test('wraps at a 60-column terminal, the verdict and its code included; a pipe that claims 60 columns keeps lines whole', async ({
		simulator: start,
		configDir,
	}) => {
		const simulator = await start({scenario: 'wrong-secret'});
		const args = ['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName];
		const env = {TABLEAU_TOKEN_SECRET: simulator.tokenSecret, TABLEAU_CONNECT_CONFIG_DIR: configDir};
		const onTerminal = await runOn({isTTY: true, columns: 60}, args, env);
		const inPipe = await runOn({columns: 60}, args, env);
		expectNoSecrets([onTerminal.stdout, inPipe.stdout], simulator);

		expect(onTerminal.code).toBe(1);
		expect(widest(onTerminal.stdout)).toBeLessThanOrEqual(60);
		expect(onTerminal.stdout).toMatch(/^✗ Tableau refused the token sign-in\n {2}\[signin-failed · HTTP 401 · Tableau 401001\]$/m);
		expect(widest(inPipe.stdout)).toBeGreaterThan(60);
		expect(inPipe.stdout).toMatch(/^✗ Tableau refused the token sign-in \[signin-failed · HTTP 401 · Tableau 401001\]$/m);
		// The same words either way: only where the lines break differs.
		const words = (text: string) => text.split(/\s+/).filter(word => !/^\(\d+ ms\)$|^\d+$|^ms\)$|^\(\d+$/.test(word));
		expect(words(onTerminal.stdout).join(' ')).toEqual(words(inPipe.stdout).join(' '));
	});
});

describe('a warning before the output', () => {
	test('wraps by whole words under its own text on a terminal, and stays one line in a pipe', async ({configDir}) => {
		const folder = join(configDir, 'profile-store');
		mkdirSync(folder);
		chmodSync(folder, 0o755);
		const env = {TABLEAU_CONNECT_CONFIG_DIR: folder};
		const onTerminal = await runOn({}, ['profiles', 'list'], env, {isTTY: true, columns: 60});
		const inPipe = await runOn({}, ['profiles', 'list'], env, {columns: 60});
		expect(inPipe.stderr).toBe(`Warning: The folder ${folder} is open to other users (mode 0755). Run: chmod 700 ${folder}\n`);
		const lines = onTerminal.stderr.trimEnd().split('\n');
		expect(lines.length).toBeGreaterThan(1);
		expect(lines[0]).toMatch(/^Warning: The folder/);
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(60);
		}

		for (const line of lines.slice(1)) {
			expect(line).toMatch(/^ {9}\S/);
		}

		expect(onTerminal.stderr.split(/\s+/)).toEqual(inPipe.stderr.split(/\s+/));
	});
});
