// Proxies that work: which hosts NO_PROXY sends direct, and a whole verification through a real
// CONNECT proxy on 127.0.0.1 to the simulator over HTTPS with a private CA.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {proxyDecision} from '../../source/tableau/proxy.js';
import {createTransport, type TransportOptions} from '../../source/tableau/transport.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {runCommand} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {startTunnelProxy, type TunnelProxy} from '../helpers/tunnel-proxy.js';

const proxyUrl = 'http://proxy.example.com:3128';

/** Whether a request to `url` goes through the proxy, with NO_PROXY set to `noProxy`. */
function viaProxy(url: string, noProxy: string, proxy: TransportOptions['proxy'] = {httpsProxy: proxyUrl, httpProxy: proxyUrl}): boolean {
	const transport = createTransport({timeoutMs: 1000, proxy: {...proxy, noProxy}});
	void transport.close();
	return transport.usesProxy(url);
}

describe('NO_PROXY', () => {
	it('empty: everything goes through the proxy', () => {
		expect(viaProxy('https://tableau.example.com', '')).toBe(true);
		expect(viaProxy('http://127.0.0.1:8080', '')).toBe(true);
	});

	it('a host name: that host goes direct, and its subdomains; a longer name that merely ends the same does not', () => {
		expect(viaProxy('https://tableau.example.com', 'tableau.example.com')).toBe(false);
		expect(viaProxy('https://pod.tableau.example.com', 'tableau.example.com')).toBe(false);
		expect(viaProxy('https://mytableau.example.com', 'tableau.example.com')).toBe(true);
		expect(viaProxy('https://example.com', 'tableau.example.com')).toBe(true);
	});

	it('a suffix (.example.com or *.example.com): every host under it goes direct, and the domain itself', () => {
		for (const suffix of ['.example.com', '*.example.com', 'example.com']) {
			expect(viaProxy('https://tableau.example.com', suffix), suffix).toBe(false);
			expect(viaProxy('https://a.b.example.com', suffix), suffix).toBe(false);
			expect(viaProxy('https://example.com', suffix), suffix).toBe(false);
			expect(viaProxy('https://example.com.evil.net', suffix), suffix).toBe(true);
			expect(viaProxy('https://notexample.com', suffix), suffix).toBe(true);
		}
	});

	it('a host with a port: that host goes direct on that port', () => {
		expect(viaProxy('https://tableau.example.com:8443', 'tableau.example.com:8443')).toBe(false);
		expect(viaProxy('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(false);
		expect(viaProxy('https://other.example.com:8443', 'tableau.example.com:8443')).toBe(true);
	});

	it('*: nothing goes through the proxy', () => {
		expect(viaProxy('https://tableau.example.com', '*')).toBe(false);
		expect(viaProxy('http://10.0.0.12:8000', '*')).toBe(false);
	});

	it('a list, in any case, with commas and spaces; IP addresses and IPv6 too', () => {
		const list = ' localhost, .Internal.Example.COM  10.0.0.12,[::1]';
		expect(viaProxy('https://TABLEAU.internal.example.com', list)).toBe(false);
		expect(viaProxy('http://localhost:8000', list)).toBe(false);
		expect(viaProxy('https://10.0.0.12', list)).toBe(false);
		expect(viaProxy('https://[::1]:8443', list)).toBe(false);
		expect(viaProxy('https://10ay.online.tableau.com', list)).toBe(true);
		// The usual `localhost,127.0.0.1,::1`: an IPv6 address written bare keeps its last group.
		expect(viaProxy('https://[::1]:8443', 'localhost,127.0.0.1,::1')).toBe(false);
		expect(viaProxy('https://[fd00::12]', 'fd00::12')).toBe(false);
		expect(viaProxy('https://[fd00::1]', 'fd00::12')).toBe(true);
		expect(viaProxy('https://[fd00::12]:8443', '[fd00::12]:8443')).toBe(false);
	});

	it('is read from the environment it is given (no_proxy before NO_PROXY), never from the process', () => {
		const env = {HTTPS_PROXY: proxyUrl, NO_PROXY: 'tableau.example.com', no_proxy: ''};
		const uses = (url: string, given: NodeJS.ProcessEnv) => {
			const transport = createTransport({timeoutMs: 1000, env: given});
			void transport.close();
			return transport.usesProxy(url);
		};

		expect(uses('https://tableau.example.com', env)).toBe(true);
		expect(uses('https://tableau.example.com', {...env, no_proxy: '.example.com'})).toBe(false);
		expect(uses('https://tableau.example.org', {...env, no_proxy: '.example.com'})).toBe(true);
		// The process's own variables are not the run's: a run given none goes direct.
		vi.stubEnv('HTTPS_PROXY', proxyUrl);
		expect(uses('https://tableau.example.org', {})).toBe(false);
	});

	it('says why: the variable that named the proxy, or the NO_PROXY entry that matched', () => {
		const url = new URL('https://pod.tableau.example.com');
		expect(proxyDecision(url, undefined, {HTTP_PROXY: proxyUrl, https_proxy: 'http://other:8080'})).toEqual({
			proxy: 'http://other:8080',
			from: 'https_proxy',
			noProxyEntry: null,
			noProxyFrom: null,
		});
		expect(proxyDecision(url, undefined, {HTTP_PROXY: proxyUrl})).toMatchObject({proxy: proxyUrl, from: 'HTTP_PROXY'});
		expect(proxyDecision(url, undefined, {HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost, .Example.com'})).toEqual({
			proxy: undefined,
			from: null,
			noProxyEntry: '.Example.com',
			noProxyFrom: 'NO_PROXY',
		});
		expect(proxyDecision(new URL('http://tableau.example.com'), undefined, {HTTPS_PROXY: proxyUrl})).toEqual({
			proxy: undefined,
			from: null,
			noProxyEntry: null,
			noProxyFrom: null,
		});
	});

	it('http:// servers use HTTP_PROXY only; https:// ones HTTPS_PROXY, else HTTP_PROXY', () => {
		expect(viaProxy('http://tableau.example.com', '', {httpsProxy: proxyUrl})).toBe(false);
		expect(viaProxy('https://tableau.example.com', '', {httpProxy: proxyUrl})).toBe(true);
	});
});

describe('through a CONNECT proxy', () => {
	let simulator: Simulator;
	let proxy: TunnelProxy;

	afterEach(async () => {
		await Promise.all([simulator?.close(), proxy?.close()]);
	});

	async function verifyViaProxy(caPem: string | null) {
		const result = await verifyConnection(
			{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{timeoutMs: 5000, caPem, env: {HTTPS_PROXY: proxy.url}},
		);
		expectNoSecrets(JSON.stringify(result), simulator);
		return result;
	}

	it('verifies over HTTPS with a private CA, TLS end to end inside the tunnel', async () => {
		[simulator, proxy] = await Promise.all([startSimulator({tls: true}), startTunnelProxy()]);
		const result = await verifyViaProxy(simulator.certificatePem);
		expect(result.diagnosis).toBeNull();
		expect(result.checks.map(check => check.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
		expect(result.checks[0]?.summary).toContain('TLS verified');
		// Every request went through the proxy, over one tunnel.
		expect(proxy.tunnels).toEqual([`127.0.0.1:${simulator.port}`]);
		expect(simulator.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0, connections: 1});
	});

	it('without the private CA, the certificate is untrusted: the proxy does not vouch for it', async () => {
		[simulator, proxy] = await Promise.all([startSimulator({tls: true}), startTunnelProxy()]);
		const result = await verifyViaProxy(null);
		expect(result.diagnosis?.code).toBe('tls-untrusted-certificate');
		expect(proxy.tunnels).toHaveLength(1);
	});

	it('NO_PROXY for the server goes around a proxy that is down', async () => {
		simulator = await startSimulator({tls: true});
		proxy = await startTunnelProxy();
		await proxy.close();
		const result = await verifyConnection(
			{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{timeoutMs: 5000, caPem: simulator.certificatePem, transportOptions: {proxy: {httpsProxy: proxy.url, noProxy: '127.0.0.1'}}},
		);
		expect(result.diagnosis).toBeNull();
		expect(proxy.tunnels).toEqual([]);
	});
	it('test --server takes HTTPS_PROXY from the environment the command was given, in-process', async () => {
		[simulator, proxy] = await Promise.all([startSimulator({tls: true}), startTunnelProxy()]);
		const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-proxy-'));
		try {
			const caFile = join(folder, 'ca.pem');
			writeFileSync(caFile, simulator.certificatePem!);
			const run = await runCommand(
				['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--ca-file', caFile, '--json'],
				{env: {HTTPS_PROXY: proxy.url, TABLEAU_TOKEN_SECRET: simulator.tokenSecret}},
			);
			expect(run.code, run.stderr).toBe(0);
			expect(proxy.tunnels).toEqual([`127.0.0.1:${simulator.port}`]);
		} finally {
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
