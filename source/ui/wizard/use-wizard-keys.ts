import {useEffect, useState, type Dispatch} from 'react';
import {useExitWith} from '../components/use-exit-with.js';
import {useLetterKeys} from '../components/use-letter-keys.js';
import type {WizardAction, WizardState} from './state.js';
import type {WizardOutcome} from './reducer.js';

type KeyProps = {
	readonly checkStore?: () => string | null;
	readonly signOutOnCtrlC?: boolean;
	readonly onQuitKey?: () => void;
	readonly isActive?: boolean;
};

/**
The keys every step shares (Ctrl-C, q where the caller ends) and the store check on the review: a
test signs out other sessions of the token, so it waits until the profile can be saved. Returns why
the store cannot be saved to, or null.
*/
export function useWizardKeys(state: WizardState, dispatch: Dispatch<WizardAction>, props: KeyProps): string | null {
	const [storeProblem, setStoreProblem] = useState(() => props.checkStore?.() ?? null);
	// Letter by letter: q or r typed ahead with other keys arrives in one read.
	useLetterKeys(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				dispatch({type: 'cancel', signOutFirst: props.signOutOnCtrlC ?? true});
			} else if (storeProblem !== null && state.step === 'review' && (key.return || input === 'r')) {
				// Checked again when the person says it is fixed; the test starts once a save can follow it.
				const problem = props.checkStore?.() ?? null;
				setStoreProblem(problem);
				if (problem === null && key.return) {
					dispatch({type: 'next'});
				}
			} else if (storeProblem !== null && state.step === 'review' && key.escape) {
				dispatch({type: 'back'});
			} else if (input === 'q' && props.onQuitKey && state.focus === null && state.step !== 'verify' && (props.isActive ?? true)) {
				props.onQuitKey();
			}
		},
		{isActive: state.outcome === null},
	);
	return storeProblem;
}

/** Hands the outcome over once it is known: to `onEnd` when the caller goes on (the demo), else by exiting the app. */
export function useOutcome(
	outcome: WizardOutcome | null,
	onEnd: ((outcome: WizardOutcome) => void) | undefined,
	onExit?: (outcome: WizardOutcome) => void,
): void {
	useExitWith(onEnd ? null : outcome, onExit);
	useEffect(() => {
		if (outcome && onEnd) {
			onEnd(outcome);
		}
	}, [outcome, onEnd]);
}
