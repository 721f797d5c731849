// The build puts these shortcuts in front of string-width and ansi-tokenize's style diff: each must
// answer exactly what the function it wraps answers.
import {diffAnsiCodes} from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import {withCodePointWidths, withUnchangedStyles} from '../../source/ui/text-fast-paths.js';
import {oneGraphemeRanges, seededRandom} from '../helpers/code-points.js';

/** The shortcut over string-width, with every string it still asks string-width about. */
function countingAsks() {
	const asked: string[] = [];
	const counted = withCodePointWidths((text, options) => {
		asked.push(text);
		return stringWidth(text, options);
	}, stripAnsi);
	return {asked, counted};
}

describe('withCodePointWidths', () => {
	const fast = withCodePointWidths(stringWidth, stripAnsi);
	const ranges = oneGraphemeRanges;

	it('measures every code point it answers itself as string-width does, emoji and zero-width ones included', () => {
		for (const [first, last] of ranges) {
			for (let codePoint = first; codePoint <= last; codePoint++) {
				const text = `a${String.fromCodePoint(codePoint)}b`;
				expect(fast(text), `U+${codePoint.toString(16)}`).toBe(stringWidth(text));
			}
		}
	});

	it('measures random strings of them as string-width does, asked twice', () => {
		const next = seededRandom(20_261_203);
		for (let sample = 0; sample < 2000; sample++) {
			let text = '';
			for (let index = 0; index < 1 + Math.floor(next() * 10); index++) {
				const [first, last] = ranges[Math.floor(next() * ranges.length)]!;
				text += String.fromCodePoint(first + Math.floor(next() * (last - first + 1)));
			}

			expect(fast(text), JSON.stringify(text)).toBe(stringWidth(text));
			expect(fast(text), JSON.stringify(text)).toBe(stringWidth(text));
		}
	});

	it('measures styled text as string-width does, escape codes left out', () => {
		const {asked, counted} = countingAsks();
		for (const text of [
			'\u001B[1m\u001B[36mStep 1 of 8 · What you’ll need\u001B[39m\u001B[22m',
			'\u001B[1mEnter\u001B[22m start\u001B[90m · \u001B[39m\u001B[1mEsc\u001B[22m quit',
			'\u001B[1mplain\u001B[22m',
			'\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 ✓',
			'\u001B[3\u001B[0m1m ·',
			'\u001B[31m',
		]) {
			expect(counted(text), JSON.stringify(text)).toBe(stringWidth(text));
		}

		// Only the escape character left over from a broken sequence is asked about.
		expect(asked).toEqual(['\u001B']);
	});

	it('leaves clusters, wide scripts and options to string-width', () => {
		for (const text of [
			'\u001B[1m■ bold\u001B[22m',
			'\u009B31m·',
			'e\u0301',
			'👩‍💻 done',
			'\u001B[1m👩‍💻\u001B[22m',
			'漢字 ·',
			'🇫🇷',
			'line\r\n',
			'x\u200Dy',
			'⌚ ✅ ✓',
			'',
		]) {
			expect(fast(text), JSON.stringify(text)).toBe(stringWidth(text));
		}

		// string-width measures only strings: anything else is 0, even what would print as one.
		expect(fast(['·'] as unknown as string)).toBe(0);
		expect(fast('±·', {ambiguousIsNarrow: false})).toBe(stringWidth('±·', {ambiguousIsNarrow: false}));
		expect(fast('\u001B[1m·', {countAnsiEscapeCodes: true})).toBe(stringWidth('\u001B[1m·', {countAnsiEscapeCodes: true}));
	});

	it('asks string-width once per code point, then never again for it', () => {
		const {asked, counted} = countingAsks();
		expect(counted('⌛✅⌛ ‰ ✅')).toBe(11);
		expect(counted('✅ ‰ ⌛ ‰ ✅')).toBe(12);
		expect(asked.sort()).toEqual(['⌛', '✅']);
	});

	it('knows, without asking string-width, the narrow code points the screens draw', () => {
		const {asked, counted} = countingAsks();
		expect(counted('╭─·─╮│✓✗•…›→■□▸é')).toBe(16);
		expect(asked).toEqual([]);
	});
});

describe('withUnchangedStyles', () => {
	const fast = withUnchangedStyles(diffAnsiCodes);
	const bold = {type: 'ansi', code: '\u001B[1m', endCode: '\u001B[22m'} as const;
	const dim = {type: 'ansi', code: '\u001B[2m', endCode: '\u001B[22m'} as const;
	const red = {type: 'ansi', code: '\u001B[31m', endCode: '\u001B[39m'} as const;
	const green = {type: 'ansi', code: '\u001B[32m', endCode: '\u001B[39m'} as const;
	const underline = {type: 'ansi', code: '\u001B[4m', endCode: '\u001B[24m'} as const;
	const styles = [[], [bold], [dim], [bold, dim], [red], [green], [bold, red], [underline, green], [dim, underline, red]];

	it('answers every pair of styles as the full diff does, the same array twice included', () => {
		for (const from of styles) {
			for (const to of styles) {
				expect(fast(from, to)).toEqual(diffAnsiCodes(from, to));
				expect(fast(from, [...from])).toEqual(diffAnsiCodes(from, [...from]));
			}

			expect(fast(from, from)).toEqual(diffAnsiCodes(from, from));
		}
	});

	it('skips the full diff between two unstyled characters and between two of one style, and only then', () => {
		const asked: string[] = [];
		const counted = withUnchangedStyles((from: Parameters<typeof diffAnsiCodes>[0], to: Parameters<typeof diffAnsiCodes>[1]) => {
			asked.push(`${from.length}→${to.length}`);
			return diffAnsiCodes(from, to);
		});
		const boldRed = [bold, red];
		counted([], []);
		counted(boldRed, boldRed);
		expect(asked).toEqual([]);
		counted([], [bold]);
		counted([bold], []);
		counted(boldRed, [bold, red]);
		expect(asked).toEqual(['0→1', '1→0', '2→2']);
	});
});
