import type {RemedyFrame} from '../../verify/remedy-frame.js';
import {offeredKeys, type Binding, type Keymap} from '../components/keymap.js';
import {movedAddress} from './test-and-save.js';
import type {WizardAction, WizardState} from './state.js';
import type {FailureAction} from './screens/VerifyScreen.js';

/** What a wizard key does: an action for the reducer, a caller's extra key (the demo's), a store check, or the caller's q. */
export type WizardKey =
	| {kind: 'dispatch'; action: WizardAction}
	| {kind: 'extra'; extra: FailureAction}
	| {kind: 'check-store'; thenNext: boolean}
	| {kind: 'quit'}
	| {kind: 'back-out'};

export type WizardKeymapOptions = {
	readonly extras: readonly FailureAction[];
	/** What Enter does after a passing test; "finish" unless the caller goes on (the demo's "back to the scenarios"). */
	readonly finish: string;
	/** Whether the caller takes q where no text field has the keys (the demo). */
	readonly quitKey: boolean;
	/** False while the caller's own screen has the keys (the demo's picker): only Ctrl-C is the wizard's then. */
	readonly active: boolean;
	readonly signOutOnCtrlC: boolean;
	/** Rows one PgUp/PgDn moves: the height of the screen's viewport. */
	readonly page?: number;
	/** What Esc on the first step does when the caller takes it (the demo: back to its scenarios); without it Esc quits there. */
	readonly backOut?: string | null;
	/** Whether the caller can save a failed test's trace (w). */
	readonly saveTrace: boolean;
	/** What ending the wizard is called where it does not end the program: the home screen's "back to your profiles". */
	readonly leave?: string;
};

/** Rows one PgUp/PgDn moves where the caller does not say. */
const defaultPage = 5;

type Entry = Binding<WizardKey>;

function send(action: WizardAction): WizardKey {
	return {kind: 'dispatch', action};
}

function key(name: string, label: string, action: WizardKey | null, more: Partial<Entry> = {}): Entry {
	return {key: name, label, action, available: true, ...more};
}

function scrolling(page = defaultPage): Entry[] {
	return [
		key('↑', 'scroll up', send({type: 'scroll', by: -1}), {listed: false}),
		key('↓', 'scroll down', send({type: 'scroll', by: 1}), {listed: false}),
		key('PgUp', 'page up', send({type: 'scroll', by: -page}), {listed: false}),
		key('PgDn', 'page down', send({type: 'scroll', by: page}), {listed: false}),
	];
}

/** The phases of the last step that decide its keys. */
export type VerifyKeysOf = {
	readonly phase: 'curl' | 'stopping' | 'running' | 'passed' | 'failed';
	readonly moved: boolean;
	readonly saved: boolean;
	readonly saveFailed: boolean;
	/** A failed test's trace can be saved now (the caller keeps traces, and none is being written). */
	readonly traceable: boolean;
};

function verifyPhase(state: WizardState, saveTrace: boolean): VerifyKeysOf {
	const {verify} = state;
	const base = {
		moved: movedAddress(state) !== null,
		saved: state.saved !== null,
		saveFailed: state.save.phase === 'failed',
		traceable: saveTrace && state.trace.phase !== 'saving',
	};
	if (state.view === 'curl') {
		return {...base, phase: 'curl'};
	}

	if (verify.phase === 'running' && verify.stopping) {
		return {...base, phase: 'stopping'};
	}

	if (verify.phase === 'running' || verify.phase === 'idle' || state.save.phase === 'saving') {
		return {...base, phase: 'running'};
	}

	return {...base, phase: verify.phase === 'done' && verify.result.ok ? 'passed' : 'failed'};
}

/** The keys of the last step: while the test runs, after it passed or failed, and over the curl commands. */
export function verifyKeys(of: VerifyKeysOf, options: Pick<WizardKeymapOptions, 'extras' | 'finish' | 'page'>): Entry[] {
	const curl = send({type: 'toggle-curl'});
	switch (of.phase) {
		case 'curl': {
			return [key('c', 'back to the result', curl), key('Esc', 'back to the result', send({type: 'back'})), ...scrolling(options.page)];
		}

		case 'stopping':
		case 'running': {
			return [
				key('c', 'curl commands', curl, {listed: of.phase === 'running'}),
				key('Esc', 'back', send({type: 'back'}), {listed: false}),
				...scrolling(options.page),
			];
		}

		case 'passed': {
			return [
				key('Enter', options.finish, send({type: 'next'})),
				key('u', 'use the new address', send({type: 'use-new-address'}), {available: of.moved, remedy: 'use-address'}),
				...options.extras.flatMap(extra => (extra.successLabel === undefined ? [] : [key(extra.key, extra.successLabel, {kind: 'extra', extra})])),
				key('q', options.finish === 'finish' ? 'finish' : 'quit', send({type: 'quit'})),
				key('r', of.saveFailed ? 'save again' : 'test again', send({type: 'start-verification'}), {remedy: of.saveFailed ? undefined : 'retry'}),
				key('c', 'curl commands', curl),
				key('Esc', 'back', send({type: 'back'}), {listed: false}),
				...scrolling(options.page),
			];
		}

		case 'failed': {
			return [
				key('e', 'edit', send({type: 'edit'}), {remedy: 'edit'}),
				key('u', 'use the new address', send({type: 'use-new-address'}), {available: of.moved, remedy: 'use-address'}),
				key('r', 'retry', send({type: 'start-verification'}), {remedy: 'retry'}),
				key('s', 'save anyway', send({type: 'save-anyway'}), {available: !of.saved}),
				...options.extras.map(extra => key(extra.key, extra.label, {kind: 'extra', extra})),
				key('c', 'curl', curl),
				key('w', 'save trace', send({type: 'save-trace'}), {available: of.traceable}),
				key('q', 'quit', send({type: 'quit'})),
				key('Esc', 'review', send({type: 'back'})),
				key('Enter', 'next', send({type: 'next'}), {listed: false}),
				...scrolling(options.page),
			];
		}
	}
}

