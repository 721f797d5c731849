import {Box, Text} from 'ink';
import {Paint} from './Paint.js';

/** A key and what it does, as listed in the footer. */
export type KeyHint = readonly [key: string, action: string];

type Props = {
	readonly hints: readonly KeyHint[];
	/** The width the footer has: hints are laid out in lines that fit it. */
	readonly columns: number;
	/** Rows hidden above and below the screen's viewport; shown in place of the blank line. */
	readonly hidden?: {above: number; below: number; keys: string};
};

const separator = ' · ';

// Code points rather than UTF-16 units, so "↑↓" counts as the two columns it takes.
function widthOf(text: string): number {
	return [...text].length;
}

function hintWidth([key, action]: KeyHint): number {
	return widthOf(key) + 1 + widthOf(action);
}

function lines(count: number, where: 'above' | 'below'): string {
	return `${count} more line${count === 1 ? '' : 's'} ${where}`;
}

function hiddenText({above, below, keys}: {above: number; below: number; keys: string}): string {
	const parts = [above > 0 ? `↑ ${lines(above, 'above')}` : '', below > 0 ? `↓ ${lines(below, 'below')}` : ''].filter(Boolean);
	return `${parts.join(separator)} (${keys} to scroll)`;
}

/**
The hints grouped into the lines they take at `columns`: a hint (key and action) never breaks across
lines, and the separator only goes between hints on the same line, never at the start of one.
*/
export function footerLines(hints: readonly KeyHint[], columns: number): Array<readonly KeyHint[]> {
	const result: KeyHint[][] = [];
	let line: KeyHint[] = [];
	let used = 0;
	for (const hint of hints) {
		const width = hintWidth(hint);
		if (line.length > 0 && used + separator.length + width > columns) {
			result.push(line);
			line = [];
			used = 0;
		}

		used += (line.length > 0 ? separator.length : 0) + width;
		line.push(hint);
	}

	if (line.length > 0) {
		result.push(line);
	}

	return result;
}

/** The keys that work on this screen, and a line saying when part of the screen is out of view. */
export function Footer({hints, columns, hidden}: Props) {
	const scrolled = hidden !== undefined && hidden.above + hidden.below > 0;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">{scrolled ? <Paint tone="accent">{hiddenText(hidden)}</Paint> : ' '}</Text>
			{footerLines(hints, columns).map(line => (
				<Text key={line.map(([key]) => key).join(' ')}>
					{line.map(([key, action], index) => (
						<Text key={key}>
							{index > 0 ? <Paint tone="muted">{separator}</Paint> : null}
							<Paint bold>{key}</Paint> {action}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
}

/** How many rows the footer takes at `columns`: the scroll line, the hint lines, and one row spare. */
export function footerHeight(hints: readonly KeyHint[], columns: number): number {
	const hintRows = footerLines(hints, columns).reduce(
		// A single hint wider than the terminal still wraps: count the rows it takes.
		(sum, line) =>
			sum + Math.max(1, Math.ceil(line.reduce((width, hint, index) => width + (index > 0 ? separator.length : 0) + hintWidth(hint), 0) / Math.max(1, columns))),
		0,
	);
	return 1 + Math.max(1, hintRows) + 1;
}
