import type {KeyHint} from '../components/Footer.js';
import {isBusy} from '../profile-tests/tests-reducer.js';
import {movedAddress, type HomeState} from './reducer.js';

/** The keys that work right now, for the footer. */
export function homeKeyHints(state: HomeState): KeyHint[] {
	if (state.mode.kind === 'confirm-remove') {
		return [
			['y', 'remove'],
			['n', 'keep'],
		];
	}

	if (state.mode.kind === 'removing') {
		return [['Ctrl-C', 'quit']];
	}

	if (state.profiles.length === 0) {
		return [
			['n', 'new profile'],
			['q', 'quit'],
		];
	}

	if (isBusy(state.tests)) {
		return [
			['↑↓', 'select'],
			['t', 'test'],
			['a', 'test all'],
			['Ctrl-C', 'stop'],
		];
	}

	return [
		['↑↓', 'select'],
		['t', 'test'],
		...(movedAddress(state) === null ? [] : ([['u', 'use the new address']] as KeyHint[])),
		['a', 'test all'],
		['e', 'edit'],
		['r', 'rotate token'],
		['d', 'remove'],
		['n', 'new'],
		['q', 'quit'],
	];
}
