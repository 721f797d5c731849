import {Box, Text} from 'ink';
import {Paint} from '../components/Paint.js';

/** The question before a profile is removed; y and n answer it. */
export function RemoveConfirm({name, removing}: {readonly name: string; readonly removing: boolean}) {
	return (
		<Box flexDirection="column">
			<Paint tone="warn" bold>
				{removing ? `Removing "${name}"…` : `Remove the profile "${name}"? y removes it, n keeps it.`}
			</Paint>
			<Text>It is deleted from this computer only: the token itself stays valid in Tableau until you revoke it there.</Text>
		</Box>
	);
}
