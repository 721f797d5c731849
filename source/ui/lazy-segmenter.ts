/**
Ink measures, wraps and slices every line of every frame through `Intl.Segmenter`, and its text
packages each create one when they are imported. The first segmenter a process creates starts ICU:
about 10 ms and 2 MiB before the wizard's first frame. Yet almost everything we draw splits
trivially, one grapheme per code point: Latin and Cyrillic text, punctuation, box drawing, ✓ and ✗.

The build (scripts/build.js) makes those packages construct this class instead. It answers strings
made only of such code points itself, and creates the real segmenter the first time a string
could hold a grapheme of several code points (a combining accent, an emoji sequence, Hangul jamo,
CR LF). Both give the same segments: test/unit/lazy-segmenter.test.ts compares them.
*/

/**
Code points whose grapheme-break property is Other or Control, never CR: none of Unicode's rules
joins two of them (only CR LF, Extend, ZWJ, SpacingMark, Prepend, regional indicators and Hangul
jamo join). Control includes ESC, so styled text (ANSI escapes) stays on this side. The ranges skip the combining blocks (U+0300–036F, U+0483–0489, U+20D0–20FF) and
every astral code point, so a surrogate never appears.
*/
// eslint-disable-next-line no-control-regex -- control characters (ESC in styled text) are each a grapheme of their own
export const oneCodePointPerGrapheme = /^[\u0000-\u000C\u000E-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2100-\u27BF]*$/;

type Segment = {segment: string; index: number; input: string};

/** What `Intl.Segmenter#segment` returns, for a string where each UTF-16 unit is a grapheme. */
class TrivialSegments implements Iterable<Segment> {
	constructor(private readonly input: string) {}

	containing(index = 0): Segment | undefined {
		const position = Math.trunc(Number(index)) || 0;
		if (position < 0 || position >= this.input.length) {
			return undefined;
		}

		return {segment: this.input[position]!, index: position, input: this.input};
	}

	*[Symbol.iterator](): Iterator<Segment> {
		for (let index = 0; index < this.input.length; index++) {
			yield {segment: this.input[index]!, index, input: this.input};
		}
	}
}

export class LazyGraphemeSegmenter {
	private real: Intl.Segmenter | undefined;
	private readonly locales: ConstructorParameters<typeof Intl.Segmenter>[0];
	private readonly options: ConstructorParameters<typeof Intl.Segmenter>[1];

	constructor(...[locales, options]: ConstructorParameters<typeof Intl.Segmenter>) {
		this.locales = locales;
		this.options = options;
	}

	segment(input: string): Intl.Segments | TrivialSegments {
		const text = String(input);
		const byGrapheme = (this.options?.granularity ?? 'grapheme') === 'grapheme';
		if (byGrapheme && oneCodePointPerGrapheme.test(text)) {
			return new TrivialSegments(text);
		}

		return this.realSegmenter().segment(text);
	}

	resolvedOptions(): Intl.ResolvedSegmenterOptions {
		return this.realSegmenter().resolvedOptions();
	}

	private realSegmenter(): Intl.Segmenter {
		this.real ??= new Intl.Segmenter(this.locales, this.options);
		return this.real;
	}
}
