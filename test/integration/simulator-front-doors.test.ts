// The simulator's scenarios about what stands in front of the API, seen on the wire with undici
// directly (redirects not followed, bodies not decoded), so that they stay what the demo claims.
import {gunzipSync, brotliDecompressSync, inflateSync} from 'node:zlib';
import type {Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {newAgent, send} from './simulator-helpers.js';
import {request} from 'undici';

async function verify(server: Simulator, options: Parameters<typeof verifyConnection>[1] = {}) {
	return verifyConnection(
		{server: server.url, site: server.site, tokenName: server.tokenName, tokenSecret: server.tokenSecret},
		{timeoutMs: 5000, caPem: server.certificatePem, ...options},
	);
}

describe('front-door scenarios', () => {
	it('http-upgrade gives an http:// address whose every path moves to https:// on the same host and port', async ({simulator: start}) => {
		const server = await start({scenario: 'http-upgrade'});
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const answer = await send(server.url, '/api/3.23/serverinfo');
		expect(answer.status).toBe(301);
		expect(answer.headers.location).toBe(`${server.url.replace('http://', 'https://')}/api/3.23/serverinfo`);
		const result = await verify(server);
		expect(result.ok).toBe(true);
		expect(result.warnings.map(item => item.code)).toEqual(['redirected']);
		expect(server.stats().activeSessions).toBe(0);
	});

	it('http-upgrade on an https:// simulator (the demo) moves the entry name to the canonical one', async ({simulator: start}) => {
		const server = await start({scenario: 'ok', tls: true});
		server.setScenario('http-upgrade');
		const result = await verify(server);
		expect(result.ok).toBe(true);
		expect(result.warnings[0]?.title).toContain(`https://localhost:${server.port}`);
	});

	it('sso-proxy sends every API request to an HTML login page, and never sees the secret twice', async ({simulator: start}) => {
		const server = await start({scenario: 'sso-proxy'});
		const answer = await send(server.url, '/api/3.23/serverinfo');
		expect(answer.status).toBe(302);
		expect(answer.headers.location).toMatch(/^\/sso\/login\?returnTo=/);
		const result = await verify(server);
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(result.diagnosis?.explanation).toContain('/sso/login');
		expect(server.requests.filter(item => item.path.startsWith('/sso/login')).map(item => item.method)).toEqual(['GET']);
	});

	it('wrong-scheme gives an https:// address for a port that answers plain HTTP, on a plain and a TLS simulator', async ({simulator: start}) => {
		for (const tls of [false, true]) {
			const server = await start({scenario: 'wrong-scheme', tls});
			expect(server.url).toMatch(/^https:/);
			const result = await verify(server);
			expect(result.diagnosis?.code).toBe('wrong-scheme');
			expect(result.diagnosis?.remediation.join(' ')).toContain(server.url.replace('https://', 'http://'));
			await server.close();
		}
	});

	it('a TLS simulator still refuses plain HTTP outside the scheme scenarios, as a real TLS port does', async ({simulator: start}) => {
		const server = await start({scenario: 'ok', tls: true});
		const result = await verifyConnection(
			{server: server.url.replace('https://', 'http://'), site: server.site, tokenName: server.tokenName, tokenSecret: server.tokenSecret},
			{timeoutMs: 5000},
		);
		expect(result.diagnosis?.code).toBe('wrong-scheme');
	});

	it('compressed answers gzip, br and deflate in turn without being asked', async ({simulator: start}) => {
		const server = await start({scenario: 'compressed'});
		const agent = newAgent();
		const codings: string[] = [];
		for (let index = 0; index < 3; index++) {
			const response = await request(`${server.url}/api/3.23/serverinfo`, {dispatcher: agent, headers: {accept: 'application/json'}});
			const coding = String(response.headers['content-encoding']);
			const body = Buffer.from(await response.body.arrayBuffer());
			const decode = {gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync}[coding]!;
			expect(JSON.parse(decode(body).toString('utf8')).serverInfo.restApiVersion).toBe('3.23');
			codings.push(coding);
		}

		await agent.close();
		expect(codings.sort()).toEqual(['br', 'deflate', 'gzip']);
		expect((await verify(server)).ok).toBe(true);
	});
});
