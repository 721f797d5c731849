// A scripted HTTP or HTTPS server on a loopback address: answers each request from a route, and
// records every request, body included, so tests can check where the token secret went.
import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import type {CertificatePair} from '../../source/simulator/certificates.js';

export type Reply = {status: number; headers?: Record<string, string>; body?: string | Buffer};
export type Route = (request: IncomingMessage, url: URL) => Reply | undefined;
export type Received = {method: string; path: string; headers: IncomingMessage['headers']; body: string};
export type ScriptedServer = {url: string; received: Received[]; close(): Promise<void>};

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
	status,
	headers: {'content-type': 'application/json', ...headers},
	body: JSON.stringify(value),
});

/** Answers like a healthy Tableau server unless a route says otherwise. */
export function healthy(overrides: Route = () => undefined): Route {
	return (request, url) => {
		const override = overrides(request, url);
		if (override) {
			return override;
		}

		const path = url.pathname;
		if (path.endsWith('/serverinfo')) {
			return json(200, {serverInfo: {productVersion: {value: '2023.3.0', build: 'x'}, restApiVersion: '3.21'}});
		}

		if (path.endsWith('/auth/signin')) {
			return json(200, {credentials: {token: 'session-token', site: {id: 'site-luid', contentUrl: 'acme'}, user: {id: 'user-luid'}}});
		}

		if (path.endsWith('/sessions/current')) {
			return json(200, {session: {site: {id: 'site-luid'}, user: {id: 'user-luid', name: 'ada', siteRole: 'SiteAdministratorExplorer'}}});
		}

		if (path.endsWith('/users')) {
			return json(200, {
				pagination: {pageNumber: '1', pageSize: '1', totalAvailable: '12'},
				users: {user: [{id: 'user-luid', name: 'ada', siteRole: 'SiteAdministratorExplorer'}]},
			});
		}

		// What Parable will read: one item of each kind, for the totals.
		const content = /\/(workbooks|views|datasources)$/.exec(path);
		if (content) {
			const element = {workbooks: 'workbook', views: 'view', datasources: 'datasource'}[content[1] as 'views'];
			return json(200, {pagination: {pageNumber: '1', pageSize: '1', totalAvailable: '3'}, [content[1]!]: {[element]: [{id: 'item-luid'}]}});
		}

		if (path.endsWith('/auth/signout')) {
			return {status: 204};
		}

		return {status: 404, body: 'not found'};
	};
}

/** Starts a server; `close` cuts every connection. */
export async function serveScripted(route: Route, options: {tls?: CertificatePair; host?: string} = {}): Promise<ScriptedServer> {
	const received: Received[] = [];
	const listener = (request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://localhost');
			received.push({method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8')});
			const reply = route(request, url) ?? {status: 500};
			response.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
		});
	};

	const server: Server = options.tls ? createHttpsServer({key: options.tls.key, cert: options.tls.cert}, listener) : createHttpServer(listener);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>(resolve => {
		server.listen(0, host, resolve);
	});
	return {
		url: `${options.tls ? 'https' : 'http'}://${host}:${(server.address() as AddressInfo).port}`,
		received,
		async close() {
			await new Promise(resolve => {
				server.closeAllConnections();
				server.close(resolve);
			});
		},
	};
}
