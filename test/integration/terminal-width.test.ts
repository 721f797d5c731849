// The report of one test on a terminal wraps at its width, each wrapped line under its own text; in a
// pipe it keeps every line whole, whatever width the stream claims, so scripts and `grep` see one line.
import {PassThrough, Writable} from 'node:stream';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {runCommandLine} from '../../source/commands/main.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {describe, expect, test} from '../helpers/fixtures.js';

async function runOn(stdoutShape: {isTTY?: boolean; columns?: number}, args: string[], env: NodeJS.ProcessEnv) {
	let stdout = '';
	const output = Object.assign(
		new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				stdout += chunk.toString();
				done();
			},
		}),
		stdoutShape,
	);
	const stdin = new PassThrough();
	stdin.end();
	const code = await runCommandLine(args, {
		stdout: output,
		stderr: new Writable({write: (_chunk, _encoding, done) => done()}),
		stdin,
		env: {NO_COLOR: '1', ...env},
		interrupts: createInterrupts(),
	});
	return {code, stdout};
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
