// The leak check itself must be able to fail: pieces, masks, session tokens.
import {describe, expect, it} from 'vitest';
import {expectNoSecrets, leakFinder, secretsOf} from '../helpers/leaks.js';

const secret = 'kW3v9QzP7rXbN2mT:Hq8LdY4sFj6Ae1Gc';

describe('leakFinder', () => {
	const find = leakFinder(secret);

	it('finds the whole secret, and any six characters of it anywhere', () => {
		expect(find(`secret=${secret}`)).not.toBeNull();
		expect(find('…z P7rX bN…')).toBeNull();
		expect(find('token: 9QzP7r (cut)')).toMatch(/characters 5–10 of a 33-character secret/);
		expect(find(`the end: ${secret.slice(-6)}`)).not.toBeNull();
	});

	it('finds a few characters shown beside a mask, before or after it', () => {
		expect(find(`Token secret   ${secret.slice(0, 4)}************ (hidden)`)).toMatch(/beside a mask/);
		expect(find(`Token secret   ••••••••${secret.slice(-4)}`)).toMatch(/beside a mask/);
		expect(find(`Token secret   ${secret.slice(0, 4)} ••••••••`)).toMatch(/beside a mask/);
	});

	it('passes a mask alone, and unrelated text', () => {
		expect(find('Token secret   ************ (hidden)')).toBeNull();
		expect(find('Token secret   ••••••••')).toBeNull();
		expect(find('Step 7 of 8 · Review · kW3 * Q')).toBeNull();
	});

	it('never repeats the piece it found', () => {
		expect(find(secret)).not.toContain(secret.slice(0, 6));
	});
});

describe('secretsOf', () => {
	it("takes a simulator's token secret and the random parts of every session token it saw", () => {
		const simulator = {
			tokenSecret: secret,
			requests: [{headers: {}}, {headers: {'x-tableau-auth': 'Zr4aV0e9YqJm2p5u|Kc8tW1nB6xH3sD7fL0gQ|74bee3ee-f00a-4b9a-8e45-b56f7b84833f'}}],
		};
		// The site LUID is public (it is in the curl view and the JSON result): it is not looked for.
		expect(secretsOf([simulator, 'short'])).toEqual([secret, 'Zr4aV0e9YqJm2p5u', 'Kc8tW1nB6xH3sD7fL0gQ']);
	});
});

describe('expectNoSecrets', () => {
	it('fails on a leak in any of several outputs, without printing the secret', () => {
		let message = '';
		try {
			expectNoSecrets(['clean', `stderr: ${secret.slice(10, 20)}`], secret);
		} catch (error) {
			message = (error as Error).message;
		}

		expect(message).toContain('output 2 of 2');
		expect(message).not.toContain(secret.slice(10, 16));
	});

	it('passes clean outputs, and refuses to check against nothing', () => {
		expectNoSecrets(['clean', 'also clean'], secret);
		expect(() => {
			expectNoSecrets('clean', undefined);
		}).toThrow(/no secret/);
	});
});
