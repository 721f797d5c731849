// The build swaps Ink's Intl.Segmenter for LazyGraphemeSegmenter: it must split every string exactly
// as ICU does (same segments, indexes and `containing` answers), and must not start ICU for the
// text the screens draw.
import {afterEach, describe, expect, it} from 'vitest';
import {LazyGraphemeSegmenter} from '../../source/ui/lazy-segmenter.js';
import {oneGraphemeRanges, seededRandom} from '../helpers/code-points.js';

const icu = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

function segmentsOf(segments: Iterable<{segment: string; index: number; input: string}>): Array<[string, number, string]> {
	return Array.from(segments, ({segment, index, input}) => [segment, index, input]);
}

function expectSameAsIcu(text: string): void {
	const lazy = new LazyGraphemeSegmenter(undefined, {granularity: 'grapheme'}).segment(text);
	const real = icu.segment(text);
	expect(segmentsOf(lazy), JSON.stringify(text)).toEqual(segmentsOf(real));
	for (const index of [-1, 0, 1, text.length - 1, text.length, Number.NaN, 0.7]) {
		expect(lazy.containing(index), `${JSON.stringify(text)} at ${index}`).toEqual(real.containing(index));
	}
}

const answeredWithoutIcu = oneGraphemeRanges;

/** Code points that join their neighbours into one grapheme, or start a pair that does. */
const joiners = [
	'\u0301',
	'\u0489',
	'\u20DD',
	'\u200D',
	'\uFE0F',
	'\u{1F3FD}',
	'\u{1F1EB}',
	'\u1100',
	'\u1161',
	'\u11A8',
	'\uAC00',
	'\r',
	'\u0E33',
	'\u0600',
	'\u093F',
	'\u{E0067}',
];

describe('LazyGraphemeSegmenter', () => {
	let restore: (() => void) | undefined;
	afterEach(() => {
		restore?.();
		restore = undefined;
	});

	function countIcuSegmenters(): {created: number} {
		const original = Intl.Segmenter;
		const count = {created: 0};
		const Counting = class extends original {
			constructor(...parameters: ConstructorParameters<typeof Intl.Segmenter>) {
				super(...parameters);
				count.created++;
			}
		};
		Object.defineProperty(Intl, 'Segmenter', {value: Counting, configurable: true, writable: true});
		restore = () => Object.defineProperty(Intl, 'Segmenter', {value: original, configurable: true, writable: true});
		return count;
	}

	it('splits every code point of the ranges it answers itself as ICU does, alone and between letters', () => {
		for (const [first, last] of answeredWithoutIcu) {
			for (let codePoint = first; codePoint <= last; codePoint++) {
				const character = String.fromCodePoint(codePoint);
				expectSameAsIcu(character);
				expectSameAsIcu(`a${character}b`);
			}
		}
	});

	it('splits random strings of those code points (ANSI escapes, tabs and newlines included) as ICU does', () => {
		const next = seededRandom(20_261_203);
		const pool = answeredWithoutIcu
			.flatMap(([first, last]) => [first, last, first + Math.floor((last - first) / 2)])
			.concat(0x09, 0x0a, 0xad, 0xb7, 0x25a0, 0x2713, 0x2717);
		for (let sample = 0; sample < 3000; sample++) {
			const length = 1 + Math.floor(next() * 12);
			let text = '';
			for (let index = 0; index < length; index++) {
				const [first, last] = answeredWithoutIcu[Math.floor(next() * answeredWithoutIcu.length)]!;
				const codePoint = next() < 0.3 ? pool[Math.floor(next() * pool.length)]! : first + Math.floor(next() * (last - first + 1));
				text += String.fromCodePoint(codePoint);
			}

			expectSameAsIcu(text);
		}
	});

	it('hands strings with joining code points to ICU, and gets its answer', () => {
		for (const joiner of joiners) {
			for (const text of [joiner, `e${joiner}`, `${joiner}x`, `✓${joiner}${joiner}·`, `\u{1F469}${joiner}\u{1F4BB}`]) {
				expectSameAsIcu(text);
			}
		}

		expectSameAsIcu('line\r\nnext');
		expectSameAsIcu('🇫🇷🇩🇪 👩‍💻 é');
	});

	it('creates no ICU segmenter for the text of the wizard, and one, once, for the first string that needs it', () => {
		const count = countIcuSegmenters();
		const segmenter = new LazyGraphemeSegmenter();
		for (const text of [
			"\u001B[1m\u001B[36mStep 1 of 8 · What you'll need\u001B[39m\u001B[22m",
			'■□□□□□□□',
			'Enter start · Esc quit · Ctrl-C quit',
			'✓ Signed in — 3 sites',
			'│ ╭─╮ ╰─╯ …',
		]) {
			expect([...segmenter.segment(text)]).toHaveLength(text.length);
		}

		expect(count.created).toBe(0);
		expect([...segmenter.segment('👩‍💻 café\u0301')].map(({segment}) => segment)).toEqual(['👩‍💻', ' ', 'c', 'a', 'f', 'é\u0301']);
		segmenter.segment('e\u0301');
		expect(count.created).toBe(1);
	});

	it('leaves word and sentence granularity to ICU', () => {
		const words = new LazyGraphemeSegmenter('en', {granularity: 'word'});
		expect(Array.from(words.segment('two words'), ({segment}) => segment)).toEqual(['two', ' ', 'words']);
		expect(words.resolvedOptions().granularity).toBe('word');
		expect(new LazyGraphemeSegmenter().resolvedOptions().granularity).toBe('grapheme');
	});
});
