// The one line that says which pasted values lost the whitespace around them.
import {describe, expect, it} from 'vitest';
import {trimmedNotice, trimPasted} from '../../source/tableau/pasted-values.js';

describe('trimmedNotice', () => {
	it('says nothing when nothing was trimmed', () => {
		expect(trimmedNotice([])).toBeNull();
	});

	it.each([
		[['token secret'], 'token secret'],
		[['server', 'site'], 'server and site'],
		[['server', 'token name', 'token secret'], 'server, token name and token secret'],
		[['server', 'site', 'token name', 'token secret'], 'server, site, token name and token secret'],
	] as const)('names %j in one list', (fields, names) => {
		expect(trimmedNotice(fields)).toBe(`Note: removed the spaces or line breaks around the ${names}, as pasted; what is inside is used as typed.`);
	});
});

describe('trimPasted', () => {
	it('trims only the surrounding whitespace, and lists the fields in a fixed order', () => {
		expect(trimPasted({tokenSecret: 'abc\n', server: ' https://tableau.example.com', tokenName: 'my token', site: 'acme'})).toEqual({
			values: {tokenSecret: 'abc', server: 'https://tableau.example.com', tokenName: 'my token', site: 'acme'},
			trimmed: ['server', 'token secret'],
		});
	});
});
