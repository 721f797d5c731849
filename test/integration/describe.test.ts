// `describe [NAME]`: what a `test` with the same arguments would use, where each value came from,
// and what lost to it, without the network. Every source of every value, in plain output and JSON;
// the secret never, in any piece; what `test` then does agrees with what `describe` said.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import type {RunDescription} from '../../source/commands/describe/describe.js';
import {runCommandLine} from '../../source/commands/main.js';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {openProfileStore, type Keychain} from '../../source/profiles/store.js';
import type {Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import type {CliRun} from '../helpers/cli.js';
import {describe, expect, test} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const secret = 'aBcDeFgHiJkLmNoPqRsTuV==:wXyZ0123456789aBcDeFgHiJkLmNoP';

const it = test.extend<{
	/** The one simulator of the file; `describe` never sends it anything, `test` does. */
	ok: Simulator;
	/** A file that looks like a certificate, in the config folder. */
	caFile: string;
	/** `describe` with these arguments, plain and --json; both must exit alike. */
	describeRun: (args: string[], env?: NodeJS.ProcessEnv, input?: string) => Promise<{run: CliRun; json: RunDescription}>;
	/** Profile "acme" on the simulator, with `secret`, in the file or in a keychain of the test's own. */
	saveProfile: (overrides?: Partial<{caFile: string | null; secretStore: 'keychain' | 'file'}>) => Promise<void>;
	/** No output of any run holds any piece of a secret it could have seen: `secret`, and the simulator's. */
	noSecrets: void;
}>({
	async ok({sharedSimulator}, provide) {
		await provide(await sharedSimulator({scenario: 'ok'}));
	},
	async caFile({configDir}, provide) {
		const file = join(configDir, 'ca.pem');
		writeFileSync(file, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
		await provide(file);
	},
	async describeRun({cli}, provide) {
		await provide(async (args, env = {}, input) => {
			const plain = await cli(['describe', ...args], {env, ...(input === undefined ? {} : {input})});
			const json = await cli(['describe', ...args, '--json'], {env, ...(input === undefined ? {} : {input})});
			expect(json.code).toBe(plain.code);
			return {run: plain, json: JSON.parse(json.stdout) as RunDescription};
		});
	},
	async saveProfile({ok: simulator, configDir}, provide) {
		await provide(async (overrides = {}) => {
			const keychain: Keychain = {label: 'a test keychain', get: async () => secret, set: async () => {}, delete: async () => true};
			const store = openProfileStore({directory: configDir, env: {}, secretStore: overrides.secretStore ?? 'file', keychain});
			await store.save({
				name: 'acme',
				server: simulator.url,
				site: simulator.site,
				tokenName: simulator.tokenName,
				tokenSecret: secret,
				caFile: overrides.caFile ?? null,
			});
		});
	},
	noSecrets: [
		async ({ok, runs}, provide) => {
			await provide();
			for (const run of runs) {
				expectNoSecrets([run.stdout, run.stderr], secret, ok);
			}
		},
		{auto: true},
	],
});

describe('values given now', () => {
	it('flags win over TABLEAU_* variables, which are listed as ignored', async ({describeRun}) => {
		const {run, json} = await describeRun(['--server', 'https://a.example.com', '--site', 'flag-site', '--token-name', 'Flag token'], {
			TABLEAU_SERVER: 'https://b.example.com',
			TABLEAU_SITE: 'env-site',
			TABLEAU_TOKEN_NAME: 'Env token',
			TABLEAU_TOKEN_SECRET: secret,
		});
		expect(run.code, run.stderr).toBe(0);
		expect(json.server).toEqual({
			value: 'https://a.example.com',
			source: {kind: 'flag', name: '--server'},
			ignored: [{source: {kind: 'env', name: 'TABLEAU_SERVER'}, value: 'https://b.example.com'}],
		});
		expect(json.site).toMatchObject({
			value: 'flag-site',
			source: {kind: 'flag', name: '--site'},
			ignored: [{source: {kind: 'env', name: 'TABLEAU_SITE'}, value: 'env-site'}],
		});
		expect(json.tokenName).toMatchObject({value: 'Flag token', source: {kind: 'flag', name: '--token-name'}, ignored: [{value: 'Env token'}]});
		expect(json.tokenSecret).toEqual({source: {kind: 'env', name: 'TABLEAU_TOKEN_SECRET'}, present: true, ignored: []});
		expect(run.stdout).toContain('Server          https://a.example.com  (--server)');
		expect(run.stdout).toContain('                ignored: TABLEAU_SERVER: "https://b.example.com"');
		expect(run.stdout).toContain('Site            flag-site  (--site)');
		expect(run.stdout).toContain('Token secret    not shown; from TABLEAU_TOKEN_SECRET, it is there');
	});

	it('the variables when no flag is given', async ({describeRun}) => {
		const {json, run} = await describeRun([], {
			TABLEAU_SERVER: 'https://b.example.com',
			TABLEAU_SITE: '',
			TABLEAU_TOKEN_NAME: 'Env token',
			TABLEAU_TOKEN_SECRET: secret,
		});
		expect(run.code).toBe(0);
		expect(json.server).toMatchObject({value: 'https://b.example.com', source: {kind: 'env', name: 'TABLEAU_SERVER'}, ignored: []});
		// An empty TABLEAU_SITE is the Default site, as a test reads it.
		expect(json.site).toMatchObject({value: '', source: {kind: 'env', name: 'TABLEAU_SITE'}});
		expect(json.tokenName).toMatchObject({value: 'Env token', source: {kind: 'env', name: 'TABLEAU_TOKEN_NAME'}});
		expect(run.stdout).toContain('Site            (Default site)  (TABLEAU_SITE)');
	});

	it('the site in a pasted address, the default site, and an address site that --site overrides', async ({describeRun}) => {
		const address = 'https://10ay.online.tableau.com/#/site/acme/workbooks';
		const fromAddress = await describeRun(['--server', address, '--token-name', 'n'], {TABLEAU_TOKEN_SECRET: secret});
		expect(fromAddress.json.server.value).toBe('https://10ay.online.tableau.com');
		expect(fromAddress.json.site).toEqual({value: 'acme', source: {kind: 'address', name: '--server'}, ignored: []});
		expect(fromAddress.run.stdout).toContain('Site            acme  (the --server address)');

		const overridden = await describeRun(['--server', address, '--site', 'other', '--token-name', 'n'], {TABLEAU_TOKEN_SECRET: secret});
		expect(overridden.json.site).toEqual({
			value: 'other',
			source: {kind: 'flag', name: '--site'},
			ignored: [{source: {kind: 'address', name: '--server'}, value: 'acme'}],
		});
		expect(overridden.run.stdout).toContain('ignored: the site "acme" in the --server address');

		const none = await describeRun(['--server', 'https://tableau.example.com', '--token-name', 'n'], {TABLEAU_TOKEN_SECRET: secret});
		expect(none.json.site).toEqual({value: '', source: {kind: 'default'}, ignored: []});
	});

	it('an empty TABLEAU_SERVER or TABLEAU_TOKEN_NAME is not set: nothing lost to the flags; a blank secret variable neither', async ({
		ok: simulator,
		describeRun,
	}) => {
		const given = ['--server', simulator.url, '--token-name', 'n', '--token-secret-stdin'];
		const {json, run} = await describeRun(given, {TABLEAU_SERVER: '', TABLEAU_TOKEN_NAME: '', TABLEAU_TOKEN_SECRET: ' \t'}, secret);
		expect(run.code).toBe(0);
		expect(json.server).toMatchObject({source: {kind: 'flag', name: '--server'}, ignored: []});
		expect(json.tokenName).toMatchObject({source: {kind: 'flag', name: '--token-name'}, ignored: []});
		expect(json.tokenSecret).toEqual({source: {kind: 'stdin'}, present: null, ignored: []});
		expect(run.stdout).not.toContain('ignored');

		const without = await describeRun([], {TABLEAU_SERVER: '', TABLEAU_TOKEN_NAME: ''});
		expect(without.json.server).toMatchObject({value: null, source: {kind: 'default'}});
	});

	it('the secret from standard input (TABLEAU_TOKEN_SECRET then ignored), never read by describe', async ({ok: simulator, describeRun}) => {
		const {json, run} = await describeRun(['--server', simulator.url, '--token-name', 'n', '--token-secret-stdin'], {TABLEAU_TOKEN_SECRET: secret}, secret);
		expect(run.code).toBe(0);
		expect(json.tokenSecret).toEqual({source: {kind: 'stdin'}, present: null, ignored: [{kind: 'env', name: 'TABLEAU_TOKEN_SECRET'}]});
		expect(run.stdout).toContain('from standard input (--token-secret-stdin), read when the test runs');
		expect(run.stdout).toContain('ignored: TABLEAU_TOKEN_SECRET (its value is not shown)');
	});

	it('no secret and no terminal: the reason a test would stop, exit 2', async ({ok: simulator, describeRun}) => {
		const {json, run} = await describeRun(['--server', simulator.url, '--token-name', 'n']);
		expect(run.code).toBe(2);
		expect(json.tokenSecret).toEqual({source: {kind: 'none'}, present: false, ignored: []});
		expect(json.problems).toEqual([expect.stringContaining('No token secret, and no terminal to ask for it on')]);
		expect(run.stdout).toContain('A test would stop before sending anything:');
	});

	it('a prompt on a terminal', async ({ok: simulator, configDir}) => {
		let stdout = '';
		const stdin = Object.assign(new PassThrough(), {isTTY: true});
		const terminal = Object.assign(
			new Writable({
				write(chunk: Buffer, _encoding, done) {
					stdout += chunk.toString();
					done();
				},
			}),
			{isTTY: true},
		);
		const code = await runCommandLine(['describe', '--server', simulator.url, '--token-name', 'n', '--json'], {
			stdin,
			stdout: terminal,
			stderr: terminal,
			env: {TABLEAU_CONNECT_CONFIG_DIR: configDir},
			interrupts: createInterrupts(),
		});
		expect(code).toBe(0);
		expect((JSON.parse(stdout) as RunDescription).tokenSecret).toEqual({source: {kind: 'prompt'}, present: null, ignored: []});
	});

	it('nothing given: every missing value, the defaults, exit 2', async ({describeRun}) => {
		const {json, run} = await describeRun([]);
		expect(run.code).toBe(2);
		expect(json.server).toEqual({value: null, source: {kind: 'default'}, ignored: []});
		expect(run.stdout).toContain('Server          missing');
		expect(json.problems[0]).toContain('Say which server to use');
		expect(json.proxy).toBeNull();
	});

	it('the options: each flag, or its default', async ({ok: simulator, caFile, describeRun}) => {
		const defaults = await describeRun(['--server', simulator.url, '--token-name', 'n'], {TABLEAU_TOKEN_SECRET: secret});
		expect(defaults.json).toMatchObject({
			caFile: {value: null, source: {kind: 'default'}},
			insecure: {value: false, source: {kind: 'default'}},
			apiVersion: {value: null, source: {kind: 'default'}},
			timeoutSeconds: {value: 15, source: {kind: 'default'}},
			expiryWarningDays: {value: 14, source: {kind: 'default'}},
			recorded: false,
		});
		expect(defaults.run.stdout).toContain("API version     the server's own  (default)");
		const flags = ['--ca-file', caFile, '--insecure', '--api-version', '3.19', '--timeout', '30', '--expiry-warning-days', '30'];
		const given = await describeRun(['--server', simulator.url, '--token-name', 'n', ...flags], {TABLEAU_TOKEN_SECRET: secret});
		expect(given.json).toMatchObject({
			caFile: {value: caFile, source: {kind: 'flag', name: '--ca-file'}},
			insecure: {value: true, source: {kind: 'flag', name: '--insecure'}},
			apiVersion: {value: '3.19', source: {kind: 'flag', name: '--api-version'}},
			timeoutSeconds: {value: 30, source: {kind: 'flag', name: '--timeout'}},
			expiryWarningDays: {value: 30, source: {kind: 'flag', name: '--expiry-warning-days'}},
		});
		expect(given.run.stdout).toContain('TLS             NOT verified  (--insecure)');
		expect(given.run.stdout).toContain('Timeout         30 s per request  (--timeout)');
	});

	it('a CA file that cannot be read is a reason the test would stop', async ({ok: simulator, describeRun, configDir}) => {
		const {json, run} = await describeRun(['--server', simulator.url, '--token-name', 'n', '--ca-file', join(configDir, 'missing.pem')], {
			TABLEAU_TOKEN_SECRET: secret,
		});
		expect(run.code).toBe(2);
		expect(json.problems).toEqual([expect.stringContaining('cannot read it (ENOENT)')]);
	});

	it('NODE_EXTRA_CA_CERTS is named beside the CA file', async ({ok: simulator, caFile, describeRun}) => {
		const {json, run} = await describeRun(['--server', simulator.url, '--token-name', 'n'], {TABLEAU_TOKEN_SECRET: secret, NODE_EXTRA_CA_CERTS: caFile});
		expect(json.nodeExtraCaCerts).toBe(caFile);
		expect(run.stdout).toContain(`and NODE_EXTRA_CA_CERTS: ${caFile}`);
	});
});

describe('the proxy, by the transport’s own decision', () => {
	const flags = ['--server', 'https://tableau.example.com', '--token-name', 'n'];
	it.for<[NodeJS.ProcessEnv, Record<string, unknown>]>([
		[{HTTPS_PROXY: 'http://proxy:3128'}, {url: 'http://proxy:3128', from: 'HTTPS_PROXY', noProxyEntry: null}],
		[
			{https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128'},
			{url: 'http://lower:3128', from: 'https_proxy'},
		],
		[{HTTP_PROXY: 'http://plain:3128'}, {url: 'http://plain:3128', from: 'HTTP_PROXY'}],
		[
			{HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'localhost,.example.com'},
			{url: null, noProxyEntry: '.example.com', noProxyFrom: 'NO_PROXY'},
		],
		[{}, {url: null, from: null, noProxyEntry: null}],
	])('%o', async ([env, expected], {describeRun}) => {
		const {json, run} = await describeRun(flags, {...env, TABLEAU_TOKEN_SECRET: secret});
		expect(json.proxy).toMatchObject(expected);
		expect(run.stdout).toMatch(/^Proxy {11}\S/m);
	});

	it("never prints a proxy's password", async ({describeRun}) => {
		const {json, run} = await describeRun(flags, {HTTPS_PROXY: 'http://alice:hunter2-proxy@proxy:3128', TABLEAU_TOKEN_SECRET: secret});
		expect(json.proxy?.url).toBe('http://alice:[REDACTED]@proxy:3128');
		expect(run.stdout).not.toContain('hunter2');
	});
});

describe('a saved profile', () => {
	it('its own values, whatever TABLEAU_* say (listed as ignored); the secret in the profile file; nothing sent', async ({
		ok: simulator,
		describeRun,
		saveProfile,
		configDir,
	}) => {
		await saveProfile();
		const before = simulator.stats();
		const {json, run} = await describeRun(['acme'], {TABLEAU_SITE: 'elsewhere', TABLEAU_SERVER: 'https://other.example.com', TABLEAU_TOKEN_SECRET: secret});
		expect(run.code, run.stdout).toBe(0);
		expect(json.profile).toBe('acme');
		expect(json.server).toEqual({
			value: simulator.url,
			source: {kind: 'profile', name: 'acme'},
			ignored: [{source: {kind: 'env', name: 'TABLEAU_SERVER'}, value: 'https://other.example.com'}],
		});
		expect(json.site).toMatchObject({value: simulator.site, source: {kind: 'profile', name: 'acme'}, ignored: [{value: 'elsewhere'}]});
		expect(json.tokenName).toMatchObject({value: simulator.tokenName, source: {kind: 'profile', name: 'acme'}, ignored: []});
		expect(json.tokenSecret).toEqual({
			source: {kind: 'profile-file', profile: 'acme', path: join(configDir, 'profiles.json')},
			present: true,
			ignored: [{kind: 'env', name: 'TABLEAU_TOKEN_SECRET'}],
		});
		expect(json.store).toEqual({value: join(configDir, 'profiles.json'), source: {kind: 'env', name: 'TABLEAU_CONNECT_CONFIG_DIR'}, ignored: []});
		expect(json.recorded).toBe(true);
		expect(run.stdout).toContain('What "tableau-connect test acme" would use (nothing was sent):');
		expect(run.stdout).toContain(`Server          ${simulator.url}  (profile "acme")`);
		expect(run.stdout).toContain('Last result     the test is kept as the last result of "acme"');
		expect(simulator.stats()).toMatchObject({requests: before.requests, connections: before.connections});
	});

	it('its CA file, and a --ca-file that wins over it for the run', async ({caFile, describeRun, saveProfile, configDir}) => {
		await saveProfile({caFile});
		const own = await describeRun(['acme']);
		expect(own.json.caFile).toEqual({value: caFile, source: {kind: 'profile', name: 'acme'}, ignored: []});
		const other = join(configDir, 'other.pem');
		writeFileSync(other, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
		const flag = await describeRun(['acme', '--ca-file', other]);
		expect(flag.json.caFile).toEqual({
			value: other,
			source: {kind: 'flag', name: '--ca-file'},
			ignored: [{source: {kind: 'profile', name: 'acme'}, value: caFile}],
		});
		expect(flag.run.stdout).toContain(`ignored: profile "acme": "${caFile}"`);
	});

	it('a saved CA file that is gone is the reason a test would stop, with its fix', async ({describeRun, saveProfile, configDir}) => {
		await saveProfile({caFile: join(configDir, 'gone.pem')});
		const {json, run} = await describeRun(['acme']);
		expect(run.code).toBe(2);
		expect(json.problems).toEqual([expect.stringContaining('profiles set-ca-file acme PATH')]);
	});

	it('a secret in the keychain, when the keychain cannot be asked here: where it lives, and why a test would stop', async ({describeRun, saveProfile}) => {
		await saveProfile({secretStore: 'keychain'});
		const {json, run} = await describeRun(['acme']);
		expect(run.code).toBe(2);
		expect(json.tokenSecret).toEqual({source: {kind: 'keychain', profile: 'acme'}, present: null, ignored: []});
		expect(json.problems).toEqual([expect.stringContaining('Cannot read the token secret of profile "acme" from the keychain')]);
		expect(run.stdout).toContain('in the keychain (service "tableau-connect", account "acme"), which cannot be asked here');
	});

	it('with a one-off --insecure or --api-version: the result would not be kept', async ({describeRun, saveProfile}) => {
		await saveProfile();
		const {json, run} = await describeRun(['acme', '--insecure', '--api-version', '3.19']);
		expect(json).toMatchObject({recorded: false, notRecordedBecause: ['--api-version', '--insecure']});
		expect(run.stdout).toContain('Last result     not kept: --api-version and --insecure apply to this run only');
	});

	it('an unknown profile: exit 2 with the names that exist, on stderr only', async ({saveProfile, cli}) => {
		await saveProfile();
		const run = await cli(['describe', 'acme-typo']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('No profile named "acme-typo". Saved profiles: acme.');
	});
});

describe('usage errors (exit 2)', () => {
	it('an unknown flag names the help to read', async ({cli}) => {
		const run = await cli(['describe', '--verbose']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Run "tableau-connect describe --help" to see the options.');
	});

	it.for<[string[], string]>([
		[['--timeout', '0'], '--timeout takes a number of seconds'],
		[['--api-version', 'latest'], '--api-version takes a REST API version'],
		[['--bogus'], "Unknown option '--bogus'"],
		[['--all'], 'not --all'],
		[['a', 'b'], 'one profile name at a time'],
		[['acme', '--server', 'https://x.example.com'], 'Give either a saved profile name, or --server/--site/--token-name, not both.'],
		[['--token-secret', secret], 'is not an option'],
	])('%j', async ([args, message], {cli}) => {
		const run = await cli(['describe', ...args]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(message);
	});
});

describe('what describe says is what test does', () => {
	it('the same server, site and token name from the same flags and variables', async ({ok: simulator, describeRun, cli}) => {
		const args = ['--server', `${simulator.url}/#/site/elsewhere/home`, '--token-name', simulator.tokenName];
		const env = {TABLEAU_SITE: simulator.site, TABLEAU_TOKEN_SECRET: simulator.tokenSecret};
		const {json} = await describeRun(args, env);
		const test = await cli(['test', ...args, '--json'], {env});
		const result = JSON.parse(test.stdout) as VerificationResult;
		expect(result.ok).toBe(true);
		expect({server: result.server, site: result.site}).toEqual({server: json.server.value, site: json.site.value});
		expect(json.site.source).toEqual({kind: 'env', name: 'TABLEAU_SITE'});
	});

	it('a secret pasted where a name goes is not shown back', async ({ok: simulator, describeRun}) => {
		const {run} = await describeRun(['--server', simulator.url, '--token-name', secret], {TABLEAU_TOKEN_SECRET: secret});
		expect(run.code).toBe(2);
		expect(run.stdout).toContain('(looks like a token secret: not shown)');
	});
});
