// The Tableau client's calls against a scripted server over real HTTP on 127.0.0.1: what it sends,
// what it accepts, and what it says when an answer is not Tableau's.
import {afterEach, describe, expect, it} from 'vitest';
import {createTableauClient, UnexpectedBodyError, type Session} from '../../source/tableau/client.js';
import {createTransport, type Transport} from '../../source/tableau/transport.js';
import {healthy, json, serveScripted, type Route, type ScriptedServer} from '../helpers/scripted-server.js';

const open: Array<ScriptedServer | Transport> = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(async item => item.close()));
});

async function clientFor(route: Route) {
	const server = await serveScripted(route);
	const transport = createTransport({timeoutMs: 3000, retry: {maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, totalBudgetMs: 0}});
	open.push(server, transport);
	return {server, client: createTableauClient(server.url, transport)};
}

const credentials = {tokenName: 'my token', tokenSecret: 'the-secret', site: 'acme'};

function sessionOn(server: ScriptedServer): Session {
	return {
		token: 'session-token',
		siteId: 'site-luid',
		siteContentUrl: 'acme',
		userId: 'user-luid',
		server: server.url,
		redirectedFrom: null,
		estimatedTimeToExpiration: null,
	};
}

async function unexpectedBody(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(UnexpectedBodyError);
	return (error as Error).message;
}

describe('signIn', () => {
	it('posts the token as JSON and keeps the site as the server spells it', async () => {
		const {server, client} = await clientFor(
			healthy((_request, url) =>
				url.pathname.endsWith('/auth/signin') ? json(200, {credentials: {token: 't', site: {id: 's', contentUrl: 'Acme'}, user: {id: 'u'}}}) : undefined,
			),
		);
		const session = await client.signIn(credentials, '3.19');
		expect(session).toMatchObject({token: 't', siteId: 's', siteContentUrl: 'Acme', userId: 'u', server: server.url, redirectedFrom: null});
		const signIn = server.received.find(request => request.path === '/api/3.19/auth/signin')!;
		expect(signIn.method).toBe('POST');
		expect(signIn.headers['content-type']).toBe('application/json');
		expect(signIn.headers.accept).toBe('application/json');
		expect(JSON.parse(signIn.body)).toEqual({
			credentials: {personalAccessTokenName: 'my token', personalAccessTokenSecret: 'the-secret', site: {contentUrl: 'acme'}},
		});
	});

	it.each([
		[{status: 200, headers: {'content-type': 'text/html'}, body: '<html><head><title>Sign in</title></head><body></body></html>'}, 'an HTML page ("Sign in")'],
		[{status: 200, headers: {'content-type': 'text/html'}, body: '<html><body><p>Welcome</p></body></html>'}, 'an HTML page'],
		[{status: 200}, 'an empty body'],
		[{status: 200, headers: {'content-type': 'text/plain'}, body: 'OK'}, 'plain text'],
	])("names what came instead of Tableau's answer: %j", async (reply, seen) => {
		const {client} = await clientFor(healthy((_request, url) => (url.pathname.endsWith('/auth/signin') ? reply : undefined)));
		expect(await unexpectedBody(client.signIn(credentials, '3.19'))).toBe(`Expected sign-in credentials from the Tableau REST API, got ${seen}`);
	});
});

describe('currentUser', () => {
	it('refuses a user record without an id from the fallback call', async () => {
		const {server, client} = await clientFor(
			healthy((_request, url) => {
				if (url.pathname.endsWith('/sessions/current')) {
					return json(404, {error: {code: '404003', summary: 'Unknown resource', detail: 'no such call'}});
				}

				return url.pathname.endsWith('/users/user-luid') ? json(200, {user: {name: 'ada'}}) : undefined;
			}),
		);
		expect(await unexpectedBody(client.currentUser(sessionOn(server), '3.19'))).toBe('The user record names no user');
		expect(server.received.map(request => request.path)).toEqual(['/api/3.19/sessions/current', '/api/3.19/sites/site-luid/users/user-luid']);
	});
});

describe('signOut', () => {
	it('takes a 200 for the 204 it asks for', async () => {
		const {server, client} = await clientFor(healthy((_request, url) => (url.pathname.endsWith('/auth/signout') ? {status: 200} : undefined)));
		await expect(client.signOut(sessionOn(server), '3.19')).resolves.toBeUndefined();
		expect(server.received.at(-1)?.headers['x-tableau-auth']).toBe('session-token');
	});

	it('takes a 401002, a session already ended, as signed out; any other 401 is an error', async () => {
		const {server, client} = await clientFor(
			healthy((request, url) => {
				if (!url.pathname.endsWith('/auth/signout')) {
					return undefined;
				}

				const code = request.headers['x-tableau-auth'] === 'session-token' ? '401002' : '401000';
				return json(401, {error: {code, summary: 'Unauthorized', detail: 'x'}});
			}),
		);
		await expect(client.signOut(sessionOn(server), '3.19')).resolves.toBeUndefined();
		await expect(client.signOut({...sessionOn(server), token: 'other'}, '3.19')).rejects.toMatchObject({status: 401, tableauCode: '401000'});
	});
});
