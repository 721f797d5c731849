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
string-width runs a segmenter and several Unicode-property regular expressions over any string
that is not plain ASCII, and Ink and wrap-ansi ask it hundreds of times a frame, word by word: a
"·" or a "■" made each call cost 50–80 µs while the code was cold. Where every code point is a
grapheme of its own, a string's width is the sum of its code points' widths, and each code point's
width is asked of string-width once and kept.
*/
export function withCodePointWidths(stringWidth: StringWidth): StringWidth {
	const widths = new Map<number, number>();
	return (text, options) => {
		if (options !== undefined || typeof text !== 'string' || printableAscii.test(text) || escapes.test(text) || !oneCodePointPerGrapheme.test(text)) {
			return stringWidth(text, options);
		}

		let width = 0;
		for (let index = 0; index < text.length; index++) {
			const codePoint = text.charCodeAt(index);
			let known = widths.get(codePoint);
			if (known === undefined) {
				known = stringWidth(text[index]!);
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
