// `tableau-connect` with no command, where no screen can be drawn: its help, a run without a terminal
// (a script, a pipe), and a flag it does not take.
import {homeHelp, noTerminalHomeMessage} from '../../source/commands/home/home.js';
import {describe, expect, test} from '../helpers/fixtures.js';

describe('tableau-connect with no command', () => {
	test("--help after another flag prints the home screen's help", async ({cli}) => {
		const run = await cli(['--no-color', '--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${homeHelp}\n`);
		expect(run.stdout).toMatch(/^Usage: tableau-connect \[options\]\n/);
	});

	test('without a terminal says what to run instead, exit 2', async ({cli}) => {
		const run = await cli([]);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(`${noTerminalHomeMessage.join('\n')}\n`);
	});

	test('a flag it does not take is a usage error that names the help', async ({cli}) => {
		const run = await cli(['--nope']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Run "tableau-connect --help" to see the options.');
	});
});
