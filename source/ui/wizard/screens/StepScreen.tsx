import type {Dispatch} from 'react';
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
};

/** The screen of the wizard's current step. */
export function StepScreen({state, dispatch, isActive, hyperlinks, extraFailureActions, insecure}: Props) {
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
