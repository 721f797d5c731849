import {diagnosisCodes} from '../../source/verify/types.js';
import {isScenarioId, scenarios} from '../../source/simulator/index.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {errorCode, jsonAuth, parseXml, send, signedIn, signInJson, xmlSignInBody} from './simulator-helpers.js';

describe('scenario catalogue', () => {
	it('lists unique ids, each with a one-line description and a known outcome', () => {
		const ids = scenarios.map(scenario => scenario.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const scenario of scenarios) {
			expect(isScenarioId(scenario.id)).toBe(true);
			expect(scenario.shows).not.toMatch(/\n/);
			expect(scenario.shows.length).toBeGreaterThan(20);
			expect(['ok', ...diagnosisCodes]).toContain(scenario.expected);
		}

		expect(isScenarioId('nope')).toBe(false);
	});

	it('covers every diagnosis a server can cause', () => {
		const clientSide = new Set(['invalid-url', 'dns-not-found', 'connection-refused', 'proxy-error', 'interrupted']);
		const covered = new Set(scenarios.map(scenario => scenario.expected));
		for (const code of diagnosisCodes.filter(code => !clientSide.has(code))) {
			expect(covered, code).toContain(code);
		}
	});
});

describe('successful variants', () => {
	it('ok-xml-only ignores Accept, uses the old namespace and gives a page of one user as one element', async ({simulator: start}) => {
		const server = await start({scenario: 'ok-xml-only'});
		const info = await send(server.url, '/api/3.23/serverinfo', {headers: {accept: 'application/json'}});
		expect(info.headers['content-type']).toMatch(/^application\/xml/);
		expect(parseXml(info.text).tsResponse.xmlns).toBe('http://tableausoftware.com/api');
		const signIn = await signInJson(server);
		expect(signIn.status).toBe(200);
		const {credentials} = parseXml(signIn.text).tsResponse;
		const users = await send(server.url, `/api/3.23/sites/${credentials.site.id}/users?pageSize=1`, {headers: jsonAuth(credentials.token)});
		const {tsResponse} = parseXml(users.text);
		// The whole site, as every other scenario counts it; only the page holds one.
		expect(tsResponse.pagination.totalAvailable).toBe('88');
		expect(users.text.match(/<user /g)).toHaveLength(1);
		expect(tsResponse.users.user.id).toBe(credentials.user.id);
		expect(errorCode(await signInJson(server, {secret: 'x'}))).toBe('401001');
	});

	it('explorer-role signs in as an Explorer who can list only themself', async ({simulator: start}) => {
		const server = await start({scenario: 'explorer-role'});
		const {token, siteId, userId} = await signedIn(server);
		const me = await send(server.url, `/api/3.23/sites/${siteId}/users/${userId}`, {headers: jsonAuth(token)});
		expect(JSON.parse(me.text).user.siteRole).toBe('Explorer');
		const users = JSON.parse((await send(server.url, `/api/3.23/sites/${siteId}/users`, {headers: jsonAuth(token)})).text);
		expect(users.users.user.map((user: {id: string}) => user.id)).toEqual([userId]);
	});

	it('rate-limited answers 429 with Retry-After twice, then signs in', async ({simulator: start}) => {
		const server = await start({scenario: 'rate-limited', retryAfterSeconds: 7});
		for (let attempt = 0; attempt < 2; attempt++) {
			const answer = await signInJson(server);
			expect([answer.status, errorCode(answer), answer.headers['retry-after']]).toEqual([429, '429000', '7']);
		}

		expect((await signInJson(server)).status).toBe(200);
	});
});

