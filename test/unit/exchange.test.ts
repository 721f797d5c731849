// Redaction of exchanges: the proxy password in each spelling, and the headers that carry credentials by name.
import {describe, expect, it} from 'vitest';
import {createRedactor, proxySecrets, redactedMarker, type Exchange} from '../../source/tableau/exchange.js';

function basic(userAndPassword: string): string {
	return Buffer.from(userAndPassword).toString('base64');
}

describe('proxySecrets', () => {
	it("knows a one-letter user's password", () => {
		expect(proxySecrets('http://a:pass-word@proxy:3128')).toEqual(['pass-word', basic('a:pass-word')]);
	});

	it('has nothing to hide for an address with a user and no password', () => {
		expect(proxySecrets('http://proxy-user@proxy:3128')).toEqual([]);
		expect(proxySecrets('http://corp:@proxy:3128')).toEqual([]);
		expect(proxySecrets('corp:@proxy:3128')).toEqual([]);
	});

	it('keeps a password that cannot be unescaped as written', () => {
		expect(proxySecrets('corp:100%@proxy:3128')).toEqual(['100%', basic('corp:100%')]);
	});
});

describe('createRedactor', () => {
	it('hides every header that carries a credential by name, whatever its case, and keeps the others', () => {
		const redactor = createRedactor([]);
		const raw: Exchange = {
			id: 1,
			connection: 1,
			attempt: 1,
			proxy: null,
			startedAt: 0,
			method: 'GET',
			url: 'https://tableau.example.com/api/3.19/sessions/current',
			requestHeaders: {
				'X-Tableau-Auth': 'session-one',
				cookie: 'workgroup_session_id=two',
				authorization: 'Bearer three',
				'Proxy-Authorization': 'Basic four',
				accept: 'application/json',
			},
			requestBody: null,
			status: 200,
			responseHeaders: {'set-cookie': 'workgroup_session_id=five; Secure', 'content-type': 'application/json'},
			responseBody: '',
			waitMs: 1,
			totalMs: 1,
			error: null,
		};
		const clean = redactor.exchange(raw);
		expect(clean.requestHeaders).toEqual({
			'X-Tableau-Auth': redactedMarker,
			cookie: redactedMarker,
			authorization: redactedMarker,
			'Proxy-Authorization': redactedMarker,
			accept: 'application/json',
		});
		expect(clean.responseHeaders).toEqual({'set-cookie': redactedMarker, 'content-type': 'application/json'});
	});
});
