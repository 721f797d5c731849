// What real servers and the things in front of them send that our simulator does not: numbers for
// strings, HTML where XML was due, empty bodies, relative redirects, dates in Retry-After. A small
// scripted server answers each request from a table; the client and pipeline must cope.
import {afterEach, describe, expect, it} from 'vitest';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {healthy, json, serveScripted, type Route, type ScriptedServer} from '../helpers/scripted-server.js';

const servers: ScriptedServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function serve(route: Route): Promise<string> {
	const server = await serveScripted(route);
	servers.push(server);
	return server.url;
}

async function verifyAgainst(route: Route, options: Parameters<typeof verifyConnection>[1] = {}) {
	const server = await serve(route);
	return verifyConnection({server, site: 'acme', tokenName: 'Parable Integration', tokenSecret: 'quirk-secret-value'}, {timeoutMs: 3000, ...options});
}

describe('servers that differ from the simulator', () => {
	it('accepts a restApiVersion sent as a number and a productVersion sent as a plain string', async () => {
		const result = await verifyAgainst(
			healthy((_request, url) =>
				url.pathname.endsWith('/serverinfo') ? json(200, {serverInfo: {productVersion: '2022.1.5', restApiVersion: 3.15}}) : undefined,
			),
		);
		expect(result.ok).toBe(true);
		expect(result.serverInfo).toEqual({productVersion: '2022.1.5', restApiVersion: '3.15'});
	});

	it('follows a relative redirect on sign-in by posting again', async () => {
		let reposted = false;
		const result = await verifyAgainst(
			healthy((request, url) => {
				if (url.pathname === '/api/3.6/auth/signin') {
					return {status: 307, headers: {location: '/pod/api/3.6/auth/signin'}};
				}

				if (url.pathname === '/pod/api/3.6/auth/signin') {
					reposted = request.method === 'POST';
				}

				return undefined;
			}),
		);
		expect(reposted).toBe(true);
		expect(result.ok).toBe(true);
		// The origin did not change, so there is no other address to save.
		expect(result.warnings).toEqual([]);
	});

	it('does not post the secret again to another host; it names the redirect instead', async () => {
		let posts = 0;
		const result = await verifyAgainst(
			healthy((_request, url) => {
				if (url.pathname.endsWith('/auth/signin')) {
					posts++;
					return {status: 302, headers: {location: 'https://sso.attacker.example/collect'}};
				}

				return undefined;
			}),
		);
		expect(posts).toBe(1);
		expect(result.diagnosis).toMatchObject({code: 'redirect-method', httpStatus: 302});
		expect(result.diagnosis?.explanation).toContain('did not send your token');
		expect(result.diagnosis?.remediation.join(' ')).toContain('https://sso.attacker.example');
	});

	it('treats an HTML sign-in page answering 200 (an SSO portal) after serverinfo answered as a device in front of Tableau', async () => {
		const result = await verifyAgainst(
			healthy((_request, url) =>
				url.pathname.endsWith('/auth/signin')
					? {status: 200, headers: {'content-type': 'text/html'}, body: '<html><head><title>Sign in - Okta</title></head></html>'}
					: undefined,
			),
		);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain('answered as Tableau a moment ago');
		expect(result.diagnosis?.explanation).toContain('Okta');
	});

	it('reads a 401 with an empty body as a failed sign-in', async () => {
		const result = await verifyAgainst(healthy((_request, url) => (url.pathname.endsWith('/auth/signin') ? {status: 401} : undefined)));
		expect(result.diagnosis).toMatchObject({code: 'signin-failed', httpStatus: 401, tableauCode: null});
	});

	it('retries an HTML 429 without Retry-After, then reports rate-limited', async () => {
		let attempts = 0;
		const result = await verifyAgainst(
			healthy((_request, url) => {
				if (url.pathname.endsWith('/auth/signin')) {
					attempts++;
					return {status: 429, headers: {'content-type': 'text/html'}, body: '<html><title>429 Too Many Requests</title></html>'};
				}

				return undefined;
			}),
			{transportOptions: {retry: {maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 100, totalBudgetMs: 2000}}},
		);
		expect(attempts).toBe(3);
		expect(result.diagnosis?.code).toBe('rate-limited');
	});

	it('honours Retry-After given as an HTTP date on a 503', async () => {
		let attempts = 0;
		const started = Date.now();
		const result = await verifyAgainst(
			healthy((_request, url) => {
				if (url.pathname.endsWith('/auth/signin') && attempts++ === 0) {
					return {status: 503, headers: {'retry-after': new Date(Date.now() + 1500).toUTCString()}, body: 'Service Unavailable'};
				}

				return undefined;
			}),
		);
		expect(result.ok).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
	});

	it('reports a 502 from a load balancer as a server error once retries are spent', async () => {
		const result = await verifyAgainst(
			healthy((_request, url) =>
				url.pathname.endsWith('/auth/signin')
					? {status: 502, headers: {'content-type': 'text/html'}, body: '<html><title>502 Bad Gateway</title></html>'}
					: undefined,
			),
		);
		expect(result.diagnosis).toMatchObject({code: 'server-error', httpStatus: 502});
	});

	it('copes with a users list that is empty, or has no pagination', async () => {
		const result = await verifyAgainst(healthy((_request, url) => (url.pathname.endsWith('/users') ? json(200, {users: {}}) : undefined)));
		expect(result.ok).toBe(true);
		expect(result.checks.find(check => check.id === 'permissions')?.summary).not.toContain('undefined');
	});

	it('fails insufficient-permissions, naming workbooks, when not even workbooks may be listed; still signs out', async () => {
		let signedOut = false;
		const result = await verifyAgainst(
			healthy((_request, url) => {
				signedOut ||= url.pathname.endsWith('/auth/signout');
				return /\/(workbooks|views|datasources)$/.test(url.pathname)
					? json(403, {error: {summary: 'Forbidden', detail: 'Not allowed', code: '403004'}})
					: undefined;
			}),
		);
		expect(result.diagnosis).toMatchObject({code: 'insufficient-permissions', httpStatus: 403, tableauCode: '403004'});
		expect(result.diagnosis?.explanation).toContain("refused to list the site's workbooks");
		expect(result.access).toEqual({workbooks: null, views: null, datasources: null, users: 12, usageStatistics: null});
		expect(result.checks.find(check => check.id === 'content')?.status).toBe('fail');
		expect(signedOut).toBe(true);
	});

	it('says when views come without their view counts, and reads totals sent as numbers', async () => {
		const result = await verifyAgainst(
			healthy((_request, url) =>
				url.pathname.endsWith('/views') ? json(200, {pagination: {pageNumber: 1, pageSize: 1, totalAvailable: 1203}, views: {view: [{id: 'v'}]}}) : undefined,
			),
		);
		expect(result.ok).toBe(true);
		expect(result.access).toMatchObject({views: 1203, usageStatistics: false});
		expect(result.checks.find(check => check.id === 'content')?.summary).toContain('views come without their view counts');
	});

	it('reads an XML estimatedTimeToExpiration attribute and leaves an absent one null', async () => {
		const xmlSignIn = (attributes: string) => ({
			status: 200,
			headers: {'content-type': 'application/xml'},
			body: `<tsResponse xmlns="http://tableau.com/api"><credentials token="t"${attributes}><site id="site-luid" contentUrl="acme"/><user id="user-luid"/></credentials></tsResponse>`,
		});
		const present = await verifyAgainst(
			healthy((_request, url) => (url.pathname.endsWith('/auth/signin') ? xmlSignIn(' estimatedTimeToExpiration="30:00:00"') : undefined)),
			{now: () => Date.UTC(2027, 0, 1)},
		);
		expect(present.token).toEqual({expiresAt: '2027-01-31T00:00:00Z', expiresInDays: 30});
		const absent = await verifyAgainst(healthy((_request, url) => (url.pathname.endsWith('/auth/signin') ? xmlSignIn('') : undefined)));
		expect(absent.ok).toBe(true);
		expect(absent.token).toBeNull();
	});

	it('says unexpected-response, not a crash, when sign-in succeeds without a token', async () => {
		const result = await verifyAgainst(
			healthy((_request, url) => (url.pathname.endsWith('/auth/signin') ? json(200, {credentials: {site: {id: 's'}}}) : undefined)),
		);
		expect(result.diagnosis?.code).toBe('unexpected-response');
	});

	it('names api-version-unsupported when serverinfo answers 404003 (before Tableau 10.1)', async () => {
		const result = await verifyAgainst((_request, url) =>
			url.pathname.endsWith('/serverinfo')
				? {
						status: 404,
						headers: {'content-type': 'application/xml'},
						body: '<tsResponse><error code="404003"><summary>Resource Not Found</summary><detail>Unknown resource</detail></error></tsResponse>',
					}
				: {status: 404},
		);
		expect(result.diagnosis?.code).toBe('api-version-unsupported');
	});

	it('signs out of a session that sign-in opened even when serverinfo failed', async () => {
		let signedOut = false;
		await verifyAgainst(
			healthy((_request, url) => {
				if (url.pathname.endsWith('/serverinfo')) {
					return {status: 500, body: 'boom'};
				}

				if (url.pathname.endsWith('/auth/signout')) {
					signedOut = true;
				}

				return undefined;
			}),
		);
		expect(signedOut).toBe(true);
	});

	it('does not fail a good run when sign-out answers 200 instead of 204', async () => {
		const result = await verifyAgainst(healthy((_request, url) => (url.pathname.endsWith('/auth/signout') ? {status: 200, body: ''} : undefined)));
		expect(result.ok).toBe(true);
		expect(result.checks.at(-1)?.status).toBe('ok');
	});
});
