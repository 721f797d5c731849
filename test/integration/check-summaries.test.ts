// The one line each check shows, word for word, over real sockets on 127.0.0.1: the site signed in to,
// the user and the site's users, why a second session was opened, and why a check was skipped.
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {defaultRetryPolicy} from '../../source/tableau/retry.js';
import {verifyConnection, type VerificationOptions} from '../../source/verify/pipeline.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {startFrontServer, type FrontHandler, type FrontServer} from '../helpers/front-server.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const running: Array<Simulator | FrontServer> = [];
afterEach(async () => {
	await Promise.all(running.splice(0).map(async server => server.close()));
});
const options: VerificationOptions = {timeoutMs: 5000, transportOptions: {retry: {...defaultRetryPolicy, baseDelayMs: 10, maxDelayMs: 20}}};

async function verifyBehindFront(handle: FrontHandler, site = 'acme') {
	const simulator = await startSimulator({scenario: 'ok', site});
	running.push(simulator);
	const front = await startFrontServer(simulator.url, handle);
	running.push(front);
	const result = await verifyConnection({server: front.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret}, options);
	expectNoSecrets(JSON.stringify(result), simulator);
	return {simulator, front, result};
}

const summaryOf = (result: VerificationResult, id: string) => result.checks.find(check => check.id === id)?.summary;
const isUsersPage = (path: string) => /\/sites\/[^/]+\/users(\?|$)/.test(path);

describe('the summary of each check', () => {
	it('names the Default site as such, and ends the user line with the count of users and nothing more', async () => {
		const {simulator, result} = await verifyBehindFront(async (_request, forward) => forward(), '');
		expect(result.diagnosis).toBeNull();
		expect(summaryOf(result, 'signin')).toBe(`Signed in to the Default site with token "${simulator.tokenName}"`);
		expect(summaryOf(result, 'permissions')).toMatch(/^Signed in as \S+ \([^)]+\); the site has \d+ users?$/);
	});

	it('leaves the count of users out when the users page has no pagination', async () => {
		const {result} = await verifyBehindFront(async (request, forward) => {
			const answer = await forward();
			if (!isUsersPage(request.path) || answer.status !== 200) {
				return answer;
			}

			const body = JSON.parse(answer.body) as Record<string, unknown>;
			delete body.pagination;
			return {...answer, body: JSON.stringify(body)};
		});
		expect(result.diagnosis).toBeNull();
		expect(summaryOf(result, 'permissions')).toMatch(/^Signed in as \S+ \([^)]+\)$/);
	});

	it('says the second session was opened because the server asked to wait, when a call after sign-in got a 429', async () => {
		let limited = false;
		const {simulator, result} = await verifyBehindFront(async (request, forward) => {
			if (!limited && request.path.endsWith('/sessions/current')) {
				limited = true;
				return {
					status: 429,
					headers: {'content-type': 'application/json', 'retry-after': '0'},
					body: JSON.stringify({error: {code: '429000', summary: 'Too Many Requests', detail: 'Slow down'}}),
				};
			}

			return forward();
		});
		expect(result.diagnosis).toBeNull();
		expect(summaryOf(result, 'permissions')).toContain(
			'; signed in a second time, because the server asked to wait (429 or 503) and the first session had ended by then',
		);
		expect(simulator.stats()).toMatchObject({signIns: 2, activeSessions: 0});
	});
});

describe('the summary of a skipped check', () => {
	it('says sign-in was skipped for want of a Tableau REST API, and the user check for want of a session', async () => {
		const simulator = await startSimulator({scenario: 'not-tableau'});
		running.push(simulator);
		const result = await verifyConnection(
			{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			options,
		);
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(result.checks.find(check => check.id === 'signin')).toMatchObject({status: 'skipped', summary: 'Skipped: no usable Tableau REST API'});
		expect(result.checks.find(check => check.id === 'permissions')).toMatchObject({status: 'skipped', summary: 'Skipped: not signed in'});
	});
});
