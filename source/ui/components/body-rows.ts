import {footerHeight, type KeyHint} from './Footer.js';

/**
Rows a screen's body may take: the terminal's rows less the lines above the body and the footer,
whose height includes the row Ink needs spare (a frame as tall as the terminal is redrawn whole,
scrollback lost). One row more is kept free, so a line Ink wraps that the screen counted as one still
leaves the frame short of the terminal. Every screen asks this, so none can overflow by its own sum.
*/
export function bodyRows({
	rows,
	columns,
	above,
	hints,
	minimum = 1,
}: {
	rows: number;
	columns: number;
	above: number;
	hints: readonly KeyHint[];
	minimum?: number;
}): number {
	return Math.max(minimum, rows - 1 - above - footerHeight(hints, columns));
}
