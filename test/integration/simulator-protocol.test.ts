import {connect} from 'node:net';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {errorCode, jsonAuth, newAgent, parseXml, send, signedIn, signInJson, xmlSignInBody} from './simulator-helpers.js';
import {describe, expect, test} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

/** A fresh simulator of the defaults for each test: the protocol tests change its sessions. */
const it = test.extend<{ready: Simulator}>({
	async ready({simulator}, provide) {
		await provide(await simulator());
	},
});

describe('serverinfo', () => {
	it('answers XML by default, in the tableau.com namespace', async ({ready: simulator}) => {
		const answer = await send(simulator.url, '/api/3.23/serverinfo');
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^application\/xml/);
		expect(answer.text.startsWith("<?xml version='1.0' encoding='UTF-8'?>")).toBe(true);
		const {tsResponse} = parseXml(answer.text);
		expect(tsResponse.xmlns).toBe('http://tableau.com/api');
		expect(tsResponse.serverInfo.productVersion).toEqual({value: '2024.2.1', build: '20242.24.0711.1636'});
		expect(tsResponse.serverInfo.restApiVersion).toBe('3.23');
	});

	it('answers JSON when asked, without authentication', async ({ready: simulator}) => {
		const answer = await send(simulator.url, '/api/3.0/serverinfo', {headers: {accept: 'application/json'}});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(answer.text)).toEqual({
			serverInfo: {productVersion: {value: '2024.2.1', build: '20242.24.0711.1636'}, restApiVersion: '3.23'},
		});
	});

	it.for(['3.24', '4.0', 'latest', '3', '3.23.1'])('rejects version %s with 404001', async (version, {ready: simulator}) => {
		const answer = await send(simulator.url, `/api/${version}/serverinfo`, {headers: {accept: 'application/json'}});
		expect(answer.status).toBe(404);
		expect(JSON.parse(answer.text).error).toEqual({
			summary: 'Version not found',
			detail: `Version '${version}' is not a valid version of the API.`,
			code: '404001',
		});
	});
});

