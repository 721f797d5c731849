// Verdicts that must hold against what real deployments put in front of Tableau, over real sockets
// on 127.0.0.1: a server that closes every connection after one answer, a new session Tableau Cloud
// rejects once, a device that answers for Tableau after serverinfo did.
import {getEventListeners} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {defaultRetryPolicy} from '../../source/tableau/retry.js';
import {verifyConnection, type VerificationOptions} from '../../source/verify/pipeline.js';
import {startFrontServer, type ClosingFront, type FrontHandler, type FrontServer} from '../helpers/front-server.js';
import {runCommand} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const running: Array<Simulator | FrontServer> = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async server => server.close()));
});
const options: VerificationOptions = {timeoutMs: 5000, transportOptions: {retry: {...defaultRetryPolicy, baseDelayMs: 10, maxDelayMs: 20}}};

async function behindFront(handle: FrontHandler = async (_request, forward) => forward(), closing?: ClosingFront) {
	const simulator = await startSimulator({scenario: 'ok'});
	running.push(simulator);
	const front = await startFrontServer(simulator.url, handle, closing);
	running.push(front);
	return {simulator, front};
}

async function verifyThrough(simulator: Simulator, front: FrontServer, extra: VerificationOptions = {}) {
	const result = await verifyConnection(
		{server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
		{...options, ...extra},
	);
	expectNoSecrets(JSON.stringify(result), simulator);
	return result;
}

describe('a server that closes the connection after every answer', () => {
	it.each<ClosingFront>([{closes: 'header'}, {closes: 'silent'}, {closes: 'header', forwardsDropped: true}, {closes: 'silent', forwardsDropped: true}])(
		'%o: verified, every check ok, and every session opened is closed',
		async closing => {
			const {simulator, front} = await behindFront(undefined, closing);
			const result = await verifyThrough(simulator, front);
			expect(result.diagnosis).toBeNull();
			expect(result.checks.map(check => `${check.id}:${check.status}`)).toEqual([
				'reach:ok',
				'serverinfo:ok',
				'signin:ok',
				'permissions:ok',
				'content:ok',
				'signout:ok',
			]);
			expect(simulator.stats().activeSessions).toBe(0);
			// The sign-out is answered last: every other call had its answer first.
			expect(front.answered.at(-1)?.path).toMatch(/\/auth\/signout$/);
		},
	);
});

const tableauError = (status: number, code: string, detail: string) => ({
	status,
	headers: {'content-type': 'application/json'},
	body: JSON.stringify({error: {code, summary: 'Error', detail}}),
});
const isCurrentSession = (path: string) => path.endsWith('/sessions/current');
const isSignIn = (path: string) => path.endsWith('/auth/signin');
const count = (front: FrontServer, test: (path: string) => boolean) => front.requests.filter(request => test(request.path)).length;

describe('401002 on the first call after sign-in', () => {
	it('once: signed in a second time, verified, the summary says why, and both sessions end', async () => {
		let rejected = false;
		const {simulator, front} = await behindFront(async (request, forward) => {
			if (!rejected && isCurrentSession(request.path)) {
				rejected = true;
				return tableauError(401, '401002', 'The session token is no longer valid. Sign in again');
			}

			return forward();
		});
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toBeNull();
		expect(result.checks.find(check => check.id === 'permissions')?.summary).toContain(
			'signed in a second time, because Tableau ended the first session at once (401002)',
		);
		expect(count(front, isSignIn)).toBe(2);
		expect(simulator.stats()).toMatchObject({signIns: 2, signOuts: 2, activeSessions: 0});
	});

	it('again in the second session: session-invalidated, and every session opened is closed', async () => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			isCurrentSession(request.path) ? tableauError(401, '401002', 'The session token is no longer valid. Sign in again') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toMatchObject({code: 'session-invalidated', tableauCode: '401002'});
		expect(count(front, isSignIn)).toBe(2);
		expect(simulator.stats()).toMatchObject({signIns: 2, signOuts: 2, activeSessions: 0});
	});
});

const page = (status: number, title: string, server?: string) => ({
	status,
	headers: {'content-type': 'text/html', ...(server ? {server} : {})},
	body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
});

