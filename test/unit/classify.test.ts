// The classifier over every branch: which diagnosis each answer gets, by check, HTTP status, Tableau
// error code and kind of body. Bodies are real text parsed by the real parser, as the client does.
import {describe, expect, it} from 'vitest';
import {TableauApiError, UnexpectedBodyError} from '../../source/tableau/client.js';
import {NetworkError, type NetworkFailureKind} from '../../source/tableau/network-error.js';
import {errorOf, parseBody} from '../../source/tableau/parse.js';
import {diagnosisFor, type RunContext} from '../../source/verify/classify.js';
import type {CheckId, DiagnosisCode} from '../../source/verify/types.js';

type BodyKind = 'xml' | 'json' | 'html' | 'text' | 'empty';

const run: RunContext = {server: 'https://tableau.example.com', site: 'acme', timeoutSeconds: 15, profile: null};

/** What a server sends for each kind of body; `code` only means something to the Tableau ones. */
function bodyText(kind: BodyKind, code: string | null): {text: string; contentType: string} {
	switch (kind) {
		case 'xml': {
			return {
				text: `<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api"><error code="${code}"><summary>Summary</summary><detail>Detail of ${code}</detail></error></tsResponse>`,
				contentType: 'application/xml',
			};
		}

		case 'json': {
			return {text: JSON.stringify({error: {code, summary: 'Summary', detail: `Detail of ${code}`}}), contentType: 'application/json'};
		}

		case 'html': {
			return {text: '<!DOCTYPE html><html><head><title>Acme Single Sign-On</title></head><body><form>Log in</form></body></html>', contentType: 'text/html'};
		}

		case 'text': {
			return {text: 'Not Found', contentType: 'text/plain'};
		}

		case 'empty': {
			return {text: '', contentType: ''};
		}
	}
}

function apiError(status: number, kind: BodyKind, code: string | null, retryAfter: string | null = null): TableauApiError {
	const {text, contentType} = bodyText(kind, code);
	const body = parseBody(text, contentType);
	const error = errorOf(body);
	return new TableauApiError(status, body, error?.code ?? null, error?.detail ?? null, retryAfter, null, 1);
}

// [check, HTTP status, body, Tableau code, expected diagnosis]
type Row = [CheckId, number, BodyKind, string | null, DiagnosisCode];

