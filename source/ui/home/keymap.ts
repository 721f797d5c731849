import type {RemedyFrame} from '../../verify/remedy-frame.js';
import {offeredKeys, type Binding, type Keymap} from '../components/keymap.js';
import {isBusy} from '../profile-tests/tests-reducer.js';
import {failedTest, movedAddress, type HomeAction, type HomeState} from './reducer.js';

/** Rows one PgUp/PgDn moves the details. */
const page = 5;

type Entry = Binding<HomeAction>;

function key(name: string, label: string, action: HomeAction | null, more: Partial<Entry> = {}): Entry {
	return {key: name, label, action, available: true, ...more};
}

/** The list's keys: while tests run only selecting and testing are listed; the rest answer that tests are running. */
function browseKeys(of: {moved: boolean; busy: boolean; traceable: boolean}): Entry[] {
	const idle = {listed: !of.busy};
	return [
		key('↑↓', 'select', null),
		key('↑', 'select the one above', {type: 'move', by: -1}, {listed: false}),
		key('↓', 'select the one below', {type: 'move', by: 1}, {listed: false}),
		key('k', 'select the one above', {type: 'move', by: -1}, {listed: false}),
		key('j', 'select the one below', {type: 'move', by: 1}, {listed: false}),
		key('PgUp', 'scroll the details up', {type: 'scroll', by: -page}, {listed: false}),
		key('PgDn', 'scroll the details down', {type: 'scroll', by: page}, {listed: false}),
		key('t', 'test', {type: 'test-selected'}, {remedy: 'retry'}),
		key('Enter', 'test', {type: 'test-selected'}, {listed: false}),
		key('u', 'use the new address', {type: 'use-moved-address'}, {available: of.moved, listed: !of.busy, remedy: 'use-address'}),
		key('a', 'test all', {type: 'test-all'}),
		key('w', 'save trace', {type: 'save-trace'}, {available: of.traceable, listed: !of.busy}),
		key('e', 'edit', {type: 'edit'}, {...idle, remedy: 'edit'}),
		key('r', 'rotate token', {type: 'rotate'}, {...idle, remedy: 'rotate'}),
		key('d', 'remove', {type: 'ask-remove'}, idle),
		key('n', 'new', {type: 'add'}, idle),
		key('q', 'quit', {type: 'quit'}, idle),
		key('Ctrl-C', 'stop', {type: 'interrupt'}, {listed: of.busy}),
	];
}

/** Every key of the home screen right now, in the footer's order; `saveTrace`: whether the caller can save a failed test's trace (w). */
export function homeKeymap(state: HomeState, {saveTrace = false}: {saveTrace?: boolean} = {}): Keymap<HomeAction> {
	switch (state.mode.kind) {
		case 'confirm-remove': {
			return [
				key('y', 'remove', {type: 'confirm-remove'}),
				key('n', 'keep', {type: 'cancel-remove'}),
				key('Esc', 'keep', {type: 'cancel-remove'}, {listed: false}),
				key('Ctrl-C', 'quit', {type: 'interrupt'}, {listed: false}),
			];
		}

		case 'removing': {
			return [key('Ctrl-C', 'quit', {type: 'interrupt'})];
		}

		case 'browse': {
			if (state.profiles.length === 0) {
				return [key('n', 'new profile', {type: 'add'}), key('q', 'quit', {type: 'quit'}), key('Ctrl-C', 'quit', {type: 'interrupt'}, {listed: false})];
			}

			return browseKeys({
				moved: movedAddress(state) !== null,
				busy: isBusy(state.tests),
				traceable: saveTrace && failedTest(state) !== null && state.traceSave === null,
			});
		}
	}
}

/** The keys a remedy may name under a profile's test: the list's, where the result is read; an address to move to is offered whenever a remedy names one. */
export function homeRemedyFrame(): RemedyFrame {
	const offered = offeredKeys(browseKeys({moved: true, busy: false, traceable: false}));
	return {kind: 'keys', failure: offered, success: offered, commands: true};
}
