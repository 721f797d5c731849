import {headerValue, type ApiRequest} from './context.js';
import {parseSignIn} from './credentials.js';
import {siteOf} from './directory.js';
import {badRequest, methodNotAllowed, missingCredentials, sessionEnded, signInFailed, siteNotFound, tooManyRequests} from './errors.js';
import {emptyReply, htmlServiceUnavailable, htmlTooManyRequests, isReply, tableauError, tableauReply, type Reply} from './responses.js';
import type {Session} from './state.js';

/** Failures that happen in front of the credential check: rate limiters, outages, odd proxies. */
function gate(request: ApiRequest): Reply | undefined {
	const {runtime, negotiated} = request;
	const attempt = ++runtime.signInAttempts;
	switch (runtime.scenario) {
		case 'redirect-method': {
			// Only the pod answers here (the entry host redirected); the POST arrived as something else.
			return methodNotAllowed(negotiated, 'GET');
		}

		case 'rate-limited': {
			return attempt <= 2 ? tooManyRequests(negotiated, runtime.retryAfterSeconds) : undefined;
		}

		case 'rate-limited-always': {
			return attempt % 2 === 1 ? tooManyRequests(negotiated, runtime.retryAfterSeconds) : htmlTooManyRequests();
		}

		case 'server-error': {
			return htmlServiceUnavailable();
		}

		case 'unexpected-response': {
			return tableauError(negotiated, 418, '418000', "I'm a teapot", 'This server refuses to sign anyone in today.');
		}

		default: {
			return undefined;
		}
	}
}

export function handleSignIn(request: ApiRequest): Reply {
	const blocked = gate(request);
	if (blocked) {
		return blocked;
	}

	const {runtime, negotiated} = request;
	const credentials = parseSignIn(request.body, headerValue(request.headers, 'content-type'));
	// Servers before REST API 3.6 have no PAT attributes in their schema, so the body fails to validate.
	if (credentials.kind === 'malformed' || (credentials.kind === 'pat' && runtime.scenario === 'old-server')) {
		return badRequest(negotiated);
	}

	if (credentials.kind === 'other' || runtime.scenario === 'pats-disabled') {
		return signInFailed(negotiated);
	}

	if (runtime.scenario === 'site-not-found') {
		return siteNotFound(negotiated, credentials.contentUrl);
	}

	const site = siteOf(runtime.directory, runtime.scenario);
	const secret = runtime.scenario === 'wrong-secret' ? runtime.otherSecret : runtime.tokenSecret;
	const matches =
		credentials.tokenName === runtime.tokenName &&
		credentials.tokenSecret === secret &&
		// Tableau compares content URLs without regard to case.
		credentials.contentUrl.toLowerCase() === site.contentUrl.toLowerCase();
	if (!matches) {
		return signInFailed(negotiated);
	}

	const session = runtime.sessions.signIn(runtime.tokenName, site.id, runtime.directory.me.id);
	if (runtime.scenario === 'session-stolen') {
		// Another client (a scheduled sync, say) signs in with the same PAT a moment later.
		runtime.sessions.signIn(runtime.tokenName, site.id, runtime.directory.me.id);
	}

	const siteBody = {id: site.id, contentUrl: site.contentUrl};
	const userBody = {id: session.userId};
	// The PAT's remaining life, days:hours:minutes, as recent servers send it; older ones leave it out.
	const estimate = runtime.timeToExpiration === undefined ? runtime.behaviour.timeToExpiration : runtime.timeToExpiration;
	const expiry: Record<string, string> = estimate === null ? {} : {estimatedTimeToExpiration: estimate};
	return tableauReply(negotiated, 200, {credentials: {site: siteBody, user: userBody, token: session.token, ...expiry}}, [
		{
			name: 'credentials',
			attributes: {token: session.token, ...expiry},
			children: [
				{name: 'site', attributes: siteBody},
				{name: 'user', attributes: userBody},
			],
		},
	]);
}

/** The session behind X-Tableau-Auth, or the 401 Tableau gives instead. */
export function authenticate(request: ApiRequest): Session | Reply {
	const lookup = request.runtime.sessions.lookup(headerValue(request.headers, 'x-tableau-auth'));
	switch (lookup.status) {
		case 'active': {
			return lookup.session;
		}

		case 'ended': {
			return sessionEnded(request.negotiated);
		}

		default: {
			return missingCredentials(request.negotiated);
		}
	}
}

export function handleSignOut(request: ApiRequest): Reply {
	const session = authenticate(request);
	if (isReply(session)) {
		return session;
	}

	request.runtime.sessions.signOut(session.token);
	return emptyReply(204);
}