describe('a device in front of Tableau answers after serverinfo did', () => {
	it.each([
		['a 200 HTML page (a WAF)', page(200, 'Request Rejected'), 'Request Rejected'],
		["Apache's own 400 page", page(400, 'Bad Request', 'Apache'), 'Apache'],
		['an F5 403 page', page(403, 'Access Denied', 'BigIP'), 'BigIP'],
		["nginx's 404 page", page(404, '404 Not Found', 'nginx'), 'nginx'],
		['an SSO portal 401 page', page(401, 'Acme Single Sign-On'), 'Acme Single Sign-On'],
		['an empty 403', {status: 403, headers: {server: 'AkamaiGHost'}, body: ''}, 'an empty answer'],
		['an empty 200', {status: 200, headers: {}, body: ''}, 'an empty answer'],
	])('on sign-in, %s: unexpected-response that names it; never not-tableau or signin-failed', async (_name, answer, named) => {
		const {simulator, front} = await behindFront(async (request, forward) => (isSignIn(request.path) ? answer : forward()));
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.httpStatus).toBe(answer.status);
		expect(result.diagnosis?.explanation).toContain('answered as Tableau a moment ago');
		expect(result.diagnosis?.explanation).toContain(named);
		expect(result.diagnosis?.explanation).toContain('the token was not checked');
		const remedies = result.diagnosis!.remediation.join('\n');
		expect(remedies).toContain('let every path under /api/ through');
		// The address was just proven right: no remedy asks to change it.
		expect(remedies).not.toMatch(/Use the address|Correct the profile|server address/);
		// No session was opened, so there is none to end.
		expect(result.checks.map(check => check.status)).toEqual(['ok', 'ok', 'fail', 'skipped', 'skipped', 'skipped']);
	});

	it('a page that names a proxy is proxy-error, with the same explanation', async () => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			isSignIn(request.path) ? page(403, 'Zscaler: Website blocked', 'Zscaler/6.2') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis?.code).toBe('proxy-error');
		expect(result.diagnosis?.explanation).toContain('answered as Tableau a moment ago');
		expect(result.diagnosis?.explanation).toContain('Zscaler/6.2');
	});

	it('on the calls after sign-in: unexpected-response, and the session still ends', async () => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			isCurrentSession(request.path) ? page(403, 'Request blocked by the web application firewall', 'cloudflare') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain("the call for the signed-in user and the site's users");
		expect(result.diagnosis?.explanation).toContain('cloudflare');
		expect(simulator.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('the same page at serverinfo is still not-tableau: nothing had answered as Tableau yet', async () => {
		const {simulator, front} = await behindFront(async () => page(200, 'Acme Single Sign-On'));
		expect((await verifyThrough(simulator, front)).diagnosis?.code).toBe('not-tableau');
	});
});

describe('limited-access', () => {
	const refusingViews: FrontHandler = async (request, forward) =>
		/\/views\?/.test(request.path) ? tableauError(403, '403004', 'You do not have permission to list views') : forward();

	it('for a Site Administrator does not say to raise the role: the cause is elsewhere', async () => {
		const {simulator, front} = await behindFront(refusingViews);
		const result = await verifyThrough(simulator, front);
		expect(result.user?.siteRole).toBe('SiteAdministratorCreator');
		const warning = result.warnings.find(item => item.code === 'limited-access');
		expect(warning?.remediation.join('\n')).toContain('already Site Administrator Creator, so the site role is not the cause');
		expect(warning?.remediation.join('\n')).not.toContain('Give that user the Site Administrator');
	});

	it('for an Explorer still says to raise the role', async () => {
		const {simulator, front} = await behindFront(async (request, forward) => {
			const answer = await refusingViews(request, forward);
			return answer === 'drop' ? answer : {...answer, body: answer.body.replaceAll('SiteAdministratorCreator', 'Explorer')};
		});
		const result = await verifyThrough(simulator, front);
		expect(result.warnings.find(item => item.code === 'limited-access')?.remediation.join('\n')).toContain('Give that user the Site Administrator');
	});
});

describe('servers older than the calls we make', () => {
	it('serverinfo unknown (404003): api-version-unsupported that says the server predates that call', async () => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			request.path.endsWith('/serverinfo') ? tableauError(404, '404003', 'Unknown resource serverInfo') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis?.code).toBe('api-version-unsupported');
		expect(result.diagnosis?.explanation).toContain('does not know the server information call at all');
		expect(result.diagnosis?.explanation).toContain('10.1');
		expect(result.diagnosis?.remediation.join('\n')).not.toContain('--api-version');
	});

	it.each(['404003', '404008'])('sessions/current unknown (%s): the user is read from the site instead, and the run passes', async code => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			isCurrentSession(request.path) ? tableauError(404, code, 'Unknown resource') : forward(),
		);
		const result = await verifyThrough(simulator, front);
		expect(result.diagnosis).toBeNull();
		expect(result.user).toMatchObject({siteRole: 'SiteAdministratorCreator'});
		expect(front.requests.some(request => /\/sites\/[^/]+\/users\/[^/?]+$/.test(request.path))).toBe(true);
	});
});

