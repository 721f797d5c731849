import type {Dispatch} from 'react';
import {Box, Text} from 'ink';
import {Paint} from '../../components/Paint.js';
import {parsedServer, parsedSite} from '../fields.js';
import type {WizardAction, WizardState} from '../reducer.js';
import {AccountScreen} from './AccountScreen.js';
import {CredentialsScreen} from './CredentialsScreen.js';
import {NeedsScreen} from './NeedsScreen.js';
import {PrerequisitesScreen} from './PrerequisitesScreen.js';
import {ReviewScreen} from './ReviewScreen.js';
import {ServerScreen} from './ServerScreen.js';
import {TokenScreen} from './TokenScreen.js';
import {VerifyScreen, type FailureAction} from './VerifyScreen.js';

type Props = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
	readonly hyperlinks: boolean;
	readonly extraFailureActions: readonly FailureAction[];
	readonly insecure: boolean;
	/** Why the profile could not be saved, found before the test: said on every step until fixed. */
	readonly storeProblem?: string | null;
};

/** The screen of the wizard's current step, under what stands in the way of saving, if anything. */
export function StepScreen(props: Props) {
	const {storeProblem, state} = props;
	if (!storeProblem || state.step === 'verify') {
		return <StepBody {...props} />;
	}

	return (
		<Box flexDirection="column">
			<Box marginBottom={1} flexDirection="column">
				<Paint tone="fail">✗ {storeProblem}</Paint>
				<Text>
					The test waits until this is fixed: it signs out other sessions of the token, and its result could not be saved.
					{state.step === 'review' ? ' Fix it, then press r to check again.' : ''}
				</Text>
			</Box>
			<StepBody {...props} isActive={props.isActive && state.step !== 'review'} />
		</Box>
	);
}

function StepBody({state, dispatch, isActive, hyperlinks, extraFailureActions, insecure}: Props) {
	switch (state.step) {
		case 'needs': {
			return <NeedsScreen dispatch={dispatch} isActive={isActive} />;
		}

		case 'prerequisites': {
			return <PrerequisitesScreen dispatch={dispatch} isActive={isActive} />;
		}

		case 'account': {
			return (
				<AccountScreen server={parsedServer(state.values)} site={parsedSite(state.values)} hyperlinks={hyperlinks} dispatch={dispatch} isActive={isActive} />
			);
		}

		case 'token': {
			return <TokenScreen dispatch={dispatch} isActive={isActive} />;
		}

		case 'server': {
			return <ServerScreen state={state} dispatch={dispatch} isActive={isActive} />;
		}

		case 'credentials': {
			return <CredentialsScreen state={state} dispatch={dispatch} isActive={isActive} />;
		}

		case 'review': {
			return <ReviewScreen state={state} dispatch={dispatch} isActive={isActive} />;
		}

		case 'verify': {
			return <VerifyScreen state={state} dispatch={dispatch} isActive={isActive} extraFailureActions={extraFailureActions} insecure={insecure} />;
		}
	}
}
