import type {CheckStatus} from '../../verify/types.js';

export type Style = {
	green(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	dim(text: string): string;
	bold(text: string): string;
};

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;

/**
Colour for plain (non-Ink) output. Symbols and words always carry the meaning; colour only adds to
it, so `NO_COLOR`, `--no-color` and pipes lose nothing.
*/
export function createStyle(stream: {isTTY?: boolean}, environment: NodeJS.ProcessEnv, noColorFlag = false): Style {
	const forced = environment['FORCE_COLOR'] !== undefined && environment['FORCE_COLOR'] !== '0';
	const enabled =
		!noColorFlag && !environment['NO_COLOR'] && (forced || (Boolean(stream.isTTY) && environment['TERM'] !== 'dumb' && environment['FORCE_COLOR'] !== '0'));
	const plain = (text: string) => text;
	return enabled
		? {green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22)}
		: {green: plain, red: plain, yellow: plain, dim: plain, bold: plain};
}

export const statusSymbol: Record<CheckStatus, string> = {ok: '✓', warn: '!', fail: '✗', skipped: '-'};

export function paintStatus(style: Style, status: CheckStatus, text: string): string {
	switch (status) {
		case 'ok': {
			return style.green(text);
		}

		case 'warn': {
			return style.yellow(text);
		}

		case 'fail': {
			return style.red(text);
		}

		case 'skipped': {
			return style.dim(text);
		}
	}
}
