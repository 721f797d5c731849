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
Keys of the form steps. Every edit is an action, so the reducer applies each keystroke to the
latest value, however fast they come.
*/
export function useFormKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	useInput(
		(input, key) => {
			if (key.return || input === '\n') {
				dispatch({type: 'next'});
			} else if (key.escape) {
				dispatch({type: 'back'});
			} else if (key.tab) {
				dispatch({type: key.shift ? 'focus-previous' : 'focus-next'});
			} else if (key.upArrow) {
				dispatch({type: 'focus-previous'});
			} else if (key.downArrow) {
				dispatch({type: 'focus-next'});
			} else if (key.pageUp || key.pageDown) {
				dispatch({type: 'scroll', by: key.pageUp ? -page : page});
			} else if (key.leftArrow) {
				dispatch({type: 'move-cursor', to: 'left'});
			} else if (key.rightArrow) {
				dispatch({type: 'move-cursor', to: 'right'});
			} else if (key.home) {
				dispatch({type: 'move-cursor', to: 'start'});
			} else if (key.end) {
				dispatch({type: 'move-cursor', to: 'end'});
			} else if (key.backspace || key.delete) {
				// Most terminals send DEL (0x7f) for Backspace, which Ink names "delete".
				dispatch({type: 'delete-backward'});
			} else if (key.ctrl) {
				const action = (
					{u: {type: 'clear-field'}, a: {type: 'move-cursor', to: 'start'}, e: {type: 'move-cursor', to: 'end'}, r: {type: 'toggle-secret'}} as const
				)[input as 'u' | 'a' | 'e' | 'r'];
				if (action) {
					dispatch(action);
				}
			} else if (!key.meta && input !== '') {
				dispatch({type: 'insert', text: input});
			}
		},
		{isActive},
	);
}
