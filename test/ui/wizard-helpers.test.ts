// The wizard's pure helpers: curl commands, hyperlink detection, and the setup command's edges.
import {execFileSync} from 'node:child_process';
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {exitCodeFor, noTerminalMessage, runSetupCommand, valuesFromEnvironment} from '../../source/commands/setup/setup.js';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import type {CommandIo} from '../../source/commands/core/io.js';
import {supportsHyperlinks} from '../../source/ui/hyperlinks.js';
import {curlCommands} from '../../source/ui/wizard/curl-commands.js';
import {suggestProfileName} from '../../source/ui/wizard/fields.js';
import {emptyValues} from '../../source/ui/wizard/fields.js';
import {fakeResult} from '../helpers/verification.js';

describe('curl commands', () => {
	const input = {server: 'https://10ay.online.tableau.com', site: 'acme', tokenName: 'Parable Integration', apiVersion: '3.24'};

	test('sign in, list users and sign out at the detected version, secret as a variable', () => {
		const text = curlCommands(input).join('\n');
		expect(text).toContain('curl -X POST \\\n  "https://10ay.online.tableau.com/api/3.24/auth/signin" \\');
		expect(text).toContain('"personalAccessTokenSecret": "$TABLEAU_TOKEN_SECRET"');
		expect(text).toContain('"https://10ay.online.tableau.com/api/3.24/sites/$SITE_ID/users?pageSize=1"');
		expect(text).toContain('"https://10ay.online.tableau.com/api/3.24/auth/signout"');
		expect(text).toContain('read -rs TABLEAU_TOKEN_SECRET');
	});

	test("the doc's 3.19 when the version is unknown; --insecure carried over", () => {
		const text = curlCommands({...input, apiVersion: null, insecure: true}).join('\n');
		expect(text).toContain('curl --insecure -X POST \\\n  "https://10ay.online.tableau.com/api/3.19/auth/signin"');
	});

	test('a shell reads each command whole, and no line but an address is longer than 80 columns', () => {
		const server = 'https://analytics-reporting.eu-west.example-company.internal:8443';
		const lines = curlCommands({...input, server});
		// curl stands in for itself: it says how many arguments each command gave it.
		const script = ['curl() { echo "curl $#"; cat >/dev/null; }', 'TABLEAU_TOKEN_SECRET=s TABLEAU_AUTH=t SITE_ID=i', ...lines].join('\n');
		expect(execFileSync('sh', ['-c', script], {encoding: 'utf8', input: ''}).trim().split('\n')).toEqual(['curl 9', 'curl 5', 'curl 5']);
		for (const line of lines.filter(line => !/^ {2}"https:/.test(line))) {
			expect([...line].length, line).toBeLessThanOrEqual(80);
		}
	});

	test('the body is valid JSON after the shell expands it, whatever the name holds', () => {
		const tokenName = 'It\'s "$HOME" `x` \\ done';
		const lines = curlCommands({...input, tokenName, site: ''});
		const start = lines.indexOf('  --data @- <<EOF');
		const script = ["TABLEAU_TOKEN_SECRET='s3cr3t'", 'cat <<EOF', ...lines.slice(start + 1, lines.indexOf('EOF', start) + 1)].join('\n');
		const body = JSON.parse(execFileSync('sh', ['-c', script], {encoding: 'utf8'})) as {credentials: Record<string, unknown>};
		expect(body.credentials).toEqual({personalAccessTokenName: tokenName, personalAccessTokenSecret: 's3cr3t', site: {contentUrl: ''}});
	});
});

describe('hyperlinks', () => {
	test.each([
		[{TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4.19'}, true],
		[{TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.0'}, false],
		[{TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.90.0'}, true],
		[{WT_SESSION: 'x'}, true],
		[{VTE_VERSION: '6003'}, true],
		[{TERM: 'xterm-kitty'}, true],
		[{TERM: 'xterm-256color'}, false],
		[{VTE_VERSION: '6003', TMUX: '/tmp/tmux'}, false],
		[{VTE_VERSION: '6003', CI: 'true'}, false],
		[{FORCE_HYPERLINK: '1'}, true],
		[{WT_SESSION: 'x', FORCE_HYPERLINK: '0'}, false],
	])('%o → %s', (env, expected) => {
		expect(supportsHyperlinks({isTTY: true}, env)).toBe(expected);
	});

	test('never on a pipe', () => {
		expect(supportsHyperlinks({isTTY: false}, {WT_SESSION: 'x'})).toBe(false);
	});
});

describe('profile name suggestions', () => {
	test.each([
		['https://10ay.online.tableau.com', 'acme', '10ay-acme'],
		['https://tableau.example.com', 'finance', 'tableau-finance'],
		['https://tableau.example.com', '', 'tableau-default'],
		['http://127.0.0.1:8080', 'acme', '127.0.0.1-acme'],
		['not a url', 'acme', ''],
	])('%s, site "%s" → %s', (server, site, expected) => {
		expect(suggestProfileName({...emptyValues, server, site}, [])).toBe(expected);
	});
});

function fakeIo(tty: boolean): CommandIo & {err: () => string; out: () => string} {
	const stdout = Object.assign(new PassThrough(), {isTTY: tty});
	const stderr = Object.assign(new PassThrough(), {isTTY: tty});
	const stdin = Object.assign(new PassThrough(), {isTTY: tty});
	let out = '';
	let err = '';
	stdout.on('data', chunk => {
		out += String(chunk);
	});
	stderr.on('data', chunk => {
		err += String(chunk);
	});
	return {stdout, stderr, stdin, env: {}, interrupts: createInterrupts(), out: () => out, err: () => err};
}

describe('the setup command', () => {
	test('without a terminal it names the flags to use and exits 2 at once', async () => {
		const io = fakeIo(false);
		await expect(runSetupCommand([], io)).resolves.toBe(2);
		expect(io.err()).toContain('tableau-connect test --server URL --site SITE --token-name NAME --token-secret-stdin');
		expect(io.err()).toContain('tableau-connect profiles add NAME --server URL');
		expect(noTerminalMessage('acme').join('\n')).toContain('profiles add acme');
	});

	test('--help, and unknown flags are usage errors', async () => {
		const io = fakeIo(false);
		await expect(runSetupCommand(['--help'], io)).resolves.toBe(0);
		expect(io.out()).toContain('Usage: tableau-connect setup [--profile NAME]');
		await expect(runSetupCommand(['--bogus'], io)).rejects.toThrow(/tableau-connect setup --help/);
	});

	test('a bad --timeout is reported without a terminal too, before "not a terminal"', async () => {
		const io = fakeIo(false);
		await expect(runSetupCommand(['--timeout', '0'], io)).rejects.toThrow(/--timeout/);
		expect(io.err()).not.toContain('is interactive');
	});

	test('exit codes: 0 verified, 1 failed or saved unverified, 2 not saved, 130 stopped', () => {
		const result = fakeResult();
		expect(exitCodeFor({kind: 'verified', profile: 'p', path: '/p', result})).toBe(0);
		expect(exitCodeFor({kind: 'failed', result})).toBe(1);
		expect(exitCodeFor({kind: 'saved-unverified', profile: 'p', path: '/p', result})).toBe(1);
		expect(exitCodeFor({kind: 'save-failed', message: 'x'})).toBe(2);
		expect(exitCodeFor({kind: 'cancelled'})).toBe(130);
		expect(exitCodeFor(undefined)).toBe(1);
	});
});

describe("the wizard's first values", () => {
	test('come from TABLEAU_*, each in its field; an empty variable fills in nothing', () => {
		expect(
			valuesFromEnvironment({
				TABLEAU_SERVER: 'https://tableau.example.com',
				TABLEAU_SITE: 'acme',
				TABLEAU_TOKEN_NAME: 'ops',
				TABLEAU_TOKEN_SECRET: 'a:b',
				HOME: '/root',
			}),
		).toEqual({server: 'https://tableau.example.com', site: 'acme', tokenName: 'ops', tokenSecret: 'a:b'});
		expect(valuesFromEnvironment({TABLEAU_SERVER: '', TABLEAU_SITE: '', TABLEAU_TOKEN_NAME: 'ops'})).toEqual({tokenName: 'ops'});
		// Whitespace is no secret, for the wizard as for a test of values given now.
		expect(valuesFromEnvironment({TABLEAU_TOKEN_SECRET: ' \t ', TABLEAU_TOKEN_NAME: 'ops'})).toEqual({tokenName: 'ops'});
	});
});