describe('Ctrl-C means now', () => {
	const never = async () => new Promise<never>(() => {});

	async function interruptAfter(ms: number, simulator: Simulator, front: FrontServer) {
		const stop = new AbortController();
		setTimeout(() => {
			stop.abort();
		}, ms);
		const started = performance.now();
		const result = await verifyThrough(simulator, front, {timeoutMs: 15_000, signal: stop.signal});
		return {result, afterInterruptMs: performance.now() - started - ms};
	}

	it('against a server that does not answer: interrupted at once, not timeout', async () => {
		const {simulator, front} = await behindFront(never);
		const {result, afterInterruptMs} = await interruptAfter(300, simulator, front);
		expect(result.diagnosis?.code).toBe('interrupted');
		// The sign-in still on its way gets two seconds to open a session that could be ended; nothing waits for 15.
		expect(afterInterruptMs).toBeLessThan(4000);
		expect(JSON.stringify(result)).not.toContain('did not answer in time');
	});

	it('while the calls after sign-in hang: interrupted at once, and the open session is still signed out', async () => {
		const {simulator, front} = await behindFront(async (request, forward) => (isCurrentSession(request.path) ? never() : forward()));
		const {result, afterInterruptMs} = await interruptAfter(300, simulator, front);
		expect(result.diagnosis?.code).toBe('interrupted');
		expect(afterInterruptMs).toBeLessThan(2500);
		expect(result.checks.find(check => check.id === 'signout')).toMatchObject({status: 'ok'});
		expect(simulator.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0});
	});

	it('while a retry waits out Retry-After: interrupted at once, no second session', async () => {
		const {simulator, front} = await behindFront(async (request, forward) =>
			request.path.endsWith('/serverinfo')
				? {
						status: 503,
						headers: {'content-type': 'application/json', 'retry-after': '10'},
						body: JSON.stringify({error: {code: '503000', summary: 'Later', detail: 'Later'}}),
					}
				: forward(),
		);
		const stop = new AbortController();
		setTimeout(() => {
			stop.abort();
		}, 300);
		const started = performance.now();
		const result = await verifyThrough(simulator, front, {signal: stop.signal, transportOptions: {retry: {...defaultRetryPolicy, totalBudgetMs: 60_000}}});
		expect(result.diagnosis?.code).toBe('interrupted');
		expect(performance.now() - started).toBeLessThan(2500);
		expect(simulator.stats()).toMatchObject({activeSessions: 0});
	});
});

describe('the same verdicts on the command line', () => {
	it('test --json, plain test and profiles add all name the device in front of Tableau', async () => {
		const {simulator, front} = await behindFront(async (request, forward) => (isSignIn(request.path) ? page(400, 'Bad Request', 'Apache') : forward()));
		const configDir = mkdtempSync(join(tmpdir(), 'tableau-connect-field-'));
		try {
			const flags = ['--server', front.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin'];
			const env = {TABLEAU_CONNECT_CONFIG_DIR: configDir, TABLEAU_CONNECT_SECRET_STORE: 'file'};
			const json = await runCommand(['test', ...flags, '--json'], {input: simulator.tokenSecret, env});
			expect(JSON.parse(json.stdout).diagnosis.code).toBe('unexpected-response');
			const plain = await runCommand(['test', ...flags], {input: simulator.tokenSecret, env});
			expect(plain.code).toBe(1);
			expect(plain.stdout + plain.stderr).toContain('answered as Tableau a moment ago');
			const add = await runCommand(['profiles', 'add', 'acme', ...flags, '--json'], {input: simulator.tokenSecret, env});
			expect(JSON.parse(add.stdout).diagnosis.code).toBe('unexpected-response');
			expectNoSecrets([json.stdout, json.stderr, plain.stdout, plain.stderr, add.stdout, add.stderr], simulator);
		} finally {
			rmSync(configDir, {recursive: true, force: true});
		}
	});
});

describe('Ctrl-C on a server that closes every connection', () => {
	it('a sign-in on its way still gets only the short deadline', async () => {
		const {simulator, front} = await behindFront(async (request, forward) => (isSignIn(request.path) ? new Promise<never>(() => {}) : forward()), {
			closes: 'header',
		});
		const stop = new AbortController();
		setTimeout(() => {
			stop.abort();
		}, 300);
		const started = performance.now();
		const result = await verifyThrough(simulator, front, {timeoutMs: 15_000, signal: stop.signal});
		expect(result.diagnosis?.code).toBe('interrupted');
		expect(performance.now() - started).toBeLessThan(5000);
	});

	it('leaves no listener on the signal it shares with other runs', async () => {
		const {simulator, front} = await behindFront();
		const shared = new AbortController();
		for (let run = 0; run < 3; run++) {
			expect((await verifyThrough(simulator, front, {signal: shared.signal})).ok).toBe(true);
		}

		expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
	});
});
