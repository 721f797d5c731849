import {Box, Text} from 'ink';
import {Paint} from './Paint.js';

/** A key and what it does, as listed in the footer. */
export type KeyHint = readonly [key: string, action: string];

type Props = {
	readonly hints: readonly KeyHint[];
	/** Rows hidden above and below the screen's viewport; shown in place of the blank line. */
	readonly hidden?: {above: number; below: number; keys: string};
};

function hiddenText({above, below, keys}: {above: number; below: number; keys: string}): string {
	const parts = [above > 0 ? `↑ ${above} more lines above` : '', below > 0 ? `↓ ${below} more lines below` : ''].filter(Boolean);
	return `${parts.join(' · ')} (${keys} to scroll)`;
}

/** The keys that work on this screen, and a line saying when part of the screen is out of view. */
export function Footer({hints, hidden}: Props) {
	const scrolled = hidden !== undefined && hidden.above + hidden.below > 0;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">{scrolled ? <Paint tone="accent">{hiddenText(hidden)}</Paint> : ' '}</Text>
			<Text>
				{hints.map(([key, action], index) => (
					<Text key={key}>
						{index > 0 ? <Paint tone="muted"> · </Paint> : null}
						<Paint bold>{key}</Paint> {action}
					</Text>
				))}
			</Text>
		</Box>
	);
}

/** How many rows the footer takes at `columns`: its margin and its wrapped text, one row spare. */
export function footerHeight(hints: readonly KeyHint[], columns: number): number {
	const length = hints.reduce((sum, [key, action]) => sum + key.length + action.length + 4, 0);
	return 1 + Math.max(1, Math.ceil(length / Math.max(20, columns))) + 1;
}
