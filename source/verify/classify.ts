import {TableauApiError, UnexpectedBodyError} from '../tableau/client.js';
import {UnreadableBodyError} from '../tableau/content-coding.js';
import {frontDoorOf, isForeignJsonError} from '../tableau/front-doors.js';
import {NetworkError} from '../tableau/network-error.js';
import {RedirectError, redirectsOf} from '../tableau/redirects.js';
import {InterruptedRequest} from '../tableau/transport.js';
import {parseRetryAfter} from '../tableau/retry.js';
import {diagnose, type DeviceAnswer, type DiagnosisContext} from './diagnoses.js';
import type {CheckId, Diagnosis, DiagnosisCode} from './types.js';

/** The parts of a run that a diagnosis may mention. */
export type RunContext = Omit<DiagnosisContext, 'httpStatus' | 'tableauCode' | 'detail'>;

function codeForNetwork(error: NetworkError): DiagnosisCode {
	switch (error.kind) {
		case 'connection-reset':
		case 'unknown': {
			return 'unexpected-response';
		}

		default: {
			return error.kind;
		}
	}
}

function codeForHttp(error: TableauApiError, check: CheckId): DiagnosisCode {
	const {status, tableauCode} = error;
	// Another service's JSON error (Tableau Services Manager, a gateway) is not the REST API either.
	if ((error.body.kind === 'html' || isForeignJsonError(error.body)) && status !== 429 && status < 500) {
		// A 401/404 HTML page comes from a portal or proxy in front of Tableau, not from Tableau.
		return 'not-tableau';
	}

	if (tableauCode === '404001' || (check === 'serverinfo' && tableauCode === '404003')) {
		return 'api-version-unsupported';
	}

	if (status === 429) {
		return 'rate-limited';
	}

	if (status >= 500) {
		return 'server-error';
	}

	// 405: a redirect upstream turned the POST into a GET. 3xx on sign-in: a redirect we would not follow.
	if (status === 405 || (check === 'signin' && status >= 300 && status < 400)) {
		return 'redirect-method';
	}

	if (status === 401) {
		if (check === 'signin') {
			return 'signin-failed';
		}

		return tableauCode === '401002' || tableauCode === '401000' ? 'session-invalidated' : 'signin-failed';
	}

	if (status === 403) {
		return 'insufficient-permissions';
	}

	if (status === 404) {
		if (tableauCode === '404000') {
			return 'site-not-found';
		}

		// serverinfo without any Tableau body means the path is not a Tableau REST API at all.
		if (check === 'serverinfo' && error.body.kind !== 'tableau') {
			return 'not-tableau';
		}
	}

	if (check === 'serverinfo' && error.body.kind !== 'tableau' && status >= 300 && status < 400) {
		return 'not-tableau';
	}

	return 'unexpected-response';
}

/** Words in a `Server` header or page title that name a proxy rather than a web server or firewall. */
const proxyNames = /proxy|squid|zscaler|blue ?coat|forcepoint|websense|web gateway/i;

/**
What answered a call instead of Tableau, when the answer is not Tableau's own: an HTML page (a WAF, an
SSO gateway, a web server's error page), an empty or plain-text body, another service's JSON error. A
429 stays the rate limiter's (Tableau Cloud sends HTML ones), a 5xx stays a server error (its remedy
names the load balancer; Tableau's own 5xx pages are HTML too), an empty 401 to the sign-in stays
Tableau's refusal, and redirects have verdicts of their own.
*/
function deviceAnswer(error: unknown): DeviceAnswer | null {
	if (error instanceof TableauApiError) {
		const {status, body} = error;
		const foreign = body.kind !== 'tableau' || isForeignJsonError(body) || frontDoorOf(body, null) !== null;
		const counts = status !== 429 && (status < 300 || status >= 400) && status < 500 && !(status === 401 && body.kind === 'empty');
		return foreign && counts ? {status, server: error.serverHeader, title: body.kind === 'html' ? body.title : null, empty: body.kind === 'empty'} : null;
	}

	if (error instanceof UnexpectedBodyError && error.bodyKind !== 'tableau') {
		return {status: error.status, server: error.serverHeader, title: error.pageTitle, empty: error.bodyKind === 'empty'};
	}

	return null;
}

/**
Names what went wrong in a check. Reads what the server really sent (status, Tableau code, body
kind), so an HTML 429 from Tableau Cloud's rate limiter and an XML one diagnose the same.
*/
export function diagnosisFor(error: unknown, check: CheckId, run: RunContext): Diagnosis {
	if (error instanceof InterruptedRequest) {
		return diagnose('interrupted', run);
	}

	const redirects = redirectsOf(error);
	const moved = redirects.length > 1 ? {redirects} : {};
	// The same address answered as Tableau a moment ago: whatever answers now stands in front of it.
	const device = run.tableauAnswered && check !== 'serverinfo' ? deviceAnswer(error) : null;
	if (device) {
		const proxy = device.status === 407 || proxyNames.test(`${device.server ?? ''} ${device.title ?? ''}`);
		return diagnose(proxy ? 'proxy-error' : 'unexpected-response', {
			...run,
			...moved,
			device,
			failedCheck: check,
			httpStatus: device.status,
			tableauCode: null,
			detail: null,
		});
	}

	if (error instanceof NetworkError) {
		// After a redirect, the address that failed is the one the server sent us to.
		const server = redirects.length > 1 ? new URL(redirects.at(-1)!).origin : run.server;
		return diagnose(codeForNetwork(error), {...run, server, ...moved, httpStatus: null, tableauCode: null, detail: error.code});
	}

	if (error instanceof TableauApiError) {
		const retryAfterMs = parseRetryAfter(error.retryAfter ?? undefined);
		const frontDoor = frontDoorOf(error.body, redirects.at(-1) ?? run.server ?? null);
		return diagnose(frontDoor ? 'not-tableau' : codeForHttp(error, check), {
			...run,
			...moved,
			frontDoor,
			httpStatus: error.status,
			tableauCode: error.tableauCode,
			detail: error.detail ?? (error.body.kind === 'html' ? error.body.title : null),
			retryAfterSeconds: retryAfterMs === undefined ? null : Math.round(retryAfterMs / 1000),
			// Where the request went: the Location of a redirect we did not follow, else the last address a
			// followed one led to (a sign-in that arrived there as a GET), else what the run knew.
			redirectedTo: error.location
				? new URL(error.location, redirects.at(-1) ?? run.server).href
				: redirects.length > 1
					? redirects.at(-1)!
					: (run.redirectedTo ?? null),
		});
	}

	if (error instanceof UnexpectedBodyError) {
		const code: DiagnosisCode = error.bodyKind === 'tableau' ? 'unexpected-response' : 'not-tableau';
		const sessionMayBeOpen = check === 'signin' && code === 'unexpected-response';
		return diagnose(code, {...run, ...moved, sessionMayBeOpen, httpStatus: error.status, tableauCode: null, detail: error.message});
	}

	if (error instanceof UnreadableBodyError) {
		const sessionMayBeOpen = check === 'signin' && error.status >= 200 && error.status < 300;
		return diagnose('unexpected-response', {...run, ...moved, sessionMayBeOpen, httpStatus: error.status, tableauCode: null, detail: error.reason});
	}

	if (error instanceof RedirectError) {
		return diagnose('unexpected-response', {...run, redirects: error.chain, httpStatus: error.status, tableauCode: null, detail: error.message});
	}

	const message = error instanceof Error ? error.message : String(error);
	return diagnose('unexpected-response', {...run, httpStatus: null, tableauCode: null, detail: message});
}
