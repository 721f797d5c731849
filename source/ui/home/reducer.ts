import {addressToUse} from '../../verify/address-to-use.js';
import {runSummary} from '../../verify/labels.js';
import type {Tone} from '../components/Paint.js';
import {savedTraceText} from '../checks/saved-trace.js';
import {initialTestsState, isBusy, isTestsAction, testsReducer, type TestsAction, type TestsState} from '../profile-tests/tests-reducer.js';
import type {ProfileSummary} from '../profile-tests/types.js';

/** A line under the title: what just happened, or why a key did nothing. */
export type Notice = {tone: Tone; text: string};

/** What the home screen is doing with its keys: browsing, or asking whether to remove a profile. */
export type HomeMode = {kind: 'browse'} | {kind: 'confirm-remove'; name: string} | {kind: 'removing'; name: string};

/** How the home screen ended; `home.ts` runs the wizard for `edit` and `add`, then comes back. */
export type HomeOutcome =
	| {kind: 'quit'}
	/** Ctrl-C; `testsRunning` says that tests were still in flight, which would hold the process until they end. */
	| {kind: 'interrupted'; testsRunning: boolean}
	| {kind: 'edit'; profile: string}
	/** Replace the selected profile's token: `home.ts` hands the terminal to `rotate`, then comes back. */
	| {kind: 'rotate'; profile: string}
	| {kind: 'add'};

export type HomeState = {
	profiles: readonly ProfileSummary[];
	/** Index of the selected profile (0 when there is none). */
	selected: number;
	tests: TestsState;
	mode: HomeMode;
	notice: Notice | null;
	/** Rows of the selected profile's details scrolled past, and how far they can scroll. */
	scroll: number;
	scrollMax: number;
	outcome: HomeOutcome | null;
	/** A profile whose server is being replaced by the address its last test was moved to. */
	move: {name: string; server: string} | null;
	/** The profiles of the running "test all" (a), in list order, for its summary line when the last one ends. */
	allRun: readonly string[] | null;
	/** The profile whose failed test's trace is being written (w). */
	traceSave: {name: string} | null;
};

export type HomeAction =
	| TestsAction
	| {type: 'move'; by: number}
	| {type: 'test-selected'}
	| {type: 'test-all'}
	| {type: 'ask-remove'}
	| {type: 'cancel-remove'}
	| {type: 'confirm-remove'}
	| {type: 'removed'; name: string; profiles: readonly ProfileSummary[]}
	/** The store as read again: another process may have added, changed or removed profiles. */
	| {type: 'profiles-read'; profiles: readonly ProfileSummary[]}
	| {type: 'remove-failed'; name: string; message: string}
	| {type: 'edit'}
	| {type: 'rotate'}
	| {type: 'add'}
	| {type: 'quit'}
	| {type: 'interrupt'}
	| {type: 'use-moved-address'}
	| {type: 'moved'; name: string; server: string; profiles: readonly ProfileSummary[]}
	| {type: 'move-failed'; name: string; message: string}
	| {type: 'scroll'; by: number}
	| {type: 'set-scroll-limit'; max: number}
	/** w under a failed test: the caller writes that test's trace. */
	| {type: 'save-trace'}
	| {type: 'trace-saved'; name: string; path: string}
	| {type: 'trace-failed'; name: string; message: string};

export type HomeInit = {
	profiles: readonly ProfileSummary[];
	/** The profile to select first (the one just edited or added); the first one otherwise. */
	select?: string | null;
	notice?: Notice | null;
	/** How many tests run at once. */
	limit: number;
};

export const busyNotice: Notice = {tone: 'warn', text: '! Tests are running: wait for them to end, or press Ctrl-C to stop now.'};

function clamp(index: number, count: number): number {
	return Math.max(0, Math.min(count - 1, index));
}

export function initialHomeState({profiles, select = null, notice = null, limit}: HomeInit): HomeState {
	const index = select === null ? 0 : profiles.findIndex(profile => profile.name === select);
	return {
		profiles,
		selected: Math.max(0, index),
		tests: initialTestsState(limit),
		mode: {kind: 'browse'},
		notice,
		scroll: 0,
		scrollMax: 0,
		outcome: null,
		move: null,
		allRun: null,
		traceSave: null,
	};
}

