import type {Dispatch} from 'react';
import {Box, Text} from 'ink';
import type {WizardAction, WizardState} from '../reducer.js';
import {suggestedTokenName} from '../steps.js';
import {FieldList} from './FieldList.js';

type Props = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
};

/** Step 6: the token's name and secret, and the name to save the connection under. */
export function CredentialsScreen({state, dispatch, isActive}: Props) {
	return (
		<Box flexDirection="column">
			<Box marginBottom={1}>
				<Text>Paste the token name and secret you copied on step 4.</Text>
			</Box>
			<FieldList
				state={state}
				dispatch={dispatch}
				isActive={isActive}
				fields={['tokenName', 'tokenSecret', 'profileName']}
				looks={{
					tokenName: {
						placeholder: `${suggestedTokenName} (suggested; type yours)`,
						hint: 'Exactly as listed under Personal Access Tokens. Ctrl-U clears the field.',
					},
					tokenSecret: {
						masked: true,
						placeholder: '(paste the secret)',
						hint: state.secretVisible ? 'Shown. Ctrl-R hides it.' : 'Hidden. Ctrl-R shows it while you check it.',
					},
					profileName: {hint: 'What tableau-connect calls this connection, as in "tableau-connect test NAME".'},
				}}
			/>
		</Box>
	);
}