describe('sign-in', () => {
	it('accepts a JSON body and returns a token, the site LUID and the user', async ({ready: simulator}) => {
		const answer = await signInJson(simulator);
		expect(answer.status).toBe(200);
		const {credentials} = JSON.parse(answer.text);
		expect(credentials.token).toMatch(/^[\w-]+\|[\w-]+\|[\da-f-]{36}$/);
		expect(credentials.site.id).toMatch(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/);
		expect(credentials.token.endsWith(credentials.site.id)).toBe(true);
		expect(credentials.site.contentUrl).toBe('acme');
		expect(credentials.user.id).toMatch(/^[\da-f-]{36}$/);
		expect(credentials.estimatedTimeToExpiration).toBe('177:05:38');
		expect(simulator.stats()).toMatchObject({activeSessions: 1, signIns: 1});
	});

	it('accepts an XML body and answers XML', async ({ready: simulator}) => {
		const answer = await send(simulator.url, '/api/3.23/auth/signin', {
			method: 'POST',
			headers: {'content-type': 'application/xml'},
			body: xmlSignInBody(simulator.tokenName, simulator.tokenSecret, 'acme'),
		});
		expect(answer.status).toBe(200);
		const {credentials} = parseXml(answer.text).tsResponse;
		expect(credentials.token.length).toBeGreaterThan(40);
		expect(credentials.site.contentUrl).toBe('acme');
		expect(credentials.user.id).toMatch(/^[\da-f-]{36}$/);
	});

	it('matches the site content URL without regard to case', async ({ready: simulator}) => {
		expect((await signInJson(simulator, {site: 'ACME'})).status).toBe(200);
	});

	it('signs in to the Default site, whose content URL is empty', async () => {
		const defaultSite = await startSimulator({site: '', tokenName: 'CI token', tokenSecret: 'c2VjcmV0+/==:AbCdEfGhIjKlMnOpQrStUvWxYz012345'});
		try {
			const xml = await send(defaultSite.url, '/api/3.23/auth/signin', {
				method: 'POST',
				body: xmlSignInBody('CI token', defaultSite.tokenSecret, ''),
			});
			expect(xml.status).toBe(200);
			expect(parseXml(xml.text).tsResponse.credentials.site.contentUrl).toBe('');
			// A JSON body without a site means the Default site as well.
			const json = await send(defaultSite.url, '/api/3.23/auth/signin', {
				method: 'POST',
				headers: {'content-type': 'application/json'},
				body: JSON.stringify({credentials: {personalAccessTokenName: 'CI token', personalAccessTokenSecret: defaultSite.tokenSecret}}),
			});
			expect(json.status).toBe(200);
			expect(errorCode(await signInJson(defaultSite, {site: 'acme'}))).toBe('401001');
		} finally {
			await defaultSite.close();
		}
	});

	it('makes a fresh secret per start, shaped like a Tableau one', async ({ready: simulator}) => {
		const other = await startSimulator();
		try {
			expect(simulator.tokenSecret).toMatch(/^[A-Za-z\d+/]{22}==:[A-Za-z\d]{32}$/);
			expect(other.tokenSecret).not.toBe(simulator.tokenSecret);
			expect(simulator.tokenName).toBe('Parable Integration');
			expect(simulator.url).toBe(`http://127.0.0.1:${simulator.port}`);
		} finally {
			await other.close();
		}
	});

	it('answers 401001 to a wrong secret, token name or site', async ({ready: simulator}) => {
		const wrongSecret = await signInJson(simulator, {secret: 'bm9wZQ==:notTheRealSecretAtAllSorry000000'});
		expect(wrongSecret.status).toBe(401);
		expect(JSON.parse(wrongSecret.text).error.code).toBe('401001');
		expect(errorCode(await signInJson(simulator, {site: 'globex'}))).toBe('401001');
		const wrongName = await send(simulator.url, '/api/3.23/auth/signin', {
			method: 'POST',
			body: xmlSignInBody('Someone Else', simulator.tokenSecret, 'acme'),
		});
		expect(wrongName.status).toBe(401);
		expect(parseXml(wrongName.text).tsResponse.error).toMatchObject({code: '401001', summary: 'Signin Error'});
		expect(simulator.stats().signIns).toBe(0);
	});

	it.for(['', '{"credentials":', '<tsRequest><credentials', 'token=abc'])('answers 400000 to the malformed body %j', async (body, {ready: simulator}) => {
		const answer = await send(simulator.url, '/api/3.23/auth/signin', {method: 'POST', headers: {accept: 'application/json'}, body});
		expect(answer.status).toBe(400);
		expect(errorCode(answer)).toBe('400000');
	});

	it('answers 405000 to a sign-in sent as GET', async ({ready: simulator}) => {
		const answer = await send(simulator.url, '/api/3.23/auth/signin');
		expect(answer.status).toBe(405);
		expect(errorCode(answer)).toBe('405000');
	});

	it('keeps one session per PAT: a second sign-in ends the first with 401002', async ({ready: simulator}) => {
		const first = await signedIn(simulator);
		expect((await send(simulator.url, '/api/3.23/sessions/current', {headers: jsonAuth(first.token)})).status).toBe(200);
		const second = await signedIn(simulator);
		expect(second.token).not.toBe(first.token);
		const stale = await send(simulator.url, '/api/3.23/sessions/current', {headers: jsonAuth(first.token)});
		expect(stale.status).toBe(401);
		expect(errorCode(stale)).toBe('401002');
		expect((await send(simulator.url, '/api/3.23/sessions/current', {headers: jsonAuth(second.token)})).status).toBe(200);
		expect(simulator.stats()).toMatchObject({activeSessions: 1, signIns: 2, signOuts: 0});
	});
});

