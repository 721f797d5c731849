// A token secret pasted where a visible value goes (server, site, token name) is recognised by its
// shape and refused without repeating any of it; ordinary values of those fields are not mistaken for one.
import {describe, expect, it} from 'vitest';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../source/tableau/secret-shape.js';
import {parseServerInput, parseSiteInput} from '../../source/tableau/server-url.js';
import {expectNoSecrets} from '../helpers/leaks.js';

// The shape of a real secret (base64 of 16 bytes, a colon, 32 letters and digits); made up here.
const secret = 'q7Vd2mXkTz9Lr4BnWc8YhA==:Pk3rT9vLm2QxW7nB5cZs8JdF4hGy6aRe';

describe('looksLikeTokenSecret', () => {
	it.each([secret, ` ${secret} `, `"${secret}"`, 'A+b/C1d2E3f4G5h6I7j8Kw==:abcdefghijklmnopqrstuvwxyz012345'])('%s is a secret', text => {
		expect(looksLikeTokenSecret(text)).toBe(true);
	});

	it.each([
		'tableau.example.com:8443',
		'https://tableau.example.com:8443',
		'[2001:db8::1]:8443',
		'2001:db8:85a3::8a2e:370:7334',
		'Parable Integration',
		'ParableIntegrationToken:ProductionServer2024',
		'acme-corp',
		'q7Vd2mXkTz9Lr4BnWc8YhA==',
	])('%s is not', text => {
		expect(looksLikeTokenSecret(text)).toBe(false);
	});
});

describe('refused without being repeated', () => {
	it('in the server field', () => {
		const result = parseServerInput(secret);
		expect(result.ok).toBe(false);
		const error = result.ok ? '' : result.error;
		expect(error).toContain('looks like a token secret, not a server');
		expect(error).toContain('https://tableau.example.com');
		expectNoSecrets(error, secret);
	});

	it('in the site field', () => {
		const result = parseSiteInput(secret);
		expect(result.ok).toBe(false);
		const error = result.ok ? '' : result.error;
		expect(error).toContain('looks like a token secret, not a site');
		expectNoSecrets(error, secret);
	});

	it('after a host, where it would be read as a port: a long "port" is not repeated, a short one is', () => {
		const tail = secret.split(':')[1]!;
		const long = parseServerInput(`tableau.example.com:${tail}`);
		expect(long.ok ? '' : long.error).toMatch(/^The part after the colon is not a number\. Type the address as https:\/\/tableau\.example\.com:PORT/);
		expectNoSecrets(long.ok ? '' : long.error, tail);
		const short = parseServerInput('tableau.example.com:84a3');
		expect(short.ok ? '' : short.error).toContain('The port "84a3" is not a number.');
	});
});

describe('misplacedSecretMessage', () => {
	it.each([
		['server', "Type the server address from your browser's address bar here, for example https://tableau.example.com"],
		['site', "Type the site's content URL here: the part after /site/ in the address bar"],
		['token name', "Type the token's name here, as Tableau's Personal Access Tokens list shows it"],
		['profile name', 'Type a name for the profile here, for example acme-prod'],
		['CA file path', "Give the path of a PEM file holding your organisation's CA certificate"],
	] as const)('says what goes in the %s field instead', (where, instead) => {
		expect(misplacedSecretMessage(where)).toBe(
			`This looks like a token secret, not a ${where} (so it is not repeated here). ${instead}; the secret goes only where it is asked for, hidden.`,
		);
	});
});
