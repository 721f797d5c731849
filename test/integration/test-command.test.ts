// `tableau-connect test` with values on the command line: every bad input gets exit 2 and a message
// that says what to type instead; the environment stands in for flags; --insecure is loud.
import {writeFileSync} from 'node:fs';
import {createServer, type AddressInfo, type Socket} from 'node:net';
import {join} from 'node:path';
import type {Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {describe, expect, test} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const it = test.extend<{targets: {target: Simulator; tlsTarget: Simulator}}>({
	async targets({sharedSimulator}, provide) {
		const [target, tlsTarget] = await Promise.all([sharedSimulator(), sharedSimulator({scenario: 'tls-self-signed'})]);
		await provide({target, tlsTarget});
	},
});

const base = (target: Simulator) => ['test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName];

describe('bad input', () => {
	const cases: Array<[string, (target: Simulator) => string[], string | undefined, RegExp]> = [
		['no server', () => ['test', '--token-name', 'n'], 'x', /--server/],
		['no token name', target => ['test', '--server', target.url], 'x', /--token-name/],
		['no secret', target => base(target), undefined, /--token-secret-stdin/],
		['an empty piped secret', target => [...base(target), '--token-secret-stdin'], '', /empty/],
		['a bad timeout', target => [...base(target), '--timeout', 'soon'], undefined, /--timeout 30/],
		['a bad API version', target => [...base(target), '--api-version', 'latest'], undefined, /3\.19/],
		['a missing CA file', target => [...base(target), '--ca-file', '/nonexistent-tableau-connect/none.pem'], undefined, /cannot read/],
		[
			'a negative timeout',
			target => [...base(target), '--timeout', '-1'],
			undefined,
			/--timeout needs a value; one that starts with "-" is written --timeout=VALUE/,
		],
		[
			'an unreachable-looking server name with a bad scheme',
			() => ['test', '--server', 'htp://exa mple', '--token-name', 'n'],
			undefined,
			/use https:\/\/, for example https:\/\/tableau\.example\.com/,
		],
		['an unknown flag', target => [...base(target), '--verbose'], undefined, /Unknown option '--verbose'[\s\S]*--help/],
		['a site display name', target => ['test', '--server', target.url, '--site', 'Acme Corp', '--token-name', 'n'], undefined, /content URL/],
	];
	for (const [name, args, input, message] of cases) {
		it(`exits 2 on ${name}`, async ({targets: {target}, cli}) => {
			// A server that does not resolve: the early connection fails while the usage error is found.
			const run = await cli(
				args(target).map(arg => (arg === target.url && name.includes('timeout') ? 'https://tableau.no-such-host.invalid' : arg)),
				{
					input,
					env: {TABLEAU_TOKEN_SECRET: input === undefined && name !== 'no secret' ? 'from-env' : ''},
				},
			);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(message);
			expect(run.stderr).not.toMatch(/\n\s+at /);
			expect(run.stdout).toBe('');
		});
	}

	it.for([
		['--server', (secret: string) => ['test', '--server', secret, '--token-name', 'n'], 'not a server'],
		['--site', (secret: string) => ['test', '--server', 'https://tableau.example.com', '--site', secret, '--token-name', 'n'], 'not a site'],
		['--token-name', (secret: string) => ['test', '--server', 'https://tableau.example.com', '--token-name', secret], 'not a token name'],
		['--ca-file', (secret: string) => ['test', '--server', 'https://tableau.example.com', '--token-name', 'n', '--ca-file', secret], 'not a CA file path'],
		['a profile name to test', (secret: string) => ['test', secret], 'looks like a token secret'],
		[
			'a profile name to add',
			(secret: string) => ['profiles', 'add', secret, '--server', 'https://tableau.example.com', '--token-name', 'n', '--no-verify'],
			'not a profile name',
		],
	] as const)('a token secret given as %s: exit 2, saying so without repeating any of it', async ([, args, message], {cli}) => {
		// Made up, in the shape of Tableau's secrets.
		const secret = 'q7Vd2mXkTz9Lr4BnWc8YhA==:Pk3rT9vLm2QxW7nB5cZs8JdF4hGy6aRe';
		for (const json of [[], ['--json']]) {
			const run = await cli([...args(secret), ...json], {env: {TABLEAU_TOKEN_SECRET: 'from-env'}});
			expect(run.code).toBe(2);
			expect(run.stderr + run.stdout).toContain(message);
			expectNoSecrets([run.stdout, run.stderr], secret);
		}
	});

	it('exits 2 on a PEM-less CA file', async ({targets: {target}, configDir, cli}) => {
		const file = join(configDir, 'not-a-cert.pem');
		writeFileSync(file, 'hello');
		const run = await cli([...base(target), '--ca-file', file], {env: {TABLEAU_TOKEN_SECRET: 's'}});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('BEGIN CERTIFICATE');
	});

	it('exits 2 on an unusable URL, with a JSON result that says invalid-url', async ({cli}) => {
		const run = await cli(['test', '--server', 'ftp://tableau.example.com', '--token-name', 'n', '--json'], {env: {TABLEAU_TOKEN_SECRET: 's'}});
		expect(run.code).toBe(2);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.diagnosis?.code).toBe('invalid-url');
		expect(result.checks).toHaveLength(6);
	});

	it('exits 2 on an unknown command', async ({cli}) => {
		const run = await cli(['tset']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Unknown command "tset"');
	});
});

describe('good input', () => {
	it('takes every value from the environment', async ({targets: {target}, cli}) => {
		const run = await cli(['test', '--json'], {
			env: {TABLEAU_SERVER: target.url, TABLEAU_SITE: target.site, TABLEAU_TOKEN_NAME: target.tokenName, TABLEAU_TOKEN_SECRET: target.tokenSecret},
		});
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true, site: 'acme'});
	});

	it('lets a flag win over the environment', async ({targets: {target}, cli}) => {
		const run = await cli([...base(target), '--json'], {env: {TABLEAU_SERVER: 'https://wrong.example.com', TABLEAU_TOKEN_SECRET: target.tokenSecret}});
		expect(run.code).toBe(0);
	});

	it('reads server and site from a pasted address bar', async ({targets: {target}, cli}) => {
		const run = await cli(['test', '--server', `${target.url}/#/site/acme/workbooks`, '--token-name', target.tokenName, '--json'], {
			env: {TABLEAU_TOKEN_SECRET: target.tokenSecret},
		});
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({server: target.url, site: 'acme'});
	});

	it('warns loudly on every --insecure run, and says so in the result', async ({targets: {tlsTarget}, cli}) => {
		const run = await cli(['test', '--server', tlsTarget.url, '--site', tlsTarget.site, '--token-name', tlsTarget.tokenName, '--insecure', '--json'], {
			env: {TABLEAU_TOKEN_SECRET: tlsTarget.tokenSecret},
		});
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/WARNING: --insecure/);
		expect((JSON.parse(run.stdout) as VerificationResult).warnings.map(item => item.code)).toContain('insecure-tls');
	});

	it('stops quietly when the reader closes the pipe early (| head)', async () => {
		const {spawn} = await import('node:child_process');
		const {cliPath} = await import('../helpers/cli.js');
		const child = spawn(process.execPath, [cliPath, 'demo', '--list'], {stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const code = await new Promise<number | null>(resolve => {
			child.on('close', resolve);
		});
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});

	it('answers --help and --version without a server', async ({cli}) => {
		const help = await cli(['test', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--token-secret-stdin');
		const version = await cli(['--version']);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});
});

describe('simulate with a host that is not this computer', () => {
	it.for(['bad host', '10.9.9.9'])('--host %s is a usage error that names the host, not a crash', async (host, {cli}) => {
		const run = await cli(['simulate', '--host', host]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`--host ${host}`);
		expect(run.stderr).not.toContain('failed unexpectedly');
		expect(run.stderr).not.toContain('another --port');
	});
});

describe('the early connection of `test`', () => {
	it('is closed when the run ends without taking it (a usage error), not left for a later run', async ({cli}) => {
		const open = new Set<Socket>();
		let accepted = 0;
		const server = createServer(socket => {
			accepted++;
			open.add(socket);
			socket.on('close', () => open.delete(socket));
		});
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		try {
			const {port} = server.address() as AddressInfo;
			const run = await cli(['test', '--server', `http://127.0.0.1:${port}`, '--token-name', 'n', '--timeout', '0'], {env: {TABLEAU_TOKEN_SECRET: 's'}});
			expect(run.code).toBe(2);
			// The early connection arrives, then goes: the run that opened it is over.
			const deadline = Date.now() + 5000;
			while ((accepted === 0 || open.size > 0) && Date.now() < deadline) {
				await new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			}

			expect(accepted).toBe(1);
			expect(open.size).toBe(0);
		} finally {
			server.close();
		}
	});
});
