// REST API versions compare by number, and 3.6 (where PAT sign-in arrived) is the lowest accepted,
// by the check of a server's version and by --api-version alike.
import {describe, expect, it} from 'vitest';
import {parseApiVersion} from '../../source/commands/core/args.js';
import {compareVersions, minimumPatApiVersion} from '../../source/tableau/api-version.js';

describe('compareVersions', () => {
	it.each([
		['3.6', '3.6', 0],
		['3.19', '3.6', 1],
		['3.6', '3.19', -1],
		['4.0', '3.30', 1],
		['3.30', '4.0', -1],
		['3', '3.0', 0],
	])('%s against %s has the sign %i', (a, b, sign) => {
		expect(Math.sign(compareVersions(a, b))).toBe(sign);
	});

	it('says by how much, so callers can sort with it', () => {
		expect(['3.19', '3.6', '4.1', '3.10'].sort(compareVersions)).toEqual(['3.6', '3.10', '3.19', '4.1']);
	});
});

describe('--api-version', () => {
	it('accepts exactly the minimum, 3.6, and anything later', () => {
		expect(minimumPatApiVersion).toBe('3.6');
		expect(parseApiVersion('3.6')).toBe('3.6');
		expect(parseApiVersion(' 3.19 ')).toBe('3.19');
		expect(parseApiVersion(undefined)).toBeNull();
	});

	it('refuses 3.5 and names the minimum', () => {
		expect(() => parseApiVersion('3.5')).toThrow('--api-version 3.5 is older than REST API 3.6');
	});

	it.each(['3', '3.6.1', 'v3.6', 'latest', ''])('refuses "%s", which is not a version', value => {
		expect(() => parseApiVersion(value)).toThrow('--api-version takes a REST API version such as 3.19');
	});
});
