import type {Dispatch} from 'react';
import {useInput} from 'ink';
import type {HomeAction} from './reducer.js';

/** Rows one PgUp/PgDn moves the details. */
const page = 5;

const letters: Record<string, HomeAction> = {
	t: {type: 'test-selected'},
	a: {type: 'test-all'},
	e: {type: 'edit'},
	d: {type: 'ask-remove'},
	n: {type: 'add'},
	u: {type: 'use-moved-address'},
	q: {type: 'quit'},
	k: {type: 'move', by: -1},
	j: {type: 'move', by: 1},
};

/** Keys of the list: arrows select, letters act on the selected profile or on all of them. */
export function useBrowseKeys(dispatch: Dispatch<HomeAction>, isActive: boolean): void {
	useInput(
		(input, key) => {
			if (key.upArrow) {
				dispatch({type: 'move', by: -1});
			} else if (key.downArrow) {
				dispatch({type: 'move', by: 1});
			} else if (key.pageUp || key.pageDown) {
				dispatch({type: 'scroll', by: key.pageUp ? -page : page});
			} else if (key.return) {
				dispatch({type: 'test-selected'});
			} else if (!key.ctrl && !key.meta) {
				// Keys typed faster than the screen redraws arrive together ("jj"): each one counts.
				for (const letter of input) {
					const action = letters[letter];
					if (action) {
						dispatch(action);
					}
				}
			}
		},
		{isActive},
	);
}

/** Keys of the removal question: y removes, n or Esc keeps. */
export function useConfirmKeys(dispatch: Dispatch<HomeAction>, isActive: boolean): void {
	useInput(
		(input, key) => {
			const answer = input.slice(0, 1).toLowerCase();
			if (answer === 'y') {
				dispatch({type: 'confirm-remove'});
			} else if (answer === 'n' || key.escape) {
				dispatch({type: 'cancel-remove'});
			}
		},
		{isActive},
	);
}
