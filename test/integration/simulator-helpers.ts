import {XMLParser} from 'fast-xml-parser';
import {Agent, request, type Dispatcher} from 'undici';
import type {Simulator} from '../../source/simulator/index.js';

export type Answer = {status: number; headers: Record<string, string | string[] | undefined>; text: string};

const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '', textNodeName: 'value', parseTagValue: false, parseAttributeValue: false});

/** Parses an XML answer as-is, namespace attributes included, so tests can check them. */
export function parseXml(text: string): any {
	return parser.parse(text);
}

/** One request with undici directly (not the project's client); redirects are never followed. */
export async function send(
	base: string,
	path: string,
	options: {method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; dispatcher?: Dispatcher; signal?: AbortSignal} = {},
): Promise<Answer> {
	const response = await request(`${base}${path}`, {
		method: options.method ?? 'GET',
		headers: options.headers,
		body: options.body,
		dispatcher: options.dispatcher,
		signal: options.signal,
	});
	return {status: response.statusCode, headers: response.headers, text: await response.body.text()};
}

export function jsonSignInBody(tokenName: string, tokenSecret: string, contentUrl: string): string {
	return JSON.stringify({credentials: {personalAccessTokenName: tokenName, personalAccessTokenSecret: tokenSecret, site: {contentUrl}}});
}

export function xmlSignInBody(tokenName: string, tokenSecret: string, contentUrl: string): string {
	return `<tsRequest><credentials personalAccessTokenName="${tokenName}" personalAccessTokenSecret="${tokenSecret}"><site contentUrl="${contentUrl}"/></credentials></tsRequest>`;
}

export type SignInOverrides = {secret?: string; site?: string; version?: string; base?: string; dispatcher?: Dispatcher};

/** Signs in with JSON, as the real client does. */
export async function signInJson(simulator: Simulator, overrides: SignInOverrides = {}): Promise<Answer> {
	return send(overrides.base ?? simulator.url, `/api/${overrides.version ?? '3.23'}/auth/signin`, {
		method: 'POST',
		headers: {accept: 'application/json', 'content-type': 'application/json'},
		body: jsonSignInBody(simulator.tokenName, overrides.secret ?? simulator.tokenSecret, overrides.site ?? simulator.site),
		dispatcher: overrides.dispatcher,
	});
}

export type Credentials = {token: string; siteId: string; userId: string};

export async function signedIn(simulator: Simulator, overrides: SignInOverrides = {}): Promise<Credentials> {
	const answer = await signInJson(simulator, overrides);
	if (answer.status !== 200) {
		throw new Error(`Sign-in failed: ${answer.status} ${answer.text}`);
	}

	const {credentials} = JSON.parse(answer.text);
	return {token: credentials.token, siteId: credentials.site.id, userId: credentials.user.id};
}

export function jsonAuth(token: string): Record<string, string> {
	return {accept: 'application/json', 'x-tableau-auth': token};
}

/** The Tableau error code of a JSON or XML error body. */
export function errorCode(answer: Answer): string | undefined {
	if (answer.text.trimStart().startsWith('{')) {
		return JSON.parse(answer.text).error?.code;
	}

	return parseXml(answer.text).tsResponse?.error?.code;
}

export function newAgent(options: ConstructorParameters<typeof Agent>[0] = {}): Agent {
	return new Agent({keepAliveTimeout: 10_000, ...options});
}
