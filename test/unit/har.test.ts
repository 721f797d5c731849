// The HAR entries and --debug lines made of an exchange, field by field.
import {describe, expect, it} from 'vitest';
import type {Exchange} from '../../source/tableau/exchange.js';
import {debugLines, harOf} from '../../source/tableau/har.js';

function exchange(overrides: Partial<Exchange> = {}): Exchange {
	return {
		id: 7,
		connection: 2,
		attempt: 1,
		proxy: null,
		startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
		method: 'POST',
		url: 'https://tableau.example.com/api/3.19/auth/signin?x=1',
		requestHeaders: {'content-type': 'application/json', accept: 'application/json'},
		requestBody: '{"credentials":{}}',
		status: 200,
		responseHeaders: {'content-type': 'application/json'},
		responseBody: '{"ok":true}',
		waitMs: 40,
		totalMs: 55,
		error: null,
		...overrides,
	};
}

describe('harOf', () => {
	it('makes one HAR 1.2 entry of an answered exchange, on its connection', () => {
		expect(harOf([exchange()], '9.9.9', 'two requests left out')).toEqual({
			log: {
				version: '1.2',
				creator: {name: 'tableau-connect', version: '9.9.9'},
				comment: 'two requests left out',
				entries: [
					{
						startedDateTime: '2026-01-02T03:04:05.000Z',
						time: 55,
						request: {
							method: 'POST',
							url: 'https://tableau.example.com/api/3.19/auth/signin?x=1',
							httpVersion: 'HTTP/1.1',
							cookies: [],
							headers: [
								{name: 'content-type', value: 'application/json'},
								{name: 'accept', value: 'application/json'},
							],
							queryString: [{name: 'x', value: '1'}],
							postData: {mimeType: 'application/json', text: '{"credentials":{}}'},
							headersSize: -1,
							bodySize: 18,
						},
						response: {
							status: 200,
							statusText: '',
							httpVersion: 'HTTP/1.1',
							cookies: [],
							headers: [{name: 'content-type', value: 'application/json'}],
							content: {size: 11, mimeType: 'application/json', text: '{"ok":true}'},
							redirectURL: '',
							headersSize: -1,
							bodySize: -1,
						},
						cache: {},
						timings: {send: 0, wait: 40, receive: 15},
						connection: '2',
						comment: 'attempt 1',
					},
				],
			},
		});
	});

	it('says in the comment which attempt it was, the proxy it went through and why there is no answer', () => {
		const [entry] = harOf(
			[
				exchange({
					connection: null,
					attempt: 3,
					proxy: {url: 'http://corp:[REDACTED]@proxy:3128', credentials: true},
					status: null,
					responseHeaders: {},
					responseBody: '',
					waitMs: null,
					totalMs: 3000,
					error: 'ECONNRESET',
				}),
			],
			'9.9.9',
		).log.entries;
		expect(entry).not.toHaveProperty('connection');
		expect(entry!.response.status).toBe(0);
		expect(entry!.comment).toBe('attempt 3; through the proxy http://corp:[REDACTED]@proxy:3128 (Proxy-Authorization: [REDACTED]); no answer: ECONNRESET');
	});
});

describe('debugLines', () => {
	it('shows a request as it leaves: method, address, attempt, proxy, headers and body', () => {
		expect(debugLines(exchange({attempt: 2, proxy: {url: 'http://proxy:3128', credentials: false}}), 'sent')).toEqual([
			'[tableau-connect #7] → POST https://tableau.example.com/api/3.19/auth/signin?x=1 (attempt 2) via proxy http://proxy:3128',
			'[tableau-connect #7]   content-type: application/json',
			'[tableau-connect #7]   accept: application/json',
			'[tableau-connect #7]   {"credentials":{}}',
		]);
	});

	it('shows an answer with its status, time and connection', () => {
		expect(debugLines(exchange(), 'finished')).toEqual([
			'[tableau-connect #7] ← 200 in 55 ms on connection 2',
			'[tableau-connect #7]   content-type: application/json',
			'[tableau-connect #7]   {"ok":true}',
		]);
		expect(debugLines(exchange({connection: null, responseHeaders: {}, responseBody: ''}), 'finished')).toEqual(['[tableau-connect #7] ← 200 in 55 ms']);
	});

	it('shows a request that got no answer, with or without a reason', () => {
		expect(debugLines(exchange({status: null, totalMs: 3000, error: 'TIMEOUT'}), 'finished')).toEqual([
			'[tableau-connect #7] ✗ no answer after 3000 ms on connection 2: TIMEOUT',
		]);
		expect(debugLines(exchange({connection: null, status: null, totalMs: null, error: null}), 'finished')).toEqual([
			'[tableau-connect #7] ✗ no answer after 0 ms: unknown',
		]);
	});
});
