// The screens' keymaps read as tables, without rendering: what a key press does in each state, and
// which keys a remedy may name. The screens' own tests press keys in a rendered frame; these reach the
// states a frame rarely shows (the test not yet started, the curl view, the remove confirmation).
import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {bindingFor, hintsOf, offeredKeys, type Keymap} from '../../source/ui/components/keymap.js';
import {homeKeymap} from '../../source/ui/home/keymap.js';
import {homeReducer, initialHomeState, type HomeState} from '../../source/ui/home/reducer.js';
import {wizardKeymap, type WizardKeymapOptions} from '../../source/ui/wizard/keymap.js';
import {initialWizardState} from '../../source/ui/wizard/reducer.js';
import type {WizardState} from '../../source/ui/wizard/state.js';
import {fakeResult} from '../helpers/verification.js';

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** What pressing a key does: its action, or undefined when the keymap does not answer it. */
function press<Action>(keymap: Keymap<Action>, input: string, key: Partial<Key> = {}): Action | null | undefined {
	return bindingFor(keymap, {input, key: {...noKey, ...key}})?.action;
}

describe('the home screen', () => {
	const profiles = [{name: 'acme', server: 'https://acme.example.com', site: 'acme', tokenName: 'Parable Integration', lastVerification: null}];
	const browsing = initialHomeState({profiles, limit: 2});
	const confirming = homeReducer(browsing, {type: 'ask-remove'});

	test('asking to remove: y removes, n and Esc keep it, and only y and n are listed', () => {
		const keymap = homeKeymap(confirming);
		expect(press(keymap, 'y')).toEqual({type: 'confirm-remove'});
		expect(press(keymap, 'n')).toEqual({type: 'cancel-remove'});
		expect(press(keymap, '', {escape: true})).toEqual({type: 'cancel-remove'});
		expect(hintsOf(keymap)).toEqual([
			['y', 'remove'],
			['n', 'keep'],
		]);
		expect(homeReducer(confirming, {type: 'cancel-remove'}).mode).toEqual({kind: 'browse'});
	});

	test('PgUp and PgDn scroll the details by a page, unlisted', () => {
		const keymap = homeKeymap(browsing);
		expect(press(keymap, '', {pageUp: true})).toEqual({type: 'scroll', by: -5});
		expect(press(keymap, '', {pageDown: true})).toEqual({type: 'scroll', by: 5});
		expect(hintsOf(keymap).map(([key]) => key)).not.toContain('PgUp');
	});

	test('w (save trace) is offered only when the caller can save traces, even with a failed test selected', () => {
		let failed: HomeState = homeReducer(browsing, {type: 'test-selected'});
		const run = failed.tests.tests.get('acme')!.run;
		failed = homeReducer(failed, {
			type: 'test-finished',
			name: 'acme',
			run,
			result: fakeResult({code: 'signin-failed'}),
			at: '2026-12-04T03:00:00.000Z',
			recordError: null,
		});
		expect(failed.tests.tests.get('acme')?.phase).toBe('done');
		expect(press(homeKeymap(failed, {saveTrace: true}), 'w')).toEqual({type: 'save-trace'});
		expect(press(homeKeymap(failed), 'w')).toBeUndefined();
		expect(press(homeKeymap(failed, {saveTrace: false}), 'w')).toBeUndefined();
	});

	test('a failed removal of another profile than the one being removed changes nothing', () => {
		const removing = homeReducer(confirming, {type: 'confirm-remove'});
		expect(removing.mode).toEqual({kind: 'removing', name: 'acme'});
		expect(homeReducer(removing, {type: 'remove-failed', name: 'other', message: 'locked'})).toBe(removing);
		expect(homeReducer(removing, {type: 'remove-failed', name: 'acme', message: 'locked'}).mode).toEqual({kind: 'browse'});
	});
});

