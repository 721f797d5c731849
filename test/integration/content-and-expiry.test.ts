// What Parable will read (the content check and `access`) and when the token runs out (`token`),
// against the simulator over real HTTP and HTTPS.
import net from 'node:net';
import type {Simulator} from '../../source/simulator/index.js';
import {verifyConnection, type VerificationOptions} from '../../source/verify/pipeline.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';

// 2026-12-01T20:15:00Z: the expiry tests count from a fixed clock.
const now = Date.UTC(2026, 11, 1, 20, 15, 0);

async function verify(target: Simulator, options: VerificationOptions = {}) {
	return verifyConnection(
		{server: target.url, site: target.site, tokenName: target.tokenName, tokenSecret: target.tokenSecret, profile: 'acme'},
		{now: () => now, caPem: target.certificatePem, ...options},
	);
}

function check(result: Awaited<ReturnType<typeof verify>>, id: string) {
	return result.checks.find(item => item.id === id);
}

describe.each([
	['HTTP', false],
	['HTTPS', true],
])('content and token expiry over %s', (_name, tls) => {
	it('counts what Parable will see and reads the token expiry, still in one connection', async ({simulator}) => {
		const target = await simulator({scenario: 'ok', tls});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.access).toEqual({workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true});
		expect(check(result, 'content')).toMatchObject({
			status: 'ok',
			summary: 'Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.',
		});
		// 177 days, 5 hours and 38 minutes after the clock.
		expect(result.token).toEqual({expiresAt: '2027-05-28T01:53:00Z', expiresInDays: 177});
		expect(check(result, 'signin')?.summary).not.toContain('expires');
		expect(result.warnings).toEqual([]);
		expect(target.stats()).toMatchObject({connections: 1, signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('asks for one item of each kind, views with usage statistics, and signs out last', async ({simulator}) => {
		const target = await simulator({scenario: 'ok', tls});
		await verify(target);
		const paths = target.requests.map(request => request.path.replace(/\/api\/[\d.]+/, '').replace(/[\da-f]{8}-[\da-f-]{27}/, 'SITE'));
		expect(paths.slice(2)).toEqual([
			'/sessions/current',
			'/sites/SITE/users?pageSize=1&pageNumber=1',
			'/sites/SITE/workbooks?pageSize=1&pageNumber=1',
			'/sites/SITE/views?pageSize=1&pageNumber=1&includeUsageStatistics=true',
			'/sites/SITE/datasources?pageSize=1&pageNumber=1',
			'/auth/signout',
		]);
	});

	it('leaves token null when the sign-in answer has no estimatedTimeToExpiration', async ({simulator}) => {
		const target = await simulator({scenario: 'ok', tls, timeToExpiration: null});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.token).toBeNull();
		expect(check(result, 'signin')?.summary).not.toContain('expires');
	});

	it.for(['soon', '177:05', '-3:00:00', '12:25:00', '1:02:03:04', ''])(
		'ignores a malformed estimate (%j): no token, no failure',
		async (value, {simulator}) => {
			const target = await simulator({scenario: 'ok', tls, timeToExpiration: value});
			const result = await verify(target);
			expect(result.ok).toBe(true);
			expect(result.token).toBeNull();
			expect(result.warnings).toEqual([]);
		},
	);

	it('warns token-expiring under 14 days, with the date and the command that updates the profile', async ({simulator}) => {
		const target = await simulator({scenario: 'token-expiring', tls});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.token).toEqual({expiresAt: '2026-12-11T00:27:00Z', expiresInDays: 9});
		expect(check(result, 'signin')).toMatchObject({status: 'warn', summary: expect.stringContaining('; the token expires in about 9 days')});
		const [expiring] = result.warnings;
		expect(expiring?.code).toBe('token-expiring');
		expect(expiring?.title).toBe('The token expires in about 9 days, on 2026-12-11');
		expect(expiring?.remediation.join('\n')).toContain('Before 2026-12-11, create a new token');
		expect(expiring?.remediation.join('\n')).toContain('`tableau-connect rotate acme`: the new token is tested before anything changes');
	});

	it('warns from 13 days 23 hours 59 minutes, not at 14 days', async ({simulator}) => {
		const fourteen = await verify(await simulator({scenario: 'ok', tls, timeToExpiration: '14:00:00'}));
		expect(fourteen.token?.expiresInDays).toBe(14);
		expect(fourteen.warnings).toEqual([]);
		const under = await verify(await simulator({scenario: 'ok', tls, timeToExpiration: '13:23:59'}));
		expect(under.token?.expiresInDays).toBe(13);
		expect(under.warnings.map(item => item.code)).toEqual(['token-expiring']);
	});

	it('counts what an Explorer sees, and says the counts are theirs', async ({simulator}) => {
		const target = await simulator({scenario: 'explorer-role', tls});
		const result = await verify(target);
		expect(result.access).toEqual({workbooks: 38, views: 311, datasources: 12, users: 1, usageStatistics: true});
		expect(check(result, 'content')?.summary).toBe(
			"Parable will see 38 workbooks, 311 views, 12 data sources and 1 user; view counts are available; these are what this token's user can see, not the whole site.",
		);
		expect(result.token?.expiresInDays).toBe(64);
	});

	it('warns limited-access when views and data sources are refused, naming what Parable will miss', async ({simulator}) => {
		const target = await simulator({scenario: 'content-refused', tls});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.access).toEqual({workbooks: 142, views: null, datasources: null, users: 88, usageStatistics: null});
		expect(check(result, 'content')).toMatchObject({status: 'warn', summary: expect.stringContaining('listing views and data sources was refused')});
		const [limited] = result.warnings;
		expect(limited?.code).toBe('limited-access');
		expect(limited?.title).toBe('Tableau refused to list views and data sources');
		expect(limited?.remediation[0]).toContain('view counts');
		expect(limited?.remediation[0]).toContain('HTTP 403');
		expect(target.stats()).toMatchObject({signOuts: 1, activeSessions: 0});
	});
});

