import type {IncomingHttpHeaders} from 'node:http';
import {handleSignIn, handleSignOut} from './auth.js';
import {oldXmlNamespace, xmlNamespace} from './behaviour.js';
import {headerValue, type ApiRequest, type Runtime} from './context.js';
import {methodNotAllowed, unknownResource, versionNotFound} from './errors.js';
import {handleContent, handleCurrentSession, handleServerInfo, handleUser, handleUsers} from './resources.js';
import {htmlNotFound, portalPage, redirectReply, ssoLoginPage, type Negotiated, type Reply} from './responses.js';

export type IncomingCall = {
	method: string;
	/** The request target as sent: path and query. */
	target: string;
	headers: IncomingHttpHeaders;
	body: string;
	runtime: Runtime;
	/** The other name of this server, which plays Tableau Cloud's pod in the redirect scenarios. */
	podOrigin: URL;
	/** The name `http-upgrade` moves the entry name to. */
	canonicalOrigin: URL;
	/** Whether this request came over TLS. */
	secure: boolean;
	/** Whether the simulator's address starts with https://. */
	entryIsSecure: boolean;
};

type Route = {
	pattern: string[];
	method: 'GET' | 'POST';
	handle: (request: ApiRequest, parameters: string[]) => Reply;
};

const routes: Route[] = [
	{pattern: ['serverinfo'], method: 'GET', handle: handleServerInfo},
	{pattern: ['auth', 'signin'], method: 'POST', handle: handleSignIn},
	{pattern: ['auth', 'signout'], method: 'POST', handle: handleSignOut},
	{pattern: ['sessions', 'current'], method: 'GET', handle: handleCurrentSession},
	{pattern: ['sites', '*', 'users'], method: 'GET', handle: (request, [site = '']) => handleUsers(request, site)},
	{pattern: ['sites', '*', 'users', '*'], method: 'GET', handle: (request, [site = '', user = '']) => handleUser(request, site, user)},
	...(['workbooks', 'views', 'datasources'] as const).map((resource): Route => ({
		pattern: ['sites', '*', resource],
		method: 'GET',
		handle: (request, [site = '']) => handleContent(request, site, resource),
	})),
];

/** Returns the wildcard values, or undefined when the path is not this route's. */
function match(pattern: string[], segments: string[]): string[] | undefined {
	if (pattern.length !== segments.length) {
		return undefined;
	}

	const parameters: string[] = [];
	for (const [index, expected] of pattern.entries()) {
		const actual = segments[index]!;
		if (expected === '*') {
			parameters.push(actual);
		} else if (expected !== actual.toLowerCase()) {
			return undefined;
		}
	}

	return parameters;
}

function compareVersions(left: [number, number], right: [number, number]): number {
	return left[0] === right[0] ? left[1] - right[1] : left[0] - right[0];
}

function parseVersion(text: string): [number, number] | undefined {
	const found = /^(\d{1,3})\.(\d{1,3})$/.exec(text);
	return found ? [Number(found[1]), Number(found[2])] : undefined;
}

function negotiate(call: IncomingCall): Negotiated {
	const {behaviour} = call.runtime;
	const wantsJson = (headerValue(call.headers, 'accept') ?? '').toLowerCase().includes('application/json');
	return {
		format: wantsJson && !behaviour.xmlOnly ? 'json' : 'xml',
		namespace: behaviour.xmlOnly ? oldXmlNamespace : xmlNamespace,
		restApiVersion: behaviour.restApiVersion,
	};
}

function hostnameOf(call: IncomingCall): string {
	try {
		return new URL(`http://${headerValue(call.headers, 'host') ?? ''}`).hostname;
	} catch {
		return '';
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
The scenarios about what stands in front of the API. `http-upgrade` moves every path, as most
servers do: plain HTTP to https:// on the same host and port, and (when the address people were
given is already https://) the entry name to the canonical one. `sso-proxy` sends every /api/
request to a login page.
*/
function movedElsewhere(call: IncomingCall, url: URL): Reply | undefined {
	if (call.runtime.scenario === 'http-upgrade') {
		if (!call.secure) {
			return redirectReply(`https://${headerValue(call.headers, 'host') ?? call.canonicalOrigin.host}${call.target}`);
		}

		if (call.entryIsSecure && hostnameOf(call) !== call.canonicalOrigin.hostname) {
			return redirectReply(new URL(call.target, call.canonicalOrigin).href);
		}
	}

	if (call.runtime.scenario === 'sso-proxy') {
		if (url.pathname === '/sso/login') {
			return ssoLoginPage();
		}

		return {...redirectReply(`/sso/login?returnTo=${encodeURIComponent(call.target)}`), status: 302};
	}

	return undefined;
}

export function route(call: IncomingCall): Reply {
	const {runtime} = call;
	if (runtime.scenario === 'not-tableau') {
		return portalPage();
	}

	const url = new URL(call.target, 'http://simulator.invalid');
	const moved = movedElsewhere(call, url);
	if (moved) {
		return moved;
	}

	const found = /^\/api\/([^/]*)(?:\/(.*))?$/.exec(url.pathname);
	if (!found) {
		return htmlNotFound();
	}

	const negotiated = negotiate(call);
	const segments = (found[2] ?? '')
		.split('/')
		.filter(Boolean)
		.map(segment => safeDecode(segment));
	const isSignIn = match(['auth', 'signin'], segments) !== undefined;
	const redirects = runtime.scenario === 'cloud-redirect' || runtime.scenario === 'redirect-method';
	// Like online.tableau.com without a pod: the load balancer sends sign-in on before any version check.
	if (redirects && isSignIn && hostnameOf(call) !== call.podOrigin.hostname) {
		return redirectReply(new URL(call.target, call.podOrigin).href);
	}

	const versionText = safeDecode(found[1] ?? '');
	const version = parseVersion(versionText);
	const newest = parseVersion(runtime.behaviour.restApiVersion)!;
	if (!version || compareVersions(version, [2, 0]) < 0 || compareVersions(version, newest) > 0) {
		return versionNotFound(negotiated, versionText);
	}

	const request: ApiRequest = {
		method: call.method,
		segments,
		query: url.searchParams,
		headers: call.headers,
		body: call.body,
		negotiated,
		runtime,
	};
	let pathMatched = false;
	for (const candidate of routes) {
		const parameters = match(candidate.pattern, segments);
		if (parameters) {
			pathMatched = true;
			if (candidate.method === call.method) {
				return candidate.handle(request, parameters);
			}
		}
	}

	return pathMatched ? methodNotAllowed(negotiated, call.method) : unknownResource(negotiated, url.pathname);
}