/** The address the selected profile's last test here was moved to (the `redirected` warning), if any. */
export function movedAddress(state: HomeState): string | null {
	const selected = selectedProfile(state);
	const test = selected ? state.tests.tests.get(selected.name) : undefined;
	if (test?.phase !== 'done') {
		return null;
	}

	return addressToUse(test.result);
}

/** The selected profile's test in this session when it failed, so its trace can be saved; null otherwise. */
export function failedTest(state: HomeState): string | null {
	const selected = selectedProfile(state);
	const test = selected ? state.tests.tests.get(selected.name) : undefined;
	return (test?.phase === 'done' && !test.result.ok) || test?.phase === 'crashed' ? selected!.name : null;
}

/** The selected profile, or undefined when none is saved. */
export function selectedProfile(state: HomeState): ProfileSummary | undefined {
	return state.profiles[state.selected];
}

function withTests(state: HomeState, action: TestsAction): HomeState {
	const tests = testsReducer(state.tests, action);
	if (tests === state.tests) {
		return state;
	}

	const next = {...state, tests};
	if (action.type === 'test-finished' && action.recordError !== null) {
		return {...next, notice: {tone: 'warn', text: `! The result of "${action.name}" could not be recorded: ${action.recordError}`}};
	}

	return next.allRun !== null && (action.type === 'test-finished' || action.type === 'test-crashed') ? withAllRunSummary(next, next.allRun) : next;
}

/** When every test of "test all" has ended: the same last line as `test --all` ("✗ 6 of 7 profiles verified; failed: …"). */
function withAllRunSummary(state: HomeState, names: readonly string[]): HomeState {
	const ended = names.map(name => state.tests.tests.get(name));
	if (!ended.every(test => test?.phase === 'done' || test?.phase === 'crashed')) {
		return state;
	}

	// Stryker disable next-line OptionalChaining: every test is there, the check above returned otherwise; the type does not know it.
	const results = ended.map(test => (test?.phase === 'done' ? test.result : null));
	const allVerified = results.every(result => result?.ok);
	return {...state, allRun: null, notice: {tone: allVerified ? 'ok' : 'fail', text: `${allVerified ? '✓' : '✗'} ${runSummary(results, names)}`}};
}

/** Keys that leave the screen or change the store wait until no test is running. */
function whenIdle(state: HomeState, change: (state: HomeState) => HomeState): HomeState {
	return isBusy(state.tests) ? {...state, notice: busyNotice} : change(state);
}

