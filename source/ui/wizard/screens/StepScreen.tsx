import type {Dispatch} from 'react';
import {Box, Text} from 'ink';
import {Paint} from '../../components/Paint.js';
import {offers, type Keymap} from '../../components/keymap.js';
import type {WizardKey} from '../keymap.js';
import {parsedServer, parsedSite} from '../fields.js';
import type {WizardAction, WizardState} from '../reducer.js';
import {AccountScreen} from './AccountScreen.js';
import {CredentialsScreen} from './CredentialsScreen.js';
import {NeedsScreen} from './NeedsScreen.js';
import {PrerequisitesScreen} from './PrerequisitesScreen.js';
import {ReviewScreen} from './ReviewScreen.js';
import {ServerScreen} from './ServerScreen.js';
import {TokenScreen} from './TokenScreen.js';
import {VerifyScreen} from './VerifyScreen.js';

type Props = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
	readonly hyperlinks: boolean;
	readonly insecure: boolean;
	/** The wizard's keys right now: what the page says a key does is what it does. */
	readonly keymap: Keymap<WizardKey>;
};

/** The screen of the wizard's current step, under what stands in the way of saving, if anything. */
export function StepScreen(props: Props) {
	const {state} = props;
	const {storeProblem} = state;
	if (!storeProblem || state.step === 'verify') {
		return <StepBody {...props} />;
	}

	return (
		<Box flexDirection="column">
			<Box marginBottom={1} flexDirection="column">
				<Paint tone="fail">✗ {storeProblem}</Paint>
				<Text>
					The test waits until this is fixed: it signs out other sessions of the token, and its result could not be saved.
					{offers(props.keymap, 'r') && state.step === 'review' ? ' Fix it, then press r to check again.' : ''}
				</Text>
			</Box>
			<StepBody {...props} />
		</Box>
	);
}

function StepBody({state, dispatch, isActive, hyperlinks, insecure, keymap}: Props) {
	switch (state.step) {
		case 'needs': {
			return <NeedsScreen />;
		}

		case 'prerequisites': {
			return <PrerequisitesScreen />;
		}

		case 'account': {
			return <AccountScreen server={parsedServer(state.values)} site={parsedSite(state.values)} hyperlinks={hyperlinks} />;
		}

		case 'token': {
			return <TokenScreen />;
		}

		case 'server': {
			return <ServerScreen state={state} dispatch={dispatch} isActive={isActive} />;
		}

		case 'credentials': {
			return <CredentialsScreen state={state} dispatch={dispatch} isActive={isActive} />;
		}

		case 'review': {
			const enter = keymap.find(binding => binding.key === 'Enter' && binding.available)?.action;
			return <ReviewScreen state={state} enterStartsTest={enter?.kind === 'dispatch' && enter.action.type === 'next'} />;
		}

		case 'verify': {
			return <VerifyScreen state={state} insecure={insecure} />;
		}
	}
}
