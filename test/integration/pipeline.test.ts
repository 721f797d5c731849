// The verification pipeline against the simulator over real HTTP and HTTPS: order of events, one
// connection, retries within bounds, sign-out on every path, TLS options.
import type {Simulator} from '../../source/simulator/index.js';
import {preconnect} from '../../source/tableau/preconnect.js';
import {verifyConnection, type VerificationOptions} from '../../source/verify/pipeline.js';
import type {VerificationEvent} from '../../source/verify/types.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';

async function verify(target: Simulator, options: VerificationOptions = {}) {
	return verifyConnection({server: target.url, site: target.site, tokenName: target.tokenName, tokenSecret: target.tokenSecret}, options);
}

describe('verifyConnection', () => {
	it('reports every check as it starts and ends, in order, over one connection', async ({simulator}) => {
		const target = await simulator({scenario: 'ok'});
		const events: VerificationEvent[] = [];
		const result = await verify(target, {onEvent: event => events.push(event)});
		expect(result.ok).toBe(true);
		expect(events.map(event => (event.type === 'check-started' ? `>${event.id}` : `<${event.check.id}:${event.check.status}`))).toEqual([
			'>reach',
			'<reach:ok',
			'>serverinfo',
			'<serverinfo:ok',
			'>signin',
			'<signin:ok',
			'>permissions',
			'<permissions:ok',
			'>content',
			'<content:ok',
			'>signout',
			'<signout:ok',
		]);
		expect(result.user?.siteRole).toBe('SiteAdministratorCreator');
		expect(result.serverInfo).toEqual({productVersion: '2024.2.1', restApiVersion: '3.23'});
		expect(target.stats()).toMatchObject({connections: 1, signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('uses the connection opened at start-up instead of opening another', async ({simulator}) => {
		const target = await simulator({scenario: 'ok'});
		preconnect(target.url, {});
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		expect(target.stats().connections).toBe(1);
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(target.stats().connections).toBe(1);
	});

	it('connects afresh when the early connection failed, and reports as usual', async () => {
		preconnect('http://127.0.0.1:1', {});
		const result = await verifyConnection({server: 'http://127.0.0.1:1', site: '', tokenName: 'n', tokenSecret: 's'}, {timeoutMs: 2000});
		expect(result.diagnosis?.code).toBe('connection-refused');
	});

	it('uses the site LUID, not the content URL, after sign-in', async ({simulator}) => {
		const target = await simulator({scenario: 'ok'});
		await verify(target);
		const usersCall = target.requests.find(request => request.path.includes('/users?'));
		expect(usersCall?.path).toMatch(/\/sites\/[\da-f-]{36}\/users\?pageSize=1/);
	});

	it('honours Retry-After on 429 and then succeeds', async ({simulator}) => {
		const target = await simulator({scenario: 'rate-limited', retryAfterSeconds: 1});
		const started = Date.now();
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('stops retrying within the total budget', async ({simulator}) => {
		const target = await simulator({scenario: 'rate-limited-always', retryAfterSeconds: 1});
		const started = Date.now();
		const result = await verify(target, {transportOptions: {retry: {maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, totalBudgetMs: 2500}}});
		const elapsed = Date.now() - started;
		expect(result.diagnosis?.code).toBe('rate-limited');
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		// Ten attempts were allowed; the 2.5 s budget leaves room for about four (waits of 1 s after the XML 429s,
		// 0.1–0.4 s after the HTML ones), and a loaded machine only for fewer.
		expect(target.requests.filter(request => request.path.endsWith('/auth/signin')).length).toBeLessThanOrEqual(5);
	});

	it('does not wait for a Retry-After beyond the budget, and says how long to wait', async ({simulator}) => {
		const target = await simulator({scenario: 'rate-limited-always', retryAfterSeconds: 600});
		const started = Date.now();
		const result = await verify(target);
		// One sign-in, no retry: waiting would have taken the 20 s budget, or the 600 s asked for.
		expect(target.requests.filter(request => request.path.endsWith('/auth/signin'))).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.diagnosis?.code).toBe('rate-limited');
		expect(JSON.stringify(result.diagnosis)).toMatch(/600|10 minutes/);
	});

	it('signs out even when the permissions check fails', async ({simulator}) => {
		const target = await simulator({scenario: 'not-admin'});
		const result = await verify(target);
		expect(result.diagnosis?.code).toBe('insufficient-permissions');
		expect(result.checks.at(-1)).toMatchObject({id: 'signout', status: 'ok'});
		expect(target.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('uses a forced API version for every call', async ({simulator}) => {
		const target = await simulator({scenario: 'ok'});
		const result = await verify(target, {apiVersion: '3.19'});
		expect(result.ok).toBe(true);
		expect(result.apiVersion).toBe('3.19');
		expect(target.requests.every(request => request.path.startsWith('/api/3.19/'))).toBe(true);
	});

	it('names the old server version when PAT sign-in is not supported', async ({simulator}) => {
		const target = await simulator({scenario: 'old-server'});
		const result = await verify(target);
		expect(result.diagnosis?.code).toBe('api-version-unsupported');
		expect(result.diagnosis?.explanation).toContain('3.4');
	});

	it('re-posts the sign-in to the pod after a redirect and keeps using the pod', async ({simulator}) => {
		const target = await simulator({scenario: 'cloud-redirect'});
		const result = await verify(target);
		expect(result.ok).toBe(true);
		expect(result.checks.find(check => check.id === 'signin')?.status).toBe('warn');
		expect(result.warnings.map(item => item.code)).toEqual(['redirected']);
		const signIns = target.requests.filter(request => request.path.endsWith('/auth/signin'));
		expect(signIns.map(request => request.method)).toEqual(['POST', 'POST']);
		expect(target.stats().activeSessions).toBe(0);
	});

	describe('over HTTPS', () => {
		it('does TLS over the connection opened at start-up', async ({simulator}) => {
			const target = await simulator({scenario: 'ok', tls: true});
			preconnect(target.url, {});
			const result = await verify(target, {caPem: target.certificatePem});
			expect(result.ok).toBe(true);
			expect(target.stats().connections).toBe(1);
		});

		it('verifies with the server certificate passed as a CA', async ({simulator}) => {
			const target = await simulator({scenario: 'ok', tls: true});
			const result = await verify(target, {caPem: target.certificatePem});
			expect(result.ok).toBe(true);
			expect(result.checks[0]?.summary).toContain('TLS verified');
			expect(target.stats().connections).toBe(1);
		});

		it('refuses a self-signed certificate by default', async ({simulator}) => {
			const target = await simulator({scenario: 'ok', tls: true});
			const result = await verify(target);
			expect(result.diagnosis?.code).toBe('tls-untrusted-certificate');
			expect(JSON.stringify(result.diagnosis)).toContain('--ca-file');
			expect(target.stats().signIns).toBe(0);
		});

		it('goes on with --insecure, with a warning', async ({simulator}) => {
			const target = await simulator({scenario: 'tls-self-signed'});
			const result = await verify(target, {insecure: true});
			expect(result.ok).toBe(true);
			expect(result.warnings.map(item => item.code)).toContain('insecure-tls');
			expect(result.checks[0]?.summary).toContain('NOT verified');
		});
	});
});
