import {describe, expect, it} from 'vitest';
import {isTrustedRedirect} from '../../source/tableau/client.js';

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
