import type {Dispatch} from 'react';
import {useLetterKeys} from '../components/use-letter-keys.js';
import type {HomeAction} from './reducer.js';

/** Rows one PgUp/PgDn moves the details. */
const page = 5;

/**
What each letter asks for. Both the list's and the removal question's letters are here: the reducer
acts only on what fits the state it is in, so letters typed together act as if typed one by one
("dy" asks, then removes; "dn" asks, then keeps, and n does not also open the wizard).
*/
const letters: Record<string, readonly HomeAction[]> = {
	t: [{type: 'test-selected'}],
	a: [{type: 'test-all'}],
	e: [{type: 'edit'}],
	r: [{type: 'rotate'}],
	d: [{type: 'ask-remove'}],
	n: [{type: 'add'}, {type: 'cancel-remove'}],
	y: [{type: 'confirm-remove'}],
	u: [{type: 'use-moved-address'}],
	q: [{type: 'quit'}],
	k: [{type: 'move', by: -1}],
	j: [{type: 'move', by: 1}],
};

/** Keys of the home screen: arrows select, letters act on the selected profile or on all of them, y/n/Esc answer the removal question. */
export function useHomeKeys(dispatch: Dispatch<HomeAction>, isActive: boolean): void {
	useLetterKeys(
		(input, key) => {
			if (key.upArrow) {
				dispatch({type: 'move', by: -1});
			} else if (key.downArrow) {
				dispatch({type: 'move', by: 1});
			} else if (key.pageUp || key.pageDown) {
				dispatch({type: 'scroll', by: key.pageUp ? -page : page});
			} else if (key.return) {
				dispatch({type: 'test-selected'});
			} else if (key.escape) {
				dispatch({type: 'cancel-remove'});
			} else if (!key.ctrl && !key.meta) {
				for (const action of letters[input.toLowerCase()] ?? []) {
					dispatch(action);
				}
			}
		},
		{isActive},
	);
}
