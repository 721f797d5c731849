// The footer at narrow widths: a key never ends one line with its action on the next, no line starts
// with the separator, and footerHeight counts the rows the footer really takes.
import {afterEach, describe, expect, test} from 'vitest';
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {Footer, footerHeight, footerLines, type KeyHint} from '../../source/ui/components/Footer.js';
import {frameOf} from '../helpers/ink.js';

afterEach(() => {
	cleanup();
});

// The demo's failure footer, which used to leave "p" at the end of a line at 80 columns.
const hints: KeyHint[] = [
	['e', 'edit'],
	['r', 'retry'],
	['s', 'save anyway'],
	['f', 'fix & retry'],
	['n', 'next fault (tls-self-signed)'],
	['p', 'pick scenario'],
	['c', 'curl'],
	['q', 'quit'],
	['Esc', 'review'],
];

function footerAt(columns: number, hidden?: {above: number; below: number; keys: string}): string[] {
	const instance = render(
		<Box width={columns} flexDirection="column">
			<Footer hints={hints} columns={columns} hidden={hidden} />
		</Box>,
	);
	return frameOf(instance).split('\n');
}

describe('Footer', () => {
	test.each([80, 60, 40])('at %i columns, hints stay whole and lines never start with the separator', columns => {
		const lines = footerAt(columns);
		// The first line is the (blank) scroll line; footerHeight adds one spare row below the rest.
		expect(lines).toHaveLength(footerHeight(hints, columns) - 1);
		for (const line of lines.slice(1)) {
			expect([...line.trimEnd()].length).toBeLessThanOrEqual(columns);
			expect(line).not.toMatch(/^\s*·/);
		}

		// Every piece between separators is one whole hint, so none is split across lines.
		const pieces = lines.slice(1).flatMap(line => line.trim().split(' · '));
		expect(pieces).toEqual(hints.map(([key, action]) => `${key} ${action}`));
	});

	test('a hint wider than the terminal wraps, and footerHeight counts the rows it takes', () => {
		expect(footerAt(24)).toHaveLength(footerHeight(hints, 24) - 1);
	});

	test('footerLines fills each line as far as it fits', () => {
		expect(footerLines(hints, 80).map(line => line.map(([key]) => key).join(''))).toEqual(['ersf', 'npcqEsc']);
		expect(footerLines([['Enter', 'a very long action that is wider than the terminal']], 20)).toHaveLength(1);
	});

	test('one hidden line is "1 more line", more are "lines"', () => {
		expect(footerAt(80, {above: 0, below: 1, keys: 'PgUp/PgDn'})[0]).toContain('↓ 1 more line below (PgUp/PgDn to scroll)');
		expect(footerAt(80, {above: 1, below: 2, keys: '↑↓'})[0]).toContain('↑ 1 more line above · ↓ 2 more lines below (↑↓ to scroll)');
	});
});
