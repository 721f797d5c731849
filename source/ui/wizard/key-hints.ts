import type {KeyHint} from '../components/Footer.js';
import {movedAddress, type WizardState} from './reducer.js';
import type {FailureAction} from './screens/VerifyScreen.js';

/** The keys that work right now, for the footer. */
export function keyHints(state: WizardState, extraFailureActions: readonly FailureAction[], finish = 'finish'): KeyHint[] {
	// The footer's first line says when something is out of view and how to scroll.
	const scroll: KeyHint[] = [];
	const quit: KeyHint = ['Ctrl-C', 'quit'];
	switch (state.step) {
		case 'server':
		case 'credentials': {
			return [
				['Enter', 'next'],
				['Tab', 'next field'],
				['Esc', 'back'],
				['Ctrl-U', 'clear'],
				...(state.focus === 'tokenSecret' ? [['Ctrl-R', state.secretVisible ? 'hide secret' : 'show secret'] as const] : []),
				quit,
			];
		}

		case 'review': {
			return [['Enter', 'save & test'], ['Esc', 'back'], ...scroll, quit];
		}

		case 'verify': {
			const {verify} = state;
			if (state.view === 'curl') {
				return [['c', 'back to the result'], ['Esc', 'back to the result'], ...scroll];
			}

			if (verify.phase === 'running' && verify.stopping) {
				return [['Ctrl-C', 'quit now, without waiting for the sign-out']];
			}

			if (verify.phase === 'running' || verify.phase === 'idle' || state.save.phase === 'saving') {
				return [['c', 'curl commands'], ...scroll, ['Ctrl-C', 'quit (nothing is saved)']];
			}

			if (verify.phase === 'done' && verify.result.ok) {
				return [
					['Enter', finish],
					...(movedAddress(state) === null ? [] : [['u', 'use the new address'] as const]),
					...extraFailureActions.flatMap(action => (action.successLabel === undefined ? [] : [[action.key, action.successLabel] as const])),
					['q', finish === 'finish' ? 'finish' : 'quit'],
					['r', state.save.phase === 'failed' ? 'save again' : 'test again'],
					['c', 'curl commands'],
					...scroll,
				];
			}

			return [
				['e', 'edit'],
				...(movedAddress(state) === null ? [] : [['u', 'use the new address'] as const]),
				['r', 'retry'],
				...(state.saved ? [] : [['s', 'save anyway'] as const]),
				...extraFailureActions.map(action => [action.key, action.label] as const),
				['c', 'curl'],
				['q', 'quit'],
				['Esc', 'review'],
				...scroll,
			];
		}

		default: {
			// On the first step there is nothing to go back to: Esc quits, like Ctrl-C.
			return [['Enter', state.step === 'needs' ? 'start' : 'next'], ['Esc', state.step === 'needs' ? 'quit' : 'back'], ...scroll, quit];
		}
	}
}
