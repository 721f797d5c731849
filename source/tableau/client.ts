import {errorOf, list, parseBody, pick, text, type ParsedBody} from './parse.js';
import {isTrustedRedirect, nextHop, recordRedirects, redirectStatuses} from './redirects.js';
import type {HttpRequest, HttpResponse, Transport} from './transport.js';

export {isTrustedRedirect} from './redirects.js';

/** An HTTP answer that was not the one asked for. Holds the parsed error body, never the request (no secret, no token). */
export class TableauApiError extends Error {
	override readonly name = 'TableauApiError';

	constructor(
		readonly status: number,
		readonly body: ParsedBody,
		readonly tableauCode: string | null,
		readonly detail: string | null,
		readonly retryAfter: string | null,
		readonly location: string | null,
		readonly attempts: number,
		/** The answer's `Server` header: what answered, when it was not Tableau. */
		readonly serverHeader: string | null = null,
	) {
		super(`HTTP ${status}${tableauCode ? ` (Tableau error ${tableauCode})` : ''}${detail ? `: ${detail}` : ''}`);
	}
}

/**
The server answered 200, but not with what Tableau would send. Only the kind of body is kept: a
sign-in answer that is merely incomplete may still hold a session token.
*/
export class UnexpectedBodyError extends Error {
	override readonly name = 'UnexpectedBodyError';
	readonly bodyKind: ParsedBody['kind'];
	/** The title of an HTML page, which often names the device that sent it. */
	readonly pageTitle: string | null;

	constructor(
		readonly status: number,
		body: ParsedBody,
		message: string,
		/** The answer's `Server` header. */
		readonly serverHeader: string | null = null,
	) {
		super(message);
		this.bodyKind = body.kind;
		this.pageTitle = body.kind === 'html' ? body.title : null;
	}
}

export type ServerInfo = {
	productVersion: string | null;
	build: string | null;
	restApiVersion: string;
	/** Origin that answered, after any redirects: where later requests should go. */
	origin: string;
	/** The addresses visited, the first one included, when the server redirected; else empty. */
	redirects: string[];
};

export type PatCredentials = {tokenName: string; tokenSecret: string; site: string};

/** A signed-in session. `token` is a secret: never print it. */
export type Session = {
	token: string;
	siteId: string;
	siteContentUrl: string;
	userId: string;
	/** Origin the session lives on; differs from the configured server after a redirect. */
	server: string;
	redirectedFrom: string | null;
	estimatedTimeToExpiration: string | null;
};

export type SessionUser = {id: string; name: string | null; siteRole: string | null};

export type UsersPage = {totalAvailable: number | null; users: SessionUser[]};

/** The kinds of content Parable reads, by the path segment of their Query … for Site method. */
export type ContentResource = 'workbooks' | 'views' | 'datasources';

/**
How many items of one kind the session's user can see. `usageStatistics` is for views: whether the
first view came with its view count (null when there was no view to tell).
*/
export type ContentTotal = {totalAvailable: number | null; usageStatistics: boolean | null};

/** For calls made in a session: `waitOutLater: false` returns a 429 or 503 as an error at once (see HttpRequest). */
export type SessionCallOptions = {waitOutLater?: boolean};

// 404003: a resource the server does not know; 404008: one this API version does not have.
const unknownResourceCodes = new Set(['404003', '404008']);

// The element that holds each item: `<workbooks><workbook/></workbooks>`, `{"views":{"view":[…]}}`.
const itemElements: Record<ContentResource, string> = {workbooks: 'workbook', views: 'view', datasources: 'datasource'};

function totalOf(value: unknown): number | null {
	const total = text(pick(value, 'pagination', 'totalAvailable'));
	return total !== null && /^\d+$/.test(total.trim()) ? Number(total) : null;
}

function userOf(record: unknown): SessionUser | null {
	const id = text(pick(record, 'id'));
	return id ? {id, name: text(pick(record, 'name')), siteRole: text(pick(record, 'siteRole'))} : null;
}

