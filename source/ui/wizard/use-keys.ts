import type {Dispatch} from 'react';
import {useInput} from 'ink';
import type {WizardAction} from './reducer.js';

/** Rows one PgUp/PgDn moves. */
const page = 5;

/** Keys of the read-only steps: Enter on, Esc back, arrows and PgUp/PgDn scroll. */
export function useReadingKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	useInput(
		(input, key) => {
			if (key.return || input === '\n') {
				dispatch({type: 'next'});
			} else if (key.escape) {
				dispatch({type: 'back'});
			} else if (key.upArrow || key.pageUp) {
				dispatch({type: 'scroll', by: key.pageUp ? -page : -1});
			} else if (key.downArrow || key.pageDown) {
				dispatch({type: 'scroll', by: key.pageDown ? page : 1});
			}
		},
		{isActive},
	);
}

/**
Keys of the form steps around the focused field. The field itself (ink-text-input) takes the text,
Backspace, ←→ and Enter; Ctrl-U is the field's own (TextField).
*/
export function useFormKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	useInput(
		(input, key) => {
			if (key.escape) {
				dispatch({type: 'back'});
			} else if (key.tab) {
				dispatch({type: key.shift ? 'focus-previous' : 'focus-next'});
			} else if (key.upArrow) {
				dispatch({type: 'focus-previous'});
			} else if (key.downArrow) {
				dispatch({type: 'focus-next'});
			} else if (key.pageUp || key.pageDown) {
				dispatch({type: 'scroll', by: key.pageUp ? -page : page});
			} else if (key.ctrl && input === 'r') {
				dispatch({type: 'toggle-secret'});
			}
		},
		{isActive},
	);
}
