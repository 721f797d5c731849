import {describe, expect, it} from 'vitest';
import {compareProfileNames} from '../../source/profiles/name-order.js';

const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
const byCollator = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

describe('compareProfileNames', () => {
	it('orders names as a case-insensitive, numeric collator does', () => {
		const names = [
			'beta',
			'prod10',
			'Acme.prod',
			'prod2',
			'acme.dev',
			'_scratch',
			'a-b',
			'a_b',
			'a.b',
			'ab',
			'a1',
			'A1',
			'a01',
			'x9',
			'x10',
			'x009',
			'-lead',
			'.dot',
			'Zeta',
			'zeta',
		];
		expect([...names].sort(compareProfileNames)).toEqual([...names].sort(byCollator));
	});

	it('agrees with the collator on a thousand random names of the allowed characters', () => {
		const alphabet = 'aAbBzZ0129._-';
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		const names = Array.from({length: 1000}, () =>
			Array.from({length: 1 + Math.floor(next() * 6)}, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
		);
		expect([...names].sort(compareProfileNames)).toEqual([...names].sort(byCollator));
	});

	it('compares runs of digits longer than a number can hold exactly', () => {
		expect(compareProfileNames('p90071992547409921', 'p90071992547409930')).toBeLessThan(0);
		expect(compareProfileNames('p2', 'p10')).toBeLessThan(0);
		expect(compareProfileNames('p10', 'p2')).toBeGreaterThan(0);
	});

	it('is zero only for the same name', () => {
		expect(compareProfileNames('prod', 'prod')).toBe(0);
		expect(compareProfileNames('Prod', 'prod')).not.toBe(0);
		expect(compareProfileNames('a1', 'a01')).not.toBe(0);
	});
});