describe('redirects', () => {
	it('cloud-redirect sends sign-in to the pod host with 301, and the pod signs in', async ({simulator: start}) => {
		const server = await start({scenario: 'cloud-redirect'});
		const answer = await signInJson(server, {version: '3.22'});
		expect(answer.status).toBe(301);
		expect(answer.headers.location).toBe(`http://localhost:${server.port}/api/3.22/auth/signin`);
		// Only sign-in moves; everything else is served where it was asked.
		expect((await send(server.url, '/api/3.23/serverinfo')).status).toBe(200);
		const pod = await signInJson(server, {base: `http://localhost:${server.port}`});
		expect(pod.status).toBe(200);
	});

	it('cloud-redirect reached as localhost points at 127.0.0.1 instead', async ({simulator: start}) => {
		const server = await start({scenario: 'cloud-redirect', host: 'localhost'});
		expect(server.url).toBe(`http://localhost:${server.port}`);
		const answer = await signInJson(server);
		expect(answer.headers.location).toBe(`http://127.0.0.1:${server.port}/api/3.23/auth/signin`);
	});

	it('redirect-method redirects, and the pod answers sign-in with 405000', async ({simulator: start}) => {
		const server = await start({scenario: 'redirect-method'});
		const answer = await signInJson(server);
		expect(answer.status).toBe(301);
		const location = String(answer.headers.location);
		const followed = await send(location, '', {headers: {accept: 'application/json'}});
		expect([followed.status, errorCode(followed)]).toEqual([405, '405000']);
		const reposted = await signInJson(server, {base: new URL(location).origin});
		expect([reposted.status, errorCode(reposted)]).toEqual([405, '405000']);
	});
});

describe('sign-in failures', () => {
	it('wrong-secret refuses the advertised secret with 401001', async ({simulator: start}) => {
		const server = await start({scenario: 'wrong-secret'});
		const answer = await signInJson(server);
		expect([answer.status, errorCode(answer)]).toEqual([401, '401001']);
	});

	it('wrong-site has a different content URL from the one it advertises', async ({simulator: start}) => {
		const server = await start({scenario: 'wrong-site'});
		expect(server.site).toBe('acme');
		expect(errorCode(await signInJson(server))).toBe('401001');
		expect(errorCode(await signInJson(server, {site: 'Acme Corp'}))).toBe('401001');
		// The real content URL works, which is what the remediation tells people to use.
		const {token} = await signedIn(server, {site: 'acme-corp'});
		const session = JSON.parse((await send(server.url, '/api/3.23/sessions/current', {headers: jsonAuth(token)})).text).session;
		expect(session.site).toMatchObject({name: 'Acme Corp', contentUrl: 'acme-corp'});
	});

	it('pats-disabled refuses every PAT sign-in with 401001', async ({simulator: start}) => {
		const server = await start({scenario: 'pats-disabled'});
		const answer = await send(server.url, '/api/3.23/auth/signin', {method: 'POST', body: xmlSignInBody(server.tokenName, server.tokenSecret, server.site)});
		expect([answer.status, errorCode(answer)]).toEqual([401, '401001']);
	});

	it('site-not-found answers sign-in with 404000', async ({simulator: start}) => {
		const server = await start({scenario: 'site-not-found'});
		const answer = await signInJson(server);
		expect(answer.status).toBe(404);
		expect(JSON.parse(answer.text).error).toMatchObject({code: '404000', summary: 'Site not found'});
	});

	it('old-server reports 2019.2 / 3.4 and refuses newer versions with 404001', async ({simulator: start}) => {
		const server = await start({scenario: 'old-server'});
		const info = JSON.parse((await send(server.url, '/api/3.0/serverinfo', {headers: {accept: 'application/json'}})).text);
		expect(info.serverInfo).toMatchObject({productVersion: {value: '2019.2.4'}, restApiVersion: '3.4'});
		const newer = await signInJson(server, {version: '3.6'});
		expect([newer.status, errorCode(newer)]).toEqual([404, '404001']);
		// At its own version the PAT body does not validate: the server predates PATs.
		expect((await signInJson(server, {version: '3.4'})).status).toBe(400);
	});

	it("rate-limited-always alternates Tableau's 429 body and an HTML 429 page", async ({simulator: start}) => {
		const server = await start({scenario: 'rate-limited-always'});
		const answers = [await signInJson(server), await signInJson(server), await signInJson(server)];
		expect(answers.map(answer => answer.status)).toEqual([429, 429, 429]);
		expect(errorCode(answers[0]!)).toBe('429000');
		expect(answers[1]!.headers['content-type']).toMatch(/^text\/html/);
		expect(answers[1]!.text).toContain('429 Too Many Requests');
		expect(errorCode(answers[2]!)).toBe('429000');
		expect(server.stats().signIns).toBe(0);
	});

	it('server-error serves serverinfo but answers sign-in with a 503 HTML page', async ({simulator: start}) => {
		const server = await start({scenario: 'server-error'});
		expect((await send(server.url, '/api/3.23/serverinfo')).status).toBe(200);
		for (let attempt = 0; attempt < 3; attempt++) {
			const answer = await signInJson(server);
			expect(answer.status).toBe(503);
			expect(answer.text).toContain('<html');
		}
	});

	it('unexpected-response answers sign-in with a 418', async ({simulator: start}) => {
		const server = await start({scenario: 'unexpected-response'});
		const answer = await signInJson(server);
		expect([answer.status, errorCode(answer)]).toEqual([418, '418000']);
	});
});