const rows: Row[] = [
	// serverinfo: anything but Tableau's own answer means the address is not a Tableau REST API.
	['serverinfo', 404, 'xml', '404001', 'api-version-unsupported'],
	['serverinfo', 404, 'json', '404001', 'api-version-unsupported'],
	['serverinfo', 404, 'xml', '404003', 'api-version-unsupported'],
	['serverinfo', 404, 'html', null, 'not-tableau'],
	['serverinfo', 404, 'empty', null, 'not-tableau'],
	['serverinfo', 404, 'text', null, 'not-tableau'],
	['serverinfo', 401, 'html', null, 'not-tableau'],
	['serverinfo', 403, 'html', null, 'not-tableau'],
	['serverinfo', 301, 'empty', null, 'not-tableau'],
	['serverinfo', 302, 'html', null, 'not-tableau'],
	['serverinfo', 302, 'text', null, 'not-tableau'],
	['serverinfo', 301, 'json', '301000', 'unexpected-response'],
	['serverinfo', 405, 'xml', '405000', 'redirect-method'],
	['serverinfo', 429, 'html', null, 'rate-limited'],
	['serverinfo', 429, 'xml', '429000', 'rate-limited'],
	['serverinfo', 500, 'xml', '500000', 'server-error'],
	['serverinfo', 502, 'html', null, 'server-error'],
	['serverinfo', 503, 'empty', null, 'server-error'],
	['serverinfo', 400, 'xml', '400000', 'unexpected-response'],
	['serverinfo', 418, 'json', '418000', 'unexpected-response'],

	// signin: 401 is always the token (Tableau says no more); a portal's HTML page is not Tableau.
	['signin', 401, 'xml', '401001', 'signin-failed'],
	['signin', 401, 'json', '401001', 'signin-failed'],
	['signin', 401, 'xml', '401002', 'signin-failed'],
	['signin', 401, 'xml', '401000', 'signin-failed'],
	['signin', 401, 'empty', null, 'signin-failed'],
	['signin', 401, 'text', null, 'signin-failed'],
	['signin', 401, 'html', null, 'not-tableau'],
	['signin', 403, 'html', null, 'not-tableau'],
	['signin', 404, 'html', null, 'not-tableau'],
	['signin', 400, 'html', null, 'not-tableau'],
	['signin', 405, 'html', null, 'not-tableau'],
	['signin', 302, 'html', null, 'not-tableau'],
	['signin', 404, 'xml', '404000', 'site-not-found'],
	['signin', 404, 'json', '404000', 'site-not-found'],
	['signin', 404, 'xml', '404001', 'api-version-unsupported'],
	['signin', 404, 'xml', '404003', 'unexpected-response'],
	['signin', 404, 'empty', null, 'unexpected-response'],
	['signin', 404, 'text', null, 'unexpected-response'],
	['signin', 405, 'xml', '405000', 'redirect-method'],
	['signin', 405, 'empty', null, 'redirect-method'],
	['signin', 301, 'empty', null, 'redirect-method'],
	['signin', 302, 'text', null, 'redirect-method'],
	['signin', 307, 'json', '307000', 'redirect-method'],
	['signin', 308, 'empty', null, 'redirect-method'],
	['signin', 403, 'xml', '403000', 'insufficient-permissions'],
	['signin', 429, 'html', null, 'rate-limited'],
	['signin', 429, 'json', '429000', 'rate-limited'],
	['signin', 500, 'xml', '500000', 'server-error'],
	['signin', 503, 'html', null, 'server-error'],
	['signin', 400, 'xml', '400000', 'unexpected-response'],
	['signin', 418, 'xml', '418000', 'unexpected-response'],

	// permissions (after sign-in): 401000 and 401002 mean the session ended, not a bad token.
	['permissions', 401, 'xml', '401002', 'session-invalidated'],
	['permissions', 401, 'json', '401002', 'session-invalidated'],
	['permissions', 401, 'xml', '401000', 'session-invalidated'],
	['permissions', 401, 'json', '401000', 'session-invalidated'],
	['permissions', 401, 'xml', '401001', 'signin-failed'],
	['permissions', 401, 'empty', null, 'signin-failed'],
	['permissions', 401, 'html', null, 'not-tableau'],
	['permissions', 403, 'html', null, 'not-tableau'],
	['permissions', 404, 'html', null, 'not-tableau'],
	['permissions', 403, 'xml', '403000', 'insufficient-permissions'],
	['permissions', 403, 'json', '403000', 'insufficient-permissions'],
	['permissions', 403, 'empty', null, 'insufficient-permissions'],
	['permissions', 404, 'xml', '404000', 'site-not-found'],
	['permissions', 404, 'json', '404001', 'api-version-unsupported'],
	['permissions', 404, 'xml', '404003', 'unexpected-response'],
	['permissions', 404, 'empty', null, 'unexpected-response'],
	['permissions', 405, 'xml', '405000', 'redirect-method'],
	['permissions', 301, 'empty', null, 'unexpected-response'],
	['permissions', 429, 'html', null, 'rate-limited'],
	['permissions', 500, 'html', null, 'server-error'],
	['permissions', 504, 'xml', '504000', 'server-error'],
	['permissions', 400, 'json', '400000', 'unexpected-response'],

	// signout: the same reading as any check after sign-in.
	['signout', 401, 'xml', '401002', 'session-invalidated'],
	['signout', 401, 'xml', '401000', 'session-invalidated'],
	['signout', 401, 'html', null, 'not-tableau'],
	['signout', 404, 'empty', null, 'unexpected-response'],
	['signout', 503, 'xml', '503000', 'server-error'],
];