describe('content in XML', () => {
	it('reads the totals and view counts from an XML-only server', async ({simulator}) => {
		const target = await simulator({scenario: 'ok-xml-only'});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.access).toEqual({workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true});
		expect(result.token?.expiresInDays).toBe(177);
	});
});

describe('before sign-in', () => {
	it('has no access and no token when sign-in fails, and skips the content check', async ({simulator}) => {
		const target = await simulator({scenario: 'wrong-secret'});
		const result = await verify(target);
		expect(result.access).toBeNull();
		expect(result.token).toBeNull();
		expect(check(result, 'content')).toMatchObject({status: 'skipped', summary: 'Skipped: not signed in'});
	});

	it('skips the content check after the role check failed, and still signs out', async ({simulator}) => {
		const target = await simulator({scenario: 'not-admin'});
		const result = await verify(target);
		expect(result.diagnosis?.code).toBe('insufficient-permissions');
		expect(check(result, 'content')?.status).toBe('skipped');
		expect(check(result, 'signout')?.status).toBe('ok');
	});
});

/**
A TCP proxy that holds each answer back a little and counts the client's rounds: a round starts
when the client writes after an answer has reached it. With the TCP handshake, rounds + 1 is the
number of round trips a run costs on a real network.
*/
async function roundCountingProxy(target: URL): Promise<{url: string; rounds: () => number; connections: () => number; close: () => Promise<void>}> {
	let rounds = 0;
	let connections = 0;
	const server = net.createServer(client => {
		connections++;
		let answered = true;
		const upstream = net.connect(Number(target.port), target.hostname);
		client.on('data', chunk => {
			if (answered) {
				rounds++;
				answered = false;
			}

			upstream.write(chunk);
		});
		upstream.on('data', chunk => {
			setTimeout(() => {
				answered = true;
				client.write(chunk);
			}, 40);
		});
		client.on('close', () => upstream.destroy());
		upstream.on('close', () => client.destroy());
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		rounds: () => rounds,
		connections: () => connections,
		close: async () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
			}),
	};
}

describe('round trips', () => {
	it('still costs three round trips with the content calls: the handshake, serverinfo with sign-in, then the rest', async ({simulator}) => {
		const target = await simulator({scenario: 'ok'});
		const proxy = await roundCountingProxy(new URL(target.url));
		try {
			const result = await verifyConnection(
				{server: proxy.url, site: target.site, tokenName: target.tokenName, tokenSecret: target.tokenSecret},
				{timeoutMs: 5000},
			);
			expect(result.ok).toBe(true);
			expect(result.access?.workbooks).toBe(142);
			expect(proxy.connections()).toBe(1);
			expect(proxy.rounds()).toBe(2);
		} finally {
			await proxy.close();
		}
	});
});