describe('after sign-in', () => {
	it('not-admin signs in a Viewer whose users listing gets a 403', async ({simulator: start}) => {
		const server = await start({scenario: 'not-admin'});
		const {token, siteId, userId} = await signedIn(server);
		const me = JSON.parse((await send(server.url, `/api/3.23/sites/${siteId}/users/${userId}`, {headers: jsonAuth(token)})).text);
		expect(me.user.siteRole).toBe('Viewer');
		const users = await send(server.url, `/api/3.23/sites/${siteId}/users?pageSize=100`, {headers: jsonAuth(token)});
		expect(users.status).toBe(403);
		expect(errorCode(users)).toMatch(/^403\d{3}$/);
	});

	it('session-stolen ends the new session at once, so the next call gets 401002', async ({simulator: start}) => {
		const server = await start({scenario: 'session-stolen'});
		const {token, siteId, userId} = await signedIn(server);
		const answer = await send(server.url, `/api/3.23/sites/${siteId}/users/${userId}`, {headers: jsonAuth(token)});
		expect([answer.status, errorCode(answer)]).toEqual([401, '401002']);
		// The other client's session is the one still open.
		expect(server.stats().activeSessions).toBe(1);
	});
});

describe('transport-level scenarios', () => {
	it('not-tableau answers every path with a 200 HTML page', async ({simulator: start}) => {
		const server = await start({scenario: 'not-tableau'});
		for (const path of ['/api/3.23/serverinfo', '/api/2.4/serverinfo', '/']) {
			const answer = await send(server.url, path);
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toMatch(/^text\/html/);
		}

		expect((await signInJson(server)).text).toContain('<title>Acme Intranet');
	});

	it('slow delays every answer by slowMs', async ({simulator: start}) => {
		const server = await start({scenario: 'slow', slowMs: 300});
		const started = performance.now();
		expect((await send(server.url, '/api/3.23/serverinfo')).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(290);
		await expect(send(server.url, '/api/3.23/serverinfo', {signal: AbortSignal.timeout(50)})).rejects.toThrow();
	});

	it('close() does not wait for a slow answer still pending', async ({simulator: start}) => {
		const server = await start({scenario: 'slow', slowMs: 60_000});
		const pending = send(server.url, '/api/3.23/serverinfo').catch((error: unknown) => error);
		await new Promise(resolve => setTimeout(resolve, 50));
		const started = performance.now();
		await server.close();
		// Waiting for the answer would take 60 s; 10 s leaves a loaded machine room and still tells them apart.
		expect(performance.now() - started).toBeLessThan(10_000);
		expect(await pending).toBeInstanceOf(Error);
	});
});

describe('setScenario', () => {
	it('switches behaviour live and resets the rate-limit count', async ({simulator: start}) => {
		const server = await start({scenario: 'wrong-secret'});
		expect((await signInJson(server)).status).toBe(401);
		server.setScenario('ok');
		expect(server.scenario).toBe('ok');
		expect((await signInJson(server)).status).toBe(200);
		server.setScenario('rate-limited');
		expect((await signInJson(server)).status).toBe(429);
	});

	it('refuses a TLS scenario on a plain-HTTP simulator', async ({simulator: start}) => {
		const server = await start({});
		expect(() => server.setScenario('tls-expired')).toThrow(/HTTPS/);
		expect(server.scenario).toBe('ok');
	});
});