describe('sign-out and sessions', () => {
	it('signs out with 204 and an empty body, after which the token is dead', async ({ready: simulator}) => {
		const {token} = await signedIn(simulator);
		const answer = await send(simulator.url, '/api/3.23/auth/signout', {method: 'POST', headers: {'x-tableau-auth': token}});
		expect(answer.status).toBe(204);
		expect(answer.text).toBe('');
		expect(simulator.stats()).toMatchObject({activeSessions: 0, signIns: 1, signOuts: 1});
		expect(errorCode(await send(simulator.url, '/api/3.23/sessions/current', {headers: jsonAuth(token)}))).toBe('401002');
	});

	it('answers 401000 without a token or with one it never issued', async ({ready: simulator}) => {
		const missing = await send(simulator.url, '/api/3.23/sessions/current', {headers: {accept: 'application/json'}});
		expect(missing.status).toBe(401);
		expect(errorCode(missing)).toBe('401000');
		expect(errorCode(await send(simulator.url, '/api/3.23/auth/signout', {method: 'POST', headers: {'x-tableau-auth': 'made|up|token'}}))).toBe('401000');
	});

	it('describes the current session: site and user with role', async ({ready: simulator}) => {
		const {token, siteId, userId} = await signedIn(simulator);
		const answer = await send(simulator.url, '/api/3.23/sessions/current', {headers: {'x-tableau-auth': token}});
		const {session} = parseXml(answer.text).tsResponse;
		expect(session.site).toEqual({id: siteId, name: 'Acme', contentUrl: 'acme'});
		expect(session.user).toMatchObject({id: userId, siteRole: 'SiteAdministratorCreator', name: 'jordan.rivera@acme.example'});
	});
});

describe('users', () => {
	it("lists the site's users by site LUID, with string pagination numbers", async ({ready: simulator}) => {
		const {token, siteId} = await signedIn(simulator);
		const answer = await send(simulator.url, `/api/3.23/sites/${siteId}/users?pageSize=100&pageNumber=1`, {headers: jsonAuth(token)});
		expect(answer.status).toBe(200);
		const body = JSON.parse(answer.text);
		expect(body.pagination).toEqual({pageNumber: '1', pageSize: '100', totalAvailable: '88'});
		expect(body.users.user).toHaveLength(88);
		expect(new Set(body.users.user.map((user: {id: string}) => user.id)).size).toBe(88);
		expect(body.users.user[0]).toMatchObject({siteRole: 'SiteAdministratorCreator', fullName: 'Jordan Rivera'});
	});

	it('pages through the users in XML', async ({ready: simulator}) => {
		const {token, siteId} = await signedIn(simulator);
		const answer = await send(simulator.url, `/api/3.23/sites/${siteId}/users?pageSize=3&pageNumber=30`, {headers: {'x-tableau-auth': token}});
		const {tsResponse} = parseXml(answer.text);
		expect(tsResponse.pagination).toEqual({pageNumber: '30', pageSize: '3', totalAvailable: '88'});
		// The last page holds one user, which XML gives as a single element.
		expect(tsResponse.users.user.name).toBe('svc.reporting@acme.example');
		const beyond = await send(simulator.url, `/api/3.23/sites/${siteId}/users?pageSize=3&pageNumber=31`, {headers: jsonAuth(token)});
		expect([beyond.status, errorCode(beyond)]).toEqual([400, '400006']);
		const tooLarge = await send(simulator.url, `/api/3.23/sites/${siteId}/users?pageSize=1001`, {headers: jsonAuth(token)});
		expect([tooLarge.status, errorCode(tooLarge)]).toEqual([403, '403014']);
	});

	it('refuses the site content URL in place of the LUID with 404000', async ({ready: simulator}) => {
		const {token} = await signedIn(simulator);
		const answer = await send(simulator.url, '/api/3.23/sites/acme/users', {headers: jsonAuth(token)});
		expect(answer.status).toBe(404);
		expect(errorCode(answer)).toBe('404000');
	});

	it("returns the signed-in user's record, and 404002 for an unknown one", async ({ready: simulator}) => {
		const {token, siteId, userId} = await signedIn(simulator);
		const answer = await send(simulator.url, `/api/3.23/sites/${siteId}/users/${userId}`, {headers: jsonAuth(token)});
		expect(JSON.parse(answer.text).user).toMatchObject({
			id: userId,
			name: 'jordan.rivera@acme.example',
			siteRole: 'SiteAdministratorCreator',
			fullName: 'Jordan Rivera',
			email: 'jordan.rivera@acme.example',
			lastLogin: '2024-11-05T09:12:44Z',
		});
		const unknown = await send(simulator.url, `/api/3.23/sites/${siteId}/users/00000000-0000-0000-0000-000000000000`, {headers: jsonAuth(token)});
		expect([unknown.status, errorCode(unknown)]).toEqual([404, '404002']);
	});

	it('needs a valid token', async ({ready: simulator}) => {
		const {siteId} = await signedIn(simulator);
		const answer = await send(simulator.url, `/api/3.23/sites/${siteId}/users`);
		expect([answer.status, errorCode(answer)]).toEqual([401, '401000']);
	});
});