/** The home screen's only state transition function. Pure: effects run the tests and the removal. */
export function homeReducer(state: HomeState, action: HomeAction): HomeState {
	if (state.outcome !== null) {
		return state;
	}

	if (isTestsAction(action)) {
		return withTests(state, action);
	}

	const browsing = state.mode.kind === 'browse';
	const selected = selectedProfile(state);
	switch (action.type) {
		case 'move': {
			const index = clamp(state.selected + action.by, state.profiles.length);
			return !browsing || index === state.selected ? state : {...state, selected: index, notice: null, scroll: 0, scrollMax: 0};
		}

		case 'test-selected': {
			return browsing && selected ? {...withTests(state, {type: 'queue-tests', names: [selected.name]}), notice: null, scroll: 0, allRun: null} : state;
		}

		case 'test-all': {
			const names = state.profiles.map(profile => profile.name);
			return browsing && names.length > 0 ? {...withTests(state, {type: 'queue-tests', names}), notice: null, scroll: 0, allRun: names} : state;
		}

		case 'ask-remove': {
			if (!browsing || !selected) {
				return state;
			}

			return whenIdle(state, idle => ({...idle, mode: {kind: 'confirm-remove', name: selected.name}, notice: null, scroll: 0}));
		}

		case 'cancel-remove': {
			return state.mode.kind === 'confirm-remove' ? {...state, mode: {kind: 'browse'}, notice: {tone: 'muted', text: `Kept "${state.mode.name}".`}} : state;
		}

		case 'confirm-remove': {
			return state.mode.kind === 'confirm-remove' ? {...state, mode: {kind: 'removing', name: state.mode.name}} : state;
		}

		case 'removed': {
			if (state.mode.kind !== 'removing' || state.mode.name !== action.name) {
				return state;
			}

			return {
				...state,
				profiles: action.profiles,
				selected: clamp(state.selected, action.profiles.length),
				tests: testsReducer(state.tests, {type: 'forget-test', name: action.name}),
				mode: {kind: 'browse'},
				notice: {
					tone: 'ok',
					text: `✓ Removed "${action.name}" from this computer. The token stays valid in Tableau: revoke it there (My Account Settings → Personal Access Tokens) if nothing else uses it.`,
				},
				scroll: 0,
				scrollMax: 0,
			};
		}

		case 'profiles-read': {
			if (JSON.stringify(action.profiles) === JSON.stringify(state.profiles)) {
				return state;
			}

			// The selection follows its profile by name; if that one went, the same position.
			const index = selected ? action.profiles.findIndex(profile => profile.name === selected.name) : -1;
			return {...state, profiles: action.profiles, selected: clamp(index === -1 ? state.selected : index, action.profiles.length)};
		}

		case 'remove-failed': {
			if (state.mode.kind !== 'removing' || state.mode.name !== action.name) {
				return state;
			}

			return {...state, mode: {kind: 'browse'}, notice: {tone: 'fail', text: `✗ "${action.name}" was not removed: ${action.message}`}};
		}

		case 'edit': {
			return browsing && selected ? whenIdle(state, idle => ({...idle, outcome: {kind: 'edit', profile: selected.name}})) : state;
		}

		case 'rotate': {
			return browsing && selected ? whenIdle(state, idle => ({...idle, outcome: {kind: 'rotate', profile: selected.name}})) : state;
		}

		case 'add': {
			return browsing ? whenIdle(state, idle => ({...idle, outcome: {kind: 'add'}})) : state;
		}

		case 'quit': {
			return browsing ? whenIdle(state, idle => ({...idle, outcome: {kind: 'quit'}})) : state;
		}

		case 'interrupt': {
			return {...state, outcome: {kind: 'interrupted', testsRunning: isBusy(state.tests)}};
		}

		case 'use-moved-address': {
			const server = movedAddress(state);
			if (!browsing || !selected || server === null || state.move !== null) {
				return state;
			}

			return whenIdle(state, idle => ({...idle, move: {name: selected.name, server}, notice: null}));
		}

		case 'moved': {
			return {
				...state,
				profiles: action.profiles,
				tests: testsReducer(state.tests, {type: 'forget-test', name: action.name}),
				move: null,
				notice: {tone: 'ok', text: `✓ "${action.name}" now uses ${action.server}. Press t to test it there.`},
			};
		}

		case 'move-failed': {
			return {...state, move: null, notice: {tone: 'fail', text: `✗ The server of "${action.name}" was not changed: ${action.message}`}};
		}

		case 'save-trace': {
			const name = failedTest(state);
			return browsing && name !== null && state.traceSave === null ? {...state, traceSave: {name}, notice: null} : state;
		}

		case 'trace-saved':
		case 'trace-failed': {
			if (state.traceSave?.name !== action.name) {
				return state;
			}

			return {
				...state,
				traceSave: null,
				notice:
					action.type === 'trace-saved'
						? {tone: 'ok', text: savedTraceText(action.path)}
						: {tone: 'fail', text: `✗ The trace of "${action.name}" was not saved: ${action.message}`},
			};
		}

		case 'scroll': {
			return {...state, scroll: Math.max(0, Math.min(state.scrollMax, state.scroll + action.by))};
		}

		case 'set-scroll-limit': {
			const max = Math.max(0, action.max);
			return max === state.scrollMax ? state : {...state, scrollMax: max, scroll: Math.min(state.scroll, max)};
		}
	}
}
