// What real networks and servers do that the simulator alone does not, over real HTTP on 127.0.0.1:
// a connection dropped mid-run, a portal's HTML page on sign-in or on the permissions calls, 401000
// after sign-in, a Server Administrator, and XML with the old `ts:` prefix.
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import {defaultRetryPolicy} from '../../source/tableau/retry.js';
import {verifyConnection, type VerificationOptions} from '../../source/verify/pipeline.js';
import {htmlPage, startFrontServer, type FrontHandler, type FrontServer} from '../helpers/front-server.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const running: Array<Simulator | FrontServer> = [];

afterEach(async () => {
	await Promise.all(running.splice(0).map(async server => server.close()));
});

// Retries wait milliseconds here, not the half-second a real run starts with.
const options: VerificationOptions = {timeoutMs: 5000, transportOptions: {retry: {...defaultRetryPolicy, baseDelayMs: 10, maxDelayMs: 20}}};

async function simulatorBehindFront(handle: FrontHandler, scenario: ScenarioId = 'ok'): Promise<{simulator: Simulator; front: FrontServer}> {
	const simulator = await startSimulator({scenario});
	running.push(simulator);
	const front = await startFrontServer(simulator.url, handle);
	running.push(front);
	return {simulator, front};
}

async function verifyThrough(simulator: Simulator, front: FrontServer) {
	const result = await verifyConnection({server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret}, options);
	expectNoSecrets(JSON.stringify(result), simulator);
	return result;
}

const isUsersCall = (path: string) => /\/sites\/[^/]+\/users\?/.test(path);
const isSignIn = (path: string) => path.endsWith('/auth/signin');

describe('a connection dropped mid-run', () => {
	it('is retried: the run passes, the dropped call is sent again, and the session still ends', async () => {
		let dropped = false;
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => {
			// After serverinfo and sign-in have been answered on this connection, it dies once.
			if (!dropped && isUsersCall(request.path)) {
				dropped = true;
				return 'drop';
			}

			return forward();
		});
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toBeNull();
		expect(result.checks.map(check => check.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
		expect(front.requests.filter(request => isUsersCall(request.path))).toHaveLength(2);
		expect(front.connections()).toBeGreaterThanOrEqual(2);
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 1, signOuts: 1});
	});

	it('a sign-out that times out is not sent again: only a dropped connection sends it again', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			request.path.endsWith('/auth/signout') ? new Promise<never>(() => {}) : forward(),
		);
		const result = await verifyConnection(
			{server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{...options, timeoutMs: 800},
		);
		expect(result.checks.find(check => check.id === 'signout')?.status).toBe('warn');
		expect(front.requests.filter(request => request.path.endsWith('/auth/signout'))).toHaveLength(1);
	});

	it('still fails plainly when every attempt is dropped', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => (isUsersCall(request.path) ? 'drop' : forward()));
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.checks.find(check => check.id === 'permissions')?.status).toBe('fail');
		expect(front.requests.filter(request => isUsersCall(request.path))).toHaveLength(defaultRetryPolicy.maxAttempts);
	});
});

describe('a 429 or 503 on a call made after sign-in', () => {
	// The sign-out leaves with those calls, so by the time a "later" is honoured the session is over:
	// a retry in it would read as session-invalidated. The calls are sent again in a new session.
	const later = (status: 429 | 503) => ({
		status,
		headers: {'content-type': 'application/json', 'retry-after': '0'},
		body: JSON.stringify({error: {code: status === 429 ? '429000' : '503000', summary: 'Later', detail: 'Try again later.'}}),
	});

	it.each([429, 503] as const)('%i once: the run passes after signing in again, and both sessions end', async status => {
		let refused = 0;
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => {
			if (refused === 0 && isUsersCall(request.path)) {
				refused++;
				return later(status);
			}

			return forward();
		});
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toBeNull();
		expect(result.checks.map(check => check.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
		expect(front.requests.filter(request => isUsersCall(request.path))).toHaveLength(2);
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 2, signOuts: 2});
	});

	it('after Ctrl-C no new session is opened, and the run does not wait out Retry-After', async () => {
		const stop = new AbortController();
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => {
			if (isUsersCall(request.path)) {
				// Ctrl-C as the "later" arrives.
				stop.abort();
				return {...later(429), headers: {'content-type': 'application/json', 'retry-after': '5'}};
			}

			return forward();
		});
		const started = performance.now();
		const result = await verifyConnection(
			{server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{...options, signal: stop.signal},
		);
		expect(performance.now() - started).toBeLessThan(4000);
		expect(result.ok).toBe(false);
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 1, signOuts: 1});
		expect(front.requests.filter(request => isUsersCall(request.path))).toHaveLength(1);
	});

	it("a Retry-After past the caller's retry budget is the answer: no new session", async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			isUsersCall(request.path) ? {...later(429), headers: {'content-type': 'application/json', 'retry-after': '1'}} : forward(),
		);
		const result = await verifyConnection(
			{server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{...options, transportOptions: {retry: {...defaultRetryPolicy, baseDelayMs: 10, maxDelayMs: 20, totalBudgetMs: 200}}},
		);
		expect(result.diagnosis).toMatchObject({code: 'rate-limited', httpStatus: 429});
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 1, signOuts: 1});
	});

	it('every time: rate-limited, as the server said, not session-invalidated; every session ends', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => (isUsersCall(request.path) ? later(429) : forward()));
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toMatchObject({code: 'rate-limited', httpStatus: 429});
		expect(result.checks.find(check => check.id === 'permissions')?.status).toBe('fail');
		// Once in the first session, then waited out in the second as any request is.
		expect(front.requests.filter(request => isUsersCall(request.path))).toHaveLength(1 + defaultRetryPolicy.maxAttempts);
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 2, signOuts: 2});
	});
});

