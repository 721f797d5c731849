// `tableau-connect simulate` run in-process: what it prints for a person and for a script, the CA file
// it writes for --tls (owner-only, gone once it stops), and its end at Ctrl-C with exit 0.
import {existsSync, readFileSync, statSync} from 'node:fs';
import {PassThrough, Writable} from 'node:stream';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {runCommandLine} from '../../source/commands/main.js';
import {describe, expect, it} from 'vitest';

/** Starts `simulate` with `args`; resolves once it has printed a whole first block, with a way to press Ctrl-C. */
async function startSimulate(args: string[]) {
	let stdout = '';
	let printed: () => void;
	const ready = new Promise<void>(resolve => {
		printed = resolve;
	});
	const interrupts = createInterrupts();
	const stdin = new PassThrough();
	stdin.end();
	const ended = runCommandLine(['simulate', ...args], {
		stdout: new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				stdout += chunk.toString();
				printed();
				done();
			},
		}),
		stderr: new Writable({write: (_chunk, _encoding, done) => done()}),
		stdin,
		env: {NO_COLOR: '1'},
		interrupts,
	});
	await Promise.race([ready, ended]);
	return {stdout: () => stdout, ended, interrupt: () => interrupts.interrupt()};
}

describe('simulate', () => {
	it('--json --tls: one line of values, a CA file only its owner reads, and both gone at Ctrl-C, exit 0', async () => {
		const run = await startSimulate(['--json', '--tls', '--scenario', 'wrong-secret']);
		const lines = run.stdout().split('\n');
		expect(lines).toHaveLength(2);
		const info = JSON.parse(lines[0]!) as {url: string; site: string; tokenName: string; tokenSecret: string; scenario: string; caFile: string};
		expect(info).toMatchObject({url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), site: 'acme', scenario: 'wrong-secret'});
		expect(statSync(info.caFile).mode & 0o777).toBe(0o600);
		expect(readFileSync(info.caFile, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');

		expect(run.interrupt()).toBe('stopping');
		expect(await run.ended).toBe(0);
		expect(existsSync(info.caFile)).toBe(false);
		await expect(fetch(`${info.url.replace('https', 'http')}/api/3.23/serverinfo`)).rejects.toThrow();
	});

	it('plain: the values to type, a blank line, the two curl commands of the product page, and how to stop', async () => {
		const run = await startSimulate([]);
		try {
			const lines = run.stdout().trimEnd().split('\n');
			expect(lines[0]).toMatch(/^Tableau simulator listening on http:\/\/127\.0\.0\.1:\d+ \(scenario ok: .+\)$/);
			expect(lines[1]).toBe('');
			expect(lines.slice(2, 6).map(line => line.split(/ {2,}/)[1])).toEqual(['Server URL', 'Site', 'Token name', 'Token secret']);
			expect(lines[6]).toBe('');
			expect(lines[7]).toBe("Sign in, then list users (the two checks of Parable's Tableau page):");
			expect(lines[8]).toMatch(/^ {2}curl -X POST '.+\/api\/3\.23\/auth\/signin'/);
			expect(lines[9]).toMatch(/^ {2}curl -H 'Accept: application\/json' -H 'X-Tableau-Auth: TOKEN_FROM_SIGN_IN'/);
			expect(lines[10]).toBe('');
			expect(lines[11]).toBe('Press Ctrl-C to stop.');
		} finally {
			run.interrupt();
			expect(await run.ended).toBe(0);
		}
	});

	it('--tls, plain: the curl commands trust its CA file', async () => {
		const run = await startSimulate(['--tls']);
		try {
			const lines = run.stdout().split('\n');
			const caFile = /^ {2}CA file +(\S+) +\(pass it with --ca-file\)$/m.exec(run.stdout())?.[1];
			expect(caFile).toBeDefined();
			expect(lines.filter(line => line.startsWith('  curl '))).toHaveLength(2);
			for (const line of lines.filter(line => line.startsWith('  curl '))) {
				expect(line).toContain(`curl --cacert '${caFile}' `);
			}
		} finally {
			run.interrupt();
			expect(await run.ended).toBe(0);
		}
	});

	it('--help says how to use it, and starts nothing', async () => {
		const run = await startSimulate(['--help']);
		expect(await run.ended).toBe(0);
		expect(run.stdout()).toMatch(/^Usage: tableau-connect simulate \[--port N\] \[--host H\] \[--scenario ID\] \[--tls\] \[--json\]\n/);
		expect(run.stdout()).toContain('Exit codes: 0 stopped with Ctrl-C or SIGTERM');
	});
});
