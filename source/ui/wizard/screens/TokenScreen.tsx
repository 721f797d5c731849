import type {Dispatch} from 'react';
import {Box, Text} from 'ink';
import {Numbered} from '../../components/Numbered.js';
import {Paint} from '../../components/Paint.js';
import type {WizardAction} from '../reducer.js';
import {useReadingKeys} from '../use-keys.js';
import {suggestedTokenName} from '../steps.js';

type Props = {
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
};

/** Step 4: create the token and keep both values. */
export function TokenScreen({dispatch, isActive}: Props) {
	useReadingKeys(dispatch, isActive);
	return (
		<Box flexDirection="column">
			<Text>In the Personal Access Tokens section:</Text>
			<Numbered
				items={[
					<Text key="name">
						Type a token name, for example <Paint bold>{suggestedTokenName}</Paint>.
					</Text>,
					'Click Create new token.',
					'Copy the token name and the token secret, and keep them in your password manager.',
				]}
			/>
			<Box marginTop={1} flexDirection="column">
				<Paint tone="warn" bold>
					! The secret is shown only this once.
				</Paint>
				<Text>If the dialog closes before you copy it, there is no way to see it again: delete the token and create a new one.</Text>
			</Box>
			<Box marginTop={1} flexDirection="column">
				<Paint tone="warn" bold>
					! Unused tokens expire.
				</Paint>
				<Text>A token that is not used for 15 days in a row stops working (administrators may set shorter limits).</Text>
			</Box>
		</Box>
	);
}
