// The token secret is never a flag: `--token-secret VALUE` says why and what to use, without the value.
// Without a terminal and without a secret, the message says what works there.
import {describe, expect, it} from 'vitest';
import {runCommand} from '../helpers/cli.js';

const secret = 'flag-secret-3f9a:never-echo-me';

describe('--token-secret as a flag', () => {
	it.each([
		['test', '--server', 'https://tableau.example.com', '--token-name', 'n', '--token-secret', secret],
		['test', '--server', 'https://tableau.example.com', '--token-name', 'n', `--token-secret=${secret}`],
		['profiles', 'add', 'p', '--server', 'https://tableau.example.com', '--token-name', 'n', '--token-secret', secret],
		['test', 'saved-name', '--secret', secret],
	])('is refused with the reason and the alternatives: %s …', async (...args) => {
		const run = await runCommand(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: '/nonexistent-tableau-connect'}});
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/--(token-)?secret is not an option: a secret given as a flag is kept in your shell's history/);
		expect(run.stderr).toContain('--token-secret-stdin');
		expect(run.stderr).toContain('TABLEAU_TOKEN_SECRET');
		expect(run.stderr).toContain('hidden prompt');
		expect(run.stderr).not.toContain('Unknown option');
		expect(run.stdout + run.stderr).not.toContain('never-echo-me');
	});
});

describe('no secret and no terminal', () => {
	it('says there is no terminal to ask on, and how to give it instead', async () => {
		const run = await runCommand(['test', '--server', 'https://tableau.example.com', '--token-name', 'n']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('No token secret, and no terminal to ask for it on');
		expect(run.stderr).toContain('--token-secret-stdin');
		expect(run.stderr).toContain('TABLEAU_TOKEN_SECRET');
		expect(run.stderr).not.toContain('type it at the prompt');
	});
});
