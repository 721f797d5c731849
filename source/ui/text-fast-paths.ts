import {oneCodePointPerGrapheme} from './lazy-segmenter.js';

/**
Two shortcuts for the text work Ink does on every frame, put in front of its packages by the build
(scripts/build.js). Each gives exactly the answer of the function it wraps
(test/unit/text-fast-paths.test.ts compares them); they only skip work whose answer is known.
*/

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;

const printableAscii = /^[\u0020-\u007E]*$/;
// eslint-disable-next-line no-control-regex -- ESC and CSI start the escape codes string-width strips first
const escapes = /[\u001B\u009B]/;

/**
Code points string-width measures as one column on their own: ASCII, Latin, Greek and Cyrillic
letters, punctuation, arrows, box drawing, blocks and shapes (but the two wide ones, ◽ and ◾), ✓
and ✗. None is a mark, a control, a format character or an emoji, so its width needs none of the
Unicode-property regular expressions string-width compiles the first time it meets such a
character: a few milliseconds before the wizard's first frame. test/unit/text-fast-paths.test.ts
compares each with string-width on the Node that runs the tests.
*/
const narrowOnItsOwn =
	/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2070-\u20CF\u2190-\u21FF\u2500-\u25FC\u2713-\u2718]$/;

/**
string-width runs a segmenter and several Unicode-property regular expressions over any string
that is not plain ASCII, and Ink and wrap-ansi ask it hundreds of times a frame, word by word: a
"·" or a "■" made each call cost 50–80 µs while the code was cold. Where every code point is a
grapheme of its own, a string's width is the sum of its code points' widths, and each code point's
width is known (narrowOnItsOwn) or asked of string-width once, and kept. Styled text is measured
the same way once its escape codes are stripped (by string-width's own strip-ansi, which the build
passes in): Ink measures every styled line it writes.
*/
export function withCodePointWidths(stringWidth: StringWidth, stripAnsi: (text: string) => string): StringWidth {
	const widths = new Map<number, number>();
	return (input, options) => {
		if (options !== undefined || typeof input !== 'string') {
			return stringWidth(input, options);
		}

		// string-width measures styled text without its escape codes, as it shows.
		const text = escapes.test(input) ? stripAnsi(input) : input;
		// Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; the loop below gives ASCII the same widths.
		if (printableAscii.test(text)) {
			return text.length;
		}

		if (!oneCodePointPerGrapheme.test(text)) {
			return stringWidth(input);
		}

		let width = 0;
		for (let index = 0; index < text.length; index++) {
			const codePoint = text.charCodeAt(index);
			let known = widths.get(codePoint);
			if (known === undefined) {
				const character = text[index]!;
				known = narrowOnItsOwn.test(character) ? 1 : stringWidth(character);
				widths.set(codePoint, known);
			}

			width += known;
		}

		return width;
	};
}

type StyleCodes = ReadonlyArray<{code: string; endCode: string}>;

/**
Ink writes a frame by asking, for every character, which escape codes lead from the previous
character's style to its own; the answer builds three sets each time. Between two unstyled
characters, or two that share one style, nothing changes, and that is the answer for most of a
screen.
*/
export function withUnchangedStyles<Codes extends StyleCodes>(diffAnsiCodes: (from: Codes, to: Codes) => Codes[number][]) {
	return (from: Codes, to: Codes): Codes[number][] => (from === to || (from.length === 0 && to.length === 0) ? [] : diffAnsiCodes(from, to));
}
