import {describe, expect, it} from 'vitest';
import {isTrustedRedirect} from '../../source/tableau/client.js';
import {RedirectError, type RedirectProblem} from '../../source/tableau/redirects.js';

const cases: Array<[string, string, boolean]> = [
	['https://online.tableau.com/api/3.6/auth/signin', 'https://10ay.online.tableau.com/api/3.6/auth/signin', true],
	['https://10ay.online.tableau.com/api/3.6/auth/signin', 'https://prod-useast-a.online.tableau.com/api/3.6/auth/signin', true],
	['https://tableau.example.com/api/3.6/auth/signin', 'https://tableau.example.com/tableau/api/3.6/auth/signin', true],
	['http://tableau.example.com/api/3.6/auth/signin', 'https://tableau.example.com/api/3.6/auth/signin', true],
	['http://127.0.0.1:8000/api/3.6/auth/signin', 'http://localhost:8000/api/3.6/auth/signin', true],
	['https://tableau.example.com/api/3.6/auth/signin', 'http://tableau.example.com/api/3.6/auth/signin', false],
	['https://online.tableau.com/api/3.6/auth/signin', 'http://10ay.online.tableau.com/api/3.6/auth/signin', false],
	['https://tableau.example.com/api/3.6/auth/signin', 'https://login.example.com/sso', false],
	['https://tableau.example.com/api/3.6/auth/signin', 'https://evil.online.tableau.com.attacker.net/x', false],
	['https://online.tableau.com/api/3.6/auth/signin', 'https://attacker.net/online.tableau.com', false],
	['https://tableau.example.com/api/3.6/auth/signin', 'ftp://tableau.example.com/x', false],
];

describe('isTrustedRedirect: where a sign-in, secret and all, may be posted again', () => {
	for (const [from, to, trusted] of cases) {
		it(`${trusted ? 'follows' : 'refuses'} ${from} → ${to}`, () => {
			expect(isTrustedRedirect(new URL(from), new URL(to))).toBe(trusted);
		});
	}
});

describe('RedirectError: what a redirect that cannot be followed says', () => {
	const chain = ['http://a.example.com/api/3.6/auth/signin', 'https://b.example.com/api/3.6/auth/signin'];

	it.each<[RedirectProblem, string]>([
		['no-location', 'the redirect from https://b.example.com/api/3.6/auth/signin has no Location header, so it leads nowhere'],
		['bad-location', 'the redirect from https://b.example.com/api/3.6/auth/signin leads to an address that is not http:// or https://'],
		['loop', 'the redirects go round in a loop: http://a.example.com/api/3.6/auth/signin → https://b.example.com/api/3.6/auth/signin'],
		['too-many', 'more than 5 redirects in a row: http://a.example.com/api/3.6/auth/signin → https://b.example.com/api/3.6/auth/signin'],
	])('%s', (problem, message) => {
		const error = new RedirectError(problem, 302, chain);
		expect(error.message).toBe(message);
		expect(error).toMatchObject({problem, status: 302, chain});
	});
});