/**
Tableau REST calls for verifying a PAT. Each method either returns what it asked for or throws a
`TableauApiError`, `UnexpectedBodyError` or the transport's `NetworkError`.
*/
export function createTableauClient(server: string, transport: Transport) {
	async function exchange(request: HttpRequest): Promise<{response: HttpResponse; body: ParsedBody}> {
		const response = await transport.send({
			...request,
			headers: {accept: 'application/json', 'user-agent': 'tableau-connect', ...request.headers},
		});
		return {response, body: parseBody(response.body, response.headers['content-type'])};
	}

	function failure(response: HttpResponse, body: ParsedBody): TableauApiError {
		const error = errorOf(body);
		return new TableauApiError(
			response.status,
			body,
			error?.code ?? null,
			error?.detail ?? error?.summary ?? null,
			response.headers['retry-after'] ?? null,
			response.headers['location'] ?? null,
			response.attempts,
			response.headers['server'] ?? null,
		);
	}

	async function call(request: HttpRequest, expected = 200): Promise<{response: HttpResponse; body: ParsedBody}> {
		const {response, body} = await exchange(request);
		if (response.status !== expected && !(expected === 204 && response.status === 200)) {
			throw failure(response, body);
		}

		return {response, body};
	}

	/**
	A request that follows redirects while `mayFollow` allows each hop. Returns the last answer and
	every address visited; an error on the way carries that chain (see `redirectsOf`).
	*/
	async function follow(
		request: HttpRequest,
		mayFollow: (from: URL, to: URL) => boolean,
	): Promise<{response: HttpResponse; body: ParsedBody; chain: string[]}> {
		const chain = [request.url];
		try {
			for (;;) {
				const {response, body} = await exchange({...request, url: chain.at(-1)!});
				if (!redirectStatuses.has(response.status)) {
					if (response.status !== 200) {
						throw failure(response, body);
					}

					return {response, body, chain};
				}

				const target = nextHop(response.status, response.headers['location'], chain);
				if (!mayFollow(new URL(chain.at(-1)!), target)) {
					throw failure(response, body);
				}

				chain.push(target.href);
			}
		} catch (error) {
			throw recordRedirects(error, chain);
		}
	}

	function tableauValue(body: ParsedBody, response: HttpResponse, what: string): Record<string, unknown> {
		if (body.kind !== 'tableau') {
			const seen = body.kind === 'html' ? `an HTML page${body.title ? ` ("${body.title}")` : ''}` : body.kind === 'empty' ? 'an empty body' : 'plain text';
			throw new UnexpectedBodyError(response.status, body, `Expected ${what} from the Tableau REST API, got ${seen}`, response.headers['server'] ?? null);
		}

		return body.value;
	}

	function authHeaders(session: Session): Record<string, string> {
		return {'x-tableau-auth': session.token};
	}

	return {
		/** `GET /api/{version}/serverinfo`, which needs no sign-in. */
		async serverInfo(version: string): Promise<ServerInfo> {
			// A read carries no secret, so it goes wherever the server sends it, as a browser would.
			const {body, response, chain} = await follow({method: 'GET', url: `${server}/api/${version}/serverinfo`}, () => true);
			try {
				const info = pick(tableauValue(body, response, 'server information'), 'serverInfo');
				const restApiVersion = text(pick(info, 'restApiVersion'));
				if (!restApiVersion) {
					throw new UnexpectedBodyError(response.status, body, 'The server information has no REST API version');
				}

				const product = pick(info, 'productVersion');
				const redirects = chain.length > 1 ? chain : [];
				return {productVersion: text(product), build: text(pick(product, 'build')), restApiVersion, origin: new URL(chain.at(-1)!).origin, redirects};
			} catch (error) {
				throw recordRedirects(error, chain);
			}
		},

		/**
		`POST /api/{version}/auth/signin` with a PAT. A redirect is followed by posting again to its
		target, because following it as a GET (what most clients do) loses the credentials; but only
		to another sign-in address where the secret stays as safe (`isTrustedRedirect`).
		*/
		async signIn(credentials: PatCredentials, version: string): Promise<Session> {
			const payload = JSON.stringify({
				credentials: {
					personalAccessTokenName: credentials.tokenName,
					personalAccessTokenSecret: credentials.tokenSecret,
					site: {contentUrl: credentials.site},
				},
			});
			const request: HttpRequest = {
				method: 'POST',
				url: `${server}/api/${version}/auth/signin`,
				headers: {'content-type': 'application/json'},
				body: payload,
				// After Ctrl-C it is still awaited (briefly): the session it may open must be signed out.
				survivesInterrupt: true,
			};
			// A single sign-on page or portal on the same host is no place for the secret either.
			const {body, response, chain} = await follow(request, (from, to) => isTrustedRedirect(from, to) && to.pathname.endsWith('/auth/signin'));
			const origin = new URL(chain.at(-1)!).origin;
			const credentialsRecord = pick(tableauValue(body, response, 'sign-in credentials'), 'credentials');
			const token = text(pick(credentialsRecord, 'token'));
			const siteId = text(pick(credentialsRecord, 'site', 'id'));
			const userId = text(pick(credentialsRecord, 'user', 'id'));
			if (!token || !siteId || !userId) {
				throw new UnexpectedBodyError(response.status, body, 'The sign-in answer has no session token, site or user');
			}

			return {
				token,
				siteId,
				siteContentUrl: text(pick(credentialsRecord, 'site', 'contentUrl')) ?? credentials.site,
				userId,
				server: origin,
				redirectedFrom: origin === server ? null : server,
				estimatedTimeToExpiration: text(pick(credentialsRecord, 'estimatedTimeToExpiration')),
			};
		},

		/**
		The signed-in user, with their site role, from `GET /api/{v}/sessions/current`. A server that
		does not know that call (404 with Tableau's "unknown resource" codes) is asked for the user's own
		record on the site instead (Query User On Site), which every server that signs in with a token has.
		*/
		async currentUser(session: Session, version: string, options: SessionCallOptions = {}): Promise<SessionUser> {
			try {
				const {body, response} = await call({
					method: 'GET',
					url: `${session.server}/api/${version}/sessions/current`,
					headers: authHeaders(session),
					waitOutLater: options.waitOutLater,
				});
				const user = userOf(pick(tableauValue(body, response, 'the current session'), 'session', 'user'));
				if (!user) {
					throw new UnexpectedBodyError(response.status, body, 'The current session names no user');
				}

				return user;
			} catch (error) {
				if (!(error instanceof TableauApiError && error.status === 404 && unknownResourceCodes.has(error.tableauCode ?? ''))) {
					throw error;
				}
			}

			const {body, response} = await call({
				method: 'GET',
				url: `${session.server}/api/${version}/sites/${session.siteId}/users/${session.userId}`,
				headers: authHeaders(session),
				waitOutLater: options.waitOutLater,
			});
			const user = userOf(pick(tableauValue(body, response, 'the signed-in user'), 'user'));
			if (!user) {
				throw new UnexpectedBodyError(response.status, body, 'The user record names no user');
			}

			return user;
		},

		/** One page of the site's users, addressed by site LUID as the API requires. */
		async listUsers(session: Session, version: string, options: SessionCallOptions = {}): Promise<UsersPage> {
			const {body, response} = await call({
				method: 'GET',
				url: `${session.server}/api/${version}/sites/${session.siteId}/users?pageSize=1&pageNumber=1`,
				headers: authHeaders(session),
				waitOutLater: options.waitOutLater,
			});
			const value = tableauValue(body, response, 'a list of users');
			const users = list(pick(value, 'users', 'user'))
				.map(record => userOf(record))
				.filter(user => user !== null);
			return {totalAvailable: totalOf(value), users};
		},

		/**
		One item of the site's workbooks, views or data sources, for `pagination.totalAvailable`: what
		Parable will be able to read. Views are asked for with their usage statistics, as Parable reads them.
		*/
		async contentTotal(session: Session, version: string, resource: ContentResource, options: SessionCallOptions = {}): Promise<ContentTotal> {
			const usage = resource === 'views' ? '&includeUsageStatistics=true' : '';
			const {body, response} = await call({
				method: 'GET',
				url: `${session.server}/api/${version}/sites/${session.siteId}/${resource}?pageSize=1&pageNumber=1${usage}`,
				headers: authHeaders(session),
				waitOutLater: options.waitOutLater,
			});
			const value = tableauValue(body, response, `a list of ${resource}`);
			const first = list(pick(value, resource, itemElements[resource]))[0];
			const usageStatistics = resource !== 'views' || first === undefined ? null : text(pick(first, 'usage', 'totalViewCount')) !== null;
			return {totalAvailable: totalOf(value), usageStatistics};
		},

		/**
		Ends the session, so the PAT is free for its real owner again. `once`: no retry, for a sign-out
		sent in the same flight as other calls, which a retry could overtake.
		*/
		async signOut(session: Session, version: string, options: {once?: boolean} = {}): Promise<void> {
			await call(
				{method: 'POST', url: `${session.server}/api/${version}/auth/signout`, headers: authHeaders(session), once: options.once, survivesInterrupt: true},
				204,
			).catch((error: unknown) => {
				// Tableau's 401002 to a sign-out: the session had already ended, which is what sign-out is for.
				if (error instanceof TableauApiError && error.status === 401 && error.tableauCode === '401002') {
					return;
				}

				throw error;
			});
		},
	};
}

export type TableauClient = ReturnType<typeof createTableauClient>;
