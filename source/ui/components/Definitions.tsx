import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {Paint} from './Paint.js';

type Props = {
	readonly rows: ReadonlyArray<readonly [term: string, description: ReactNode]>;
	readonly termWidth: number;
	/** Indent of the whole list. */
	readonly indent?: number;
};

/** Terms in a column, each with its description wrapped beside it. */
export function Definitions({rows, termWidth, indent = 2}: Props) {
	return (
		<Box flexDirection="column" marginLeft={indent}>
			{rows.map(([term, description]) => (
				<Box key={term}>
					<Box width={termWidth} flexShrink={0}>
						<Paint bold>{term}</Paint>
					</Box>
					<Box flexGrow={1}>{typeof description === 'string' ? <Text>{description}</Text> : description}</Box>
				</Box>
			))}
		</Box>
	);
}
