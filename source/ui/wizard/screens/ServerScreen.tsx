import type {Dispatch} from 'react';
import {Box, Text} from 'ink';
import type {WizardAction, WizardState} from '../reducer.js';
import {FieldList} from './FieldList.js';

type Props = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
};

/** Step 5: the server address and the site, checked as they are typed. */
export function ServerScreen({state, dispatch, isActive}: Props) {
	return (
		<Box flexDirection="column">
			<Box marginBottom={1}>
				<Text>Copy the address of any page of your Tableau site from the browser and paste it into Server URL: the site is read from it.</Text>
			</Box>
			<FieldList
				state={state}
				dispatch={dispatch}
				isActive={isActive}
				fields={['server', 'site', 'caFile']}
				looks={{
					server: {
						placeholder: '(paste the address of a Tableau page)',
						hint: "Tableau Cloud: your pod's host, such as https://10ay.online.tableau.com. Server: your company's address.",
					},
					site: {
						placeholder: '(empty: the Default site, Tableau Server only)',
						hint: "The content URL: the part after /site/ in the address bar, not the site's display name.",
					},
					caFile: {
						placeholder: '(optional: a PEM file of your company CA)',
						hint: 'Only for a server whose certificate comes from a company CA or a TLS-inspecting proxy: the path of its root certificate, in PEM form.',
					},
				}}
			/>
		</Box>
	);
}