function stepKeys(state: WizardState, options: WizardKeymapOptions): Entry[] {
	const quit = key('q', 'quit', {kind: 'quit'}, {available: options.quitKey && state.focus === null});
	switch (state.step) {
		case 'server':
		case 'credentials': {
			return [
				// The text field takes Enter and Ctrl-U itself.
				key('Enter', 'next', null),
				key('Tab', 'next field', send({type: 'focus-next'})),
				key('Shift-Tab', 'previous field', send({type: 'focus-previous'}), {listed: false}),
				key('↑', 'previous field', send({type: 'focus-previous'}), {listed: false}),
				key('↓', 'next field', send({type: 'focus-next'}), {listed: false}),
				key('PgUp', 'page up', send({type: 'scroll', by: -(options.page ?? defaultPage)}), {listed: false}),
				key('PgDn', 'page down', send({type: 'scroll', by: options.page ?? defaultPage}), {listed: false}),
				key('Esc', 'back', send({type: 'back'})),
				key('Ctrl-U', 'clear', null),
				key('Ctrl-R', state.secretVisible ? 'hide secret' : 'show secret', send({type: 'toggle-secret'}), {available: state.focus === 'tokenSecret'}),
				quit,
			];
		}

		case 'review': {
			if (state.storeProblem !== null) {
				// The test signs out other sessions of the token: it waits until its result can be saved.
				return [
					key('r', 'check again', {kind: 'check-store', thenNext: false}),
					key('Enter', 'check again', {kind: 'check-store', thenNext: true}, {listed: false}),
					key('Esc', 'back', send({type: 'back'})),
				];
			}

			return [key('Enter', 'test & save', send({type: 'next'})), key('Esc', 'back', send({type: 'back'})), ...scrolling(options.page), quit];
		}

		case 'verify': {
			return verifyKeys(verifyPhase(state, options.saveTrace), options);
		}

		default: {
			// On the first step there is nothing to go back to: Esc quits, like Ctrl-C.
			const first = state.step === 'needs';
			const esc = first && options.backOut ? key('Esc', options.backOut, {kind: 'back-out'}) : key('Esc', first ? 'quit' : 'back', send({type: 'back'}));
			return [key('Enter', first ? 'start' : 'next', send({type: 'next'})), esc, ...scrolling(options.page), quit];
		}
	}
}

const ctrlCLabels: Record<VerifyKeysOf['phase'], string> = {
	curl: 'quit',
	stopping: 'quit now, without waiting for the sign-out',
	running: 'quit (nothing is saved)',
	passed: 'quit',
	failed: 'quit',
};

/** Every key of the wizard right now, in the footer's order. */
export function wizardKeymap(state: WizardState, options: WizardKeymapOptions): Keymap<WizardKey> {
	const phase = state.step === 'verify' ? verifyPhase(state, options.saveTrace).phase : null;
	const ctrlC = key('Ctrl-C', phase ? ctrlCLabels[phase] : 'quit', send({type: 'cancel', signOutFirst: options.signOutOnCtrlC}), {
		// After a result and over the curl commands it works as everywhere, but the footer names q and c as the ways out.
		listed: phase === null || phase === 'running' || phase === 'stopping',
	});
	const steps = stepKeys(state, options).map(entry => (options.active ? entry : {...entry, available: false}));
	const leave = options.leave;
	// Quitting the wizard started from the home screen goes back there: the keys say so.
	return [...steps, ctrlC].map(entry => (leave && entry.label.startsWith('quit') ? {...entry, label: `${leave}${entry.label.slice('quit'.length)}`} : entry));
}

/**
The keys a remedy may name in this wizard: those of the result screens, where remedies are read. An
address to move to is offered whenever a remedy names one (the result then carries it).
*/
export function wizardRemedyFrame(options: Pick<WizardKeymapOptions, 'extras' | 'finish'>, commands: boolean): RemedyFrame {
	// No remedy names the trace key: the trace hint is the screen's own, not a step of a remedy.
	const of = {moved: true, saved: false, saveFailed: false, traceable: false};
	return {
		kind: 'keys',
		failure: offeredKeys(verifyKeys({...of, phase: 'failed'}, options)),
		success: offeredKeys(verifyKeys({...of, phase: 'passed'}, options)),
		commands,
	};
}