describe("a portal's HTML page instead of Tableau's answer", () => {
	it('on sign-in (401) is unexpected-response (a device in front of Tableau), not a refused token', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			isSignIn(request.path) ? htmlPage(401, 'Acme Single Sign-On') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toMatchObject({code: 'unexpected-response', httpStatus: 401});
		expect(result.diagnosis?.explanation).toContain('Acme Single Sign-On');
	});

	it('on sign-in (403) is unexpected-response (a device in front of Tableau), not a missing permission', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) => (isSignIn(request.path) ? htmlPage(403, 'Access Denied') : forward()));
		expect((await verifyThrough(simulator, front)).diagnosis).toMatchObject({code: 'unexpected-response', httpStatus: 403});
	});

	it('on the permissions calls (403) is unexpected-response (a device in front of Tableau), and the session is still ended', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			isUsersCall(request.path) ? htmlPage(403, 'Request blocked by the web application firewall') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toMatchObject({code: 'unexpected-response', httpStatus: 403});
		expect(result.checks.map(check => check.status)).toEqual(['ok', 'ok', 'ok', 'fail', 'skipped', 'ok']);
		expect(simulator.stats().activeSessions).toBe(0);
	});

	it('on the permissions calls (401) is unexpected-response (a device in front of Tableau), not a refused token', async () => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			request.path.endsWith('/sessions/current') ? htmlPage(401, 'Session expired: log in again') : forward(),
		);
		expect((await verifyThrough(simulator, front)).diagnosis).toMatchObject({code: 'unexpected-response', httpStatus: 401});
	});
});

describe('after sign-in, Tableau ends the session', () => {
	it.each(['401000', '401002'])('%s on the permissions calls is session-invalidated', async code => {
		const {simulator, front} = await simulatorBehindFront(async (request, forward) =>
			request.path.endsWith('/sessions/current')
				? {
						status: 401,
						headers: {'content-type': 'application/json'},
						body: JSON.stringify({error: {code, summary: 'Signin Error', detail: 'The session is no longer valid.'}}),
					}
				: forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toMatchObject({code: 'session-invalidated', httpStatus: 401, tableauCode: code});
	});
});

describe('site roles', () => {
	it('a Server Administrator passes without the not-site-admin warning', async () => {
		const {simulator, front} = await simulatorBehindFront(async (_request, forward) => {
			const answer = await forward();
			return {...answer, body: answer.body.replaceAll('SiteAdministratorCreator', 'ServerAdministrator')};
		});
		const result = await verifyThrough(simulator, front);
		expect(result.ok).toBe(true);
		expect(result.user?.siteRole).toBe('ServerAdministrator');
		expect(result.warnings).toEqual([]);
		expect(result.checks.find(check => check.id === 'permissions')).toMatchObject({status: 'ok'});
	});

	it('an Explorer still passes, with the warning', async () => {
		const {simulator, front} = await simulatorBehindFront(async (_request, forward) => {
			const answer = await forward();
			return {...answer, body: answer.body.replaceAll('SiteAdministratorCreator', 'ExplorerCanPublish')};
		});
		const result = await verifyThrough(simulator, front);
		expect(result.ok).toBe(true);
		expect(result.warnings.map(item => item.code)).toEqual(['not-site-admin']);
	});
});

/** The same XML with every element in the `ts:` prefix, as servers of the tableausoftware.com era wrote it. */
function withTsPrefix(xml: string): string {
	return xml.replaceAll(/<(\/?)([A-Za-z][\w.-]*)/g, '<$1ts:$2').replace(' xmlns="', ' xmlns:ts="');
}

describe('XML with the old ts: prefix', () => {
	it('verifies: version, sign-in, user and role are all read', async () => {
		const {simulator, front} = await simulatorBehindFront(async (_request, forward) => {
			const answer = await forward();
			return answer.body.includes('<tsResponse') ? {...answer, body: withTsPrefix(answer.body)} : answer;
		}, 'ok-xml-only');
		const result = await verifyThrough(simulator, front);
		// The test server really did answer in the prefixed dialect.
		expect(result.diagnosis).toBeNull();
		expect(result.serverInfo).toEqual({productVersion: '2024.2.1', restApiVersion: '3.23'});
		expect(result.user).toMatchObject({siteRole: 'SiteAdministratorCreator', name: expect.stringContaining('@')});
		expect(simulator.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('the rewrite gives prefixed XML', () => {
		expect(withTsPrefix(`<?xml version='1.0'?><tsResponse xmlns="http://tableausoftware.com/api"><site id="s"/></tsResponse>`)).toBe(
			`<?xml version='1.0'?><ts:tsResponse xmlns:ts="http://tableausoftware.com/api"><ts:site id="s"/></ts:tsResponse>`,
		);
	});
});