describe('an HTTP answer that is not the one asked for', () => {
	it.each(rows)('%s %i %s %s → %s', (check, status, kind, code, expected) => {
		const diagnosis = diagnosisFor(apiError(status, kind, code), check, run);
		expect(diagnosis.code).toBe(expected);
		// The diagnosis carries what the server really sent, for the person and for scripts.
		expect(diagnosis.httpStatus).toBe(status);
		expect(diagnosis.tableauCode).toBe(kind === 'xml' || kind === 'json' ? code : null);
	});

	it('covers every check that talks HTTP, every kind of body, and every diagnosis an answer can lead to', () => {
		expect(new Set(rows.map(row => row[0]))).toEqual(new Set(['serverinfo', 'signin', 'permissions', 'signout']));
		expect(new Set(rows.map(row => row[2]))).toEqual(new Set(['xml', 'json', 'html', 'text', 'empty']));
		expect(new Set(rows.map(row => row[4]))).toEqual(
			new Set([
				'api-version-unsupported',
				'not-tableau',
				'unexpected-response',
				'redirect-method',
				'rate-limited',
				'server-error',
				'signin-failed',
				'site-not-found',
				'session-invalidated',
				'insufficient-permissions',
			]),
		);
	});

	it("names the HTML page's title and Tableau's detail in the explanation", () => {
		expect(diagnosisFor(apiError(401, 'html', null), 'signin', run).explanation).toContain('Acme Single Sign-On');
		expect(diagnosisFor(apiError(401, 'xml', '401001'), 'signin', run).explanation).toContain('Detail of 401001');
	});

	it('passes on how long the server asked to wait', () => {
		const diagnosis = diagnosisFor(apiError(429, 'html', null, '120'), 'signin', run);
		expect(diagnosis.code).toBe('rate-limited');
		expect([diagnosis.explanation, ...diagnosis.remediation].join('\n')).toMatch(/\b120 seconds|\b2 minutes/);
	});
});

describe('an answer of 200 that is not what Tableau sends', () => {
	const cases: Array<[BodyKind, DiagnosisCode]> = [
		['html', 'not-tableau'],
		['text', 'not-tableau'],
		['empty', 'not-tableau'],
		['json', 'unexpected-response'],
		['xml', 'unexpected-response'],
	];
	it.each(cases)('%s body → %s', (kind, expected) => {
		const {text, contentType} = bodyText(kind, null);
		const error = new UnexpectedBodyError(200, parseBody(text, contentType), 'Expected a session');
		for (const check of ['serverinfo', 'signin', 'permissions'] as const) {
			expect(diagnosisFor(error, check, run)).toMatchObject({code: expected, httpStatus: 200, tableauCode: null});
		}
	});
});

describe('no HTTP answer at all', () => {
	const cases: Array<[NetworkFailureKind, DiagnosisCode]> = [
		['dns-not-found', 'dns-not-found'],
		['connection-refused', 'connection-refused'],
		['timeout', 'timeout'],
		['tls-untrusted-certificate', 'tls-untrusted-certificate'],
		['tls-hostname-mismatch', 'tls-hostname-mismatch'],
		['tls-certificate-expired', 'tls-certificate-expired'],
		['proxy-error', 'proxy-error'],
		['connection-reset', 'unexpected-response'],
		['unknown', 'unexpected-response'],
	];
	it.each(cases)('%s → %s, with the system code as detail', (kind, expected) => {
		const diagnosis = diagnosisFor(new NetworkError(kind, 'ESOMECODE', 'message'), 'reach', run);
		expect(diagnosis).toMatchObject({code: expected, httpStatus: null, tableauCode: null});
		expect(diagnosis.explanation).toContain('ESOMECODE');
	});

	it('anything else thrown is an unexpected response, never a crash', () => {
		expect(diagnosisFor(new Error('boom'), 'signin', run).code).toBe('unexpected-response');
		expect(diagnosisFor('a string', 'permissions', run).code).toBe('unexpected-response');
	});
});
