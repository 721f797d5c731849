import {useEffect} from 'react';
import {useExitWith} from '../components/use-exit-with.js';
import type {WizardOutcome} from './reducer.js';

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
