import {renderElement, renderTsResponse, type XmlElement} from './xml.js';

export type Format = 'xml' | 'json';

/** How this request is answered: the body format and the XML envelope details. */
export type Negotiated = {format: Format; namespace: string; restApiVersion: string};

export type Reply = {status: number; headers: Record<string, string>; body: string};

const xmlType = 'application/xml;charset=UTF-8';
const jsonType = 'application/json;charset=UTF-8';
const htmlType = 'text/html; charset=utf-8';

/** A success body, given in both shapes because Tableau's JSON and XML do not map mechanically. */
export function tableauReply(negotiated: Negotiated, status: number, json: Record<string, unknown>, xml: XmlElement[]): Reply {
	if (negotiated.format === 'json') {
		return {status, headers: {'content-type': jsonType}, body: JSON.stringify(json)};
	}

	return {status, headers: {'content-type': xmlType}, body: renderTsResponse(negotiated.namespace, negotiated.restApiVersion, xml)};
}

/** Tableau's error body; the code is a string in JSON too, as real servers send it. */
export function tableauError(
	negotiated: Negotiated,
	status: number,
	code: string,
	summary: string,
	detail: string,
	headers: Record<string, string> = {},
): Reply {
	const reply = tableauReply(negotiated, status, {error: {summary, detail, code}}, [
		{
			name: 'error',
			attributes: {code},
			children: [
				{name: 'summary', text: summary},
				{name: 'detail', text: detail},
			],
		},
	]);
	return {...reply, headers: {...reply.headers, ...headers}};
}

/** Tells a reply from the other things a handler step can return (a session, a parsed value). */
export function isReply(value: object): value is Reply {
	return 'status' in value && 'body' in value;
}

export function emptyReply(status = 204): Reply {
	return {status, headers: {}, body: ''};
}

export function textReply(status: number, text: string): Reply {
	return {status, headers: {'content-type': 'text/plain; charset=utf-8'}, body: text};
}

export function htmlReply(status: number, title: string, paragraphs: string[], headers: Record<string, string> = {}): Reply {
	const body = [
		'<!DOCTYPE html>',
		renderElement({
			name: 'html',
			attributes: {lang: 'en'},
			children: [
				{
					name: 'head',
					children: [
						{name: 'meta', attributes: {charset: 'utf-8'}},
						{name: 'title', text: title},
					],
				},
				{name: 'body', children: [{name: 'h1', text: title}, ...paragraphs.map(text => ({name: 'p', text}))]},
			],
		}),
	].join('\n');
	return {status, headers: {'content-type': htmlType, ...headers}, body};
}

/** What a browser gets outside /api on a Tableau host. */
export function htmlNotFound(): Reply {
	return htmlReply(404, 'Page Not Found', ['The page you asked for does not exist on this server.']);
}

/** The corporate portal of the `not-tableau` scenario: a 200 for every path, which is the trap. */
export function portalPage(): Reply {
	return htmlReply(200, 'Acme Intranet - Sign In', ['Welcome to the Acme employee portal.', 'Please sign in with your corporate account to continue.']);
}

/** The identity provider's page that the `sso-proxy` scenario sends every API request to. */
export function ssoLoginPage(): Reply {
	return htmlReply(200, 'Sign in - Acme Single Sign-On', ['Sign in with your Acme account to continue to Tableau.']);
}

/** Tableau Cloud's rate limiter answers with a bare page, not a Tableau error body. */
export function htmlTooManyRequests(): Reply {
	return htmlReply(429, '429 Too Many Requests', ['You have sent too many requests in a given amount of time.']);
}

/** What a load balancer says when the application behind it is down. */
export function htmlServiceUnavailable(): Reply {
	return htmlReply(503, '503 Service Unavailable', ['The server is temporarily unable to service your request. Please try again later.']);
}

export function redirectReply(location: string): Reply {
	const reply = htmlReply(301, '301 Moved Permanently', [`This resource has moved to ${location}.`]);
	return {...reply, headers: {...reply.headers, location}};
}