describe('the wizard', () => {
	const options: WizardKeymapOptions = {extras: [], finish: 'finish', quitKey: false, active: true, signOutOnCtrlC: true, saveTrace: false};
	const at = (overrides: Partial<WizardState>): WizardState => ({...initialWizardState(), ...overrides});

	test('Review: Enter saves and tests, Esc goes back, the arrows and PgUp/PgDn scroll', () => {
		const keymap = wizardKeymap(at({step: 'review'}), {...options, page: 7});
		expect(press(keymap, '\r', {return: true})).toEqual({kind: 'dispatch', action: {type: 'next'}});
		expect(press(keymap, '', {escape: true})).toEqual({kind: 'dispatch', action: {type: 'back'}});
		expect(press(keymap, '', {upArrow: true})).toEqual({kind: 'dispatch', action: {type: 'scroll', by: -1}});
		expect(press(keymap, '', {pageUp: true})).toEqual({kind: 'dispatch', action: {type: 'scroll', by: -7}});
		expect(press(keymap, '', {pageDown: true})).toEqual({kind: 'dispatch', action: {type: 'scroll', by: 7}});
		// A key no binding names does nothing, though it too types no letter.
		expect(press(keymap, '', {home: true})).toBeUndefined();
		expect(hintsOf(keymap)).toEqual([
			['Enter', 'test & save'],
			['Esc', 'back'],
			['Ctrl-C', 'quit'],
		]);
	});

	test('started from the home screen, the keys that end the wizard say they go back to it, and do what they did', () => {
		const leaving = {...options, leave: 'back to your profiles'};
		const first = wizardKeymap(at({step: 'needs'}), leaving);
		expect(hintsOf(first)).toEqual([
			['Enter', 'start'],
			['Esc', 'back to your profiles'],
			['Ctrl-C', 'back to your profiles'],
		]);
		expect(press(first, '', {escape: true})).toEqual(press(wizardKeymap(at({step: 'needs'}), options), '', {escape: true}));
		expect(hintsOf(wizardKeymap(at({step: 'verify'}), leaving))).toContainEqual(['Ctrl-C', 'back to your profiles (nothing is saved)']);
		const failed = {step: 'verify', verify: {phase: 'done', result: fakeResult({code: 'signin-failed'})}} as Partial<WizardState>;
		expect(hintsOf(wizardKeymap(at(failed), leaving))).toContainEqual(['q', 'back to your profiles']);
		expect(hintsOf(wizardKeymap(at({step: 'review'}), leaving))).toContainEqual(['Enter', 'test & save']);
	});

	test('a field step pages by the default when the caller gives no page', () => {
		const keymap = wizardKeymap(at({step: 'server'}), options);
		expect(press(keymap, '', {pageUp: true})).toEqual({kind: 'dispatch', action: {type: 'scroll', by: -5}});
		expect(press(keymap, '', {pageDown: true})).toEqual({kind: 'dispatch', action: {type: 'scroll', by: 5}});
	});

	test('the last step before its test has started reads as a running test: Ctrl-C quits, nothing is saved', () => {
		const keymap = wizardKeymap(at({step: 'verify'}), options);
		expect(hintsOf(keymap)).toContainEqual(['Ctrl-C', 'quit (nothing is saved)']);
		expect(press(keymap, '\r', {return: true})).toBeUndefined();
	});

	test('over the curl commands, c and Esc go back to the result', () => {
		const keymap = wizardKeymap(
			at({step: 'verify', view: 'curl', verify: {phase: 'done', result: fakeResult({code: 'signin-failed'})}} as Partial<WizardState>),
			options,
		);
		expect(hintsOf(keymap)).toEqual([
			['c', 'back to the result'],
			['Esc', 'back to the result'],
		]);
		expect(press(keymap, 'c')).toEqual({kind: 'dispatch', action: {type: 'toggle-curl'}});
		expect(press(keymap, '', {escape: true})).toEqual({kind: 'dispatch', action: {type: 'back'}});
	});
});

test('a remedy names the first available key of its role', () => {
	const keymap = [
		{key: 'x', label: 'gone', action: null, available: false, remedy: 'edit'},
		{key: 'e', label: 'edit', action: null, available: true, remedy: 'edit'},
		{key: 'E', label: 'edit again', action: null, available: true, remedy: 'edit'},
	] as const;
	expect(offeredKeys(keymap)).toEqual({edit: {key: 'e', label: 'edit'}});
});