describe('paths', () => {
	it('answers 404003 for an unknown resource under /api and an HTML page elsewhere', async ({ready: simulator}) => {
		const unknown = await send(simulator.url, '/api/3.23/workbooks-of-the-future', {headers: {accept: 'application/json'}});
		expect([unknown.status, errorCode(unknown)]).toEqual([404, '404003']);
		const page = await send(simulator.url, '/#/site/acme/workbooks');
		expect(page.status).toBe(404);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.text).toContain('<title>Page Not Found</title>');
	});
});

describe('connections', () => {
	it('keeps connections alive, so one client connection serves a whole run', async ({ready: simulator}) => {
		const agent = newAgent({connections: 1});
		try {
			const options = {dispatcher: agent};
			await send(simulator.url, '/api/3.23/serverinfo', options);
			const {token, siteId, userId} = await signedIn(simulator, options);
			await send(simulator.url, `/api/3.23/sites/${siteId}/users/${userId}`, {...options, headers: jsonAuth(token)});
			await send(simulator.url, `/api/3.23/sites/${siteId}/users?pageSize=100`, {...options, headers: jsonAuth(token)});
			await send(simulator.url, '/api/3.23/auth/signout', {...options, method: 'POST', headers: {'x-tableau-auth': token}});
			expect(simulator.stats()).toEqual({activeSessions: 0, signIns: 1, signOuts: 1, requests: 5, connections: 1});
		} finally {
			await agent.close();
		}
	});

	it('counts a new connection for each client that does not reuse one', async ({ready: simulator}) => {
		for (let index = 0; index < 3; index++) {
			const agent = newAgent();
			await send(simulator.url, '/api/3.23/serverinfo', {dispatcher: agent});
			await agent.close();
		}

		expect(simulator.stats()).toMatchObject({requests: 3, connections: 3});
	});

	it("logs each request's method, path and headers, but no body", async ({ready: simulator}) => {
		await signInJson(simulator);
		expect(simulator.requests).toHaveLength(1);
		const [logged] = simulator.requests;
		expect(logged).toMatchObject({method: 'POST', path: '/api/3.23/auth/signin'});
		expect(logged!.headers['content-type']).toBe('application/json');
		expectNoSecrets(JSON.stringify(simulator.requests), simulator.tokenSecret);
	});

	it('close() ends open keep-alive connections and frees the port', async ({ready: simulator}) => {
		const agent = newAgent();
		const {port, url} = simulator;
		await send(url, '/api/3.23/serverinfo', {dispatcher: agent});
		await simulator.close();
		const refused = await new Promise<string>(resolve => {
			const socket = connect(port, '127.0.0.1');
			socket.on('connect', () => {
				socket.destroy();
				resolve('connected');
			});
			socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
		});
		expect(refused).toBe('ECONNREFUSED');
		await agent.close();
		// The fixture closes it again; that must be harmless.
	});
});
