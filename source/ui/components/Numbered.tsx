import type {ReactNode} from 'react';
import {Box, Text} from 'ink';

type Props = {
	readonly items: readonly ReactNode[];
	readonly indent?: number;
};

/** A numbered list whose items wrap under their own text, not under the number. */
export function Numbered({items, indent = 2}: Props) {
	const width = String(items.length).length + 2;
	return (
		<Box flexDirection="column" marginLeft={indent}>
			{items.map((item, index) => (
				// The list never reorders, so the index is a stable key.
				<Box key={index}>
					<Box width={width} flexShrink={0}>
						<Text>{`${index + 1}.`}</Text>
					</Box>
					<Box flexGrow={1}>{typeof item === 'string' ? <Text>{item}</Text> : item}</Box>
				</Box>
			))}
		</Box>
	);
}
