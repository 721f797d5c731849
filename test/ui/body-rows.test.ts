// Every screen's body height comes from bodyRows: the terminal's rows less the header, the footer
// (as tall as it wraps) and a row kept free, never less than the screen's minimum.
import {describe, expect, test} from 'vitest';
import {bodyRows} from '../../source/ui/components/body-rows.js';
import {footerHeight, type KeyHint} from '../../source/ui/components/Footer.js';

const hints: KeyHint[] = [
	['Enter', 'next'],
	['Esc', 'back'],
	['q', 'quit'],
];

describe('bodyRows', () => {
	test('leaves the header, the footer and one spare row out of the terminal', () => {
		expect(footerHeight(hints, 80)).toBe(3);
		expect(bodyRows({rows: 24, columns: 80, above: 2, hints})).toBe(24 - 2 - 3 - 1);
	});

	test('counts a footer that wraps on a narrow terminal', () => {
		const narrow = footerHeight(hints, 12);
		expect(narrow).toBeGreaterThan(3);
		expect(bodyRows({rows: 24, columns: 12, above: 2, hints})).toBe(24 - 2 - narrow - 1);
	});

	test('never goes below the minimum, one row unless the screen asks for more', () => {
		expect(bodyRows({rows: 5, columns: 80, above: 4, hints})).toBe(1);
		expect(bodyRows({rows: 5, columns: 80, above: 4, hints, minimum: 3})).toBe(3);
	});
});
