// A run through a proxy that asks for credentials (HTTPS_PROXY=http://user:password@host:port), with
// --debug and --trace: no piece of the proxy's password, of the Proxy-Authorization it becomes, of
// the token secret or of a session token in the debug output, the HAR, stdout or anything else. The
// proxy is a real CONNECT proxy on 127.0.0.1; the simulator speaks HTTPS behind it.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {redactedMarker} from '../../source/tableau/exchange.js';
import {runCommand, type CliRun} from '../helpers/cli.js';
import {expectHar} from '../helpers/har.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {startTunnelProxy, type TunnelProxy} from '../helpers/tunnel-proxy.js';

const user = 'corp.user';
// Characters a URL must escape, so the password appears in three spellings: as typed, escaped, and in the header.
// No word the exchange has of its own ("Secret" is in every sign-in body): a piece of it would match.
const password = 'p:ss"w@rd-Zq81xK';
const basic = (secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');

let simulator: Simulator;
let proxy: TunnelProxy;
let folder = '';
let caFile = '';

beforeAll(async () => {
	[simulator, proxy] = await Promise.all([startSimulator({tls: true}), startTunnelProxy({credentials: {user, password}})]);
});

afterAll(async () => {
	await Promise.all([simulator.close(), proxy.close()]);
});

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'tableau-connect-proxy-credentials-'));
	caFile = join(folder, 'ca.pem');
	writeFileSync(caFile, simulator.certificatePem!);
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
});

/** The proxy's address with `secret` as its password, escaped as a URL needs it. */
function proxyWith(secret: string): string {
	return proxy.url.replace('http://', `http://${user}:${encodeURIComponent(secret)}@`);
}

/** Every spelling of a proxy password that could leak: as typed, escaped in the URL, and inside Proxy-Authorization. */
function proxySecrets(secret: string): string[] {
	return [secret, encodeURIComponent(secret), basic(secret)];
}

const flags = () => ['--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--ca-file', caFile];

async function run(args: string[], secret: string): Promise<CliRun> {
	return runCommand(args, {
		env: {HTTPS_PROXY: proxyWith(secret), TABLEAU_CONNECT_CONFIG_DIR: folder, TABLEAU_CONNECT_SECRET_STORE: 'file'},
		input: simulator.tokenSecret,
	});
}

describe('through a proxy with credentials', () => {
	it('test --debug --trace --json: verified through the proxy, which got the credentials; none of them in any output', async () => {
		const before = proxy.authorizations.length;
		const trace = join(folder, 'run.har');
		const result = await run(['test', ...flags(), '--json', '--debug', '--trace', trace], password);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ok: true});
		expect(proxy.authorizations.slice(before)).toEqual([`Basic ${basic(password)}`]);
		const har = readFileSync(trace, 'utf8');
		expectHar(JSON.parse(har) as Parameters<typeof expectHar>[0], (JSON.parse(har) as {log: {entries: unknown[]}}).log.entries.length);
		// Support sees that the run went through a proxy, and which, with the password and the header as the marker.
		const shown = `${proxy.url.replace('http://', `http://${user}:${redactedMarker}@`)}`;
		expect(result.stderr).toContain(`via proxy ${shown}`);
		expect(har).toContain(`through the proxy ${shown} (Proxy-Authorization: ${redactedMarker})`);
		expectNoSecrets([result.stdout, result.stderr, har], simulator, ...proxySecrets(password));
	});

	it('profiles add and test NAME --debug --trace, in plain output: the same', async () => {
		const addTrace = join(folder, 'add.har');
		const add = await run(['profiles', 'add', 'acme', ...flags(), '--debug', '--trace', addTrace], password);
		expect(add.code, add.stderr).toBe(0);
		const testTrace = join(folder, 'test.har');
		const again = await run(['test', 'acme', '--debug', '--trace', testTrace], password);
		expect(again.code, again.stderr).toBe(0);
		expectNoSecrets(
			[add.stdout, add.stderr, readFileSync(addTrace, 'utf8'), again.stdout, again.stderr, readFileSync(testTrace, 'utf8')],
			simulator,
			...proxySecrets(password),
		);
	});

	it('a wrong password: proxy-error (the proxy asked for credentials), and the wrong password is in no output either', async () => {
		const wrong = 'wr0ng:"Passw@rd';
		const trace = join(folder, 'wrong.har');
		const result = await run(['test', ...flags(), '--debug', '--trace', trace], wrong);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('[proxy-error');
		const json = await run(['test', ...flags(), '--json'], wrong);
		expect(JSON.parse(json.stdout)).toMatchObject({diagnosis: {code: 'proxy-error'}});
		expectNoSecrets([result.stdout, result.stderr, readFileSync(trace, 'utf8'), json.stdout, json.stderr], simulator.tokenSecret, ...proxySecrets(wrong));
	});

	it.each([
		['escaped, as a URL needs it', (secret: string) => proxyWith(secret)],
		['as typed, with characters a URL would escape', (secret: string) => proxy.url.replace('http://', `http://${user}:${secret}@`)],
		['without a scheme', (secret: string) => `${user}:${secret}@${proxy.url.replace('http://', '')}`],
	])('describe shows the proxy, never its password: %s', async (_how, proxyUrl) => {
		const secret = 'pa:ss w"ord-77';
		const env = {HTTPS_PROXY: proxyUrl(secret), TABLEAU_CONNECT_CONFIG_DIR: folder, TABLEAU_TOKEN_SECRET: simulator.tokenSecret};
		const args = ['describe', '--server', simulator.url, '--token-name', simulator.tokenName];
		const plain = await runCommand(args, {env});
		const json = await runCommand([...args, '--json'], {env});
		expect(plain.stdout).toContain('Proxy');
		expect(plain.stdout).toContain(redactedMarker);
		expectNoSecrets([plain.stdout, plain.stderr, json.stdout, json.stderr], simulator.tokenSecret, secret, encodeURIComponent(secret), basic(secret));
	});
});
