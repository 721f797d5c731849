import type {CheckId, CheckResult, VerificationResult} from '../../verify/types.js';
import {pendingCheckLines, updateCheck, type CheckLine} from '../checks/check-lines.js';

/** One profile's test in this session: waiting for a slot, running, or ended. */
export type ProfileTest =
	| {phase: 'queued'; run: number}
	| {phase: 'running'; run: number; checks: CheckLine[]}
	| {phase: 'done'; run: number; checks: CheckLine[]; result: VerificationResult; finishedAt: string; recordError: string | null}
	/** The injected verify function threw: a bug, not a server problem, but still something to show. */
	| {phase: 'crashed'; run: number; checks: CheckLine[]; message: string; finishedAt: string};

export type TestsState = {
	/** By profile name (a Map, so a profile called "constructor" is just a name). */
	tests: ReadonlyMap<string, ProfileTest>;
	/** Queued names, first to start first. */
	queue: readonly string[];
	/** Names in the order their tests ended. */
	finished: readonly string[];
	/** Numbers every test, so late events of an earlier test of the same profile are ignored. */
	nextRun: number;
	/** How many tests run at once. */
	limit: number;
};

export type TestsAction =
	| {type: 'queue-tests'; names: readonly string[]}
	| {type: 'check-started'; name: string; run: number; id: CheckId}
	| {type: 'check-finished'; name: string; run: number; check: CheckResult}
	| {type: 'test-finished'; name: string; run: number; result: VerificationResult; at: string; recordError: string | null}
	| {type: 'test-crashed'; name: string; run: number; message: string; at: string}
	| {type: 'forget-test'; name: string};

const testActionTypes: ReadonlySet<string> = new Set<TestsAction['type']>([
	'queue-tests',
	'check-started',
	'check-finished',
	'test-finished',
	'test-crashed',
	'forget-test',
]);

/** Whether `action` is one of the tests' own, for a screen's reducer that hands those on. */
export function isTestsAction(action: {type: string}): action is TestsAction {
	return testActionTypes.has(action.type);
}

export function initialTestsState(limit: number): TestsState {
	return {tests: new Map(), queue: [], finished: [], nextRun: 1, limit: Math.max(1, limit)};
}

/** Whether a test is waiting or running: the screens keep their other keys until none is. */
export function isBusy(state: TestsState): boolean {
	for (const test of state.tests.values()) {
		// A test waits only while another runs, so 'running' alone would do; 'queued' says what busy means.
		// Stryker disable next-line StringLiteral: equivalent, see above.
		if (test.phase === 'queued' || test.phase === 'running') {
			return true;
		}
	}

	return false;
}

/** Whether every test that was asked for has ended. */
export function allEnded(state: TestsState, names: readonly string[]): boolean {
	return names.every(name => {
		const phase = state.tests.get(name)?.phase;
		return phase === 'done' || phase === 'crashed';
	});
}

function runningCount(state: TestsState): number {
	let count = 0;
	for (const test of state.tests.values()) {
		count += test.phase === 'running' ? 1 : 0;
	}

	return count;
}

/** Starts queued tests while there are free slots. */
function promote(state: TestsState): TestsState {
	let free = state.limit - runningCount(state);
	if (free <= 0 || state.queue.length === 0) {
		return state;
	}

	const tests = new Map(state.tests);
	const queue = [...state.queue];
	while (free > 0 && queue.length > 0) {
		const name = queue.shift()!;
		const test = tests.get(name);
		if (test?.phase === 'queued') {
			tests.set(name, {phase: 'running', run: test.run, checks: pendingCheckLines()});
			free--;
		}
	}

	return {...state, tests, queue};
}

/** The test of `name` when it is the running test number `run`; late events of an older run get undefined. */
function runningTest(state: TestsState, name: string, run: number): Extract<ProfileTest, {phase: 'running'}> | undefined {
	const test = state.tests.get(name);
	return test?.phase === 'running' && test.run === run ? test : undefined;
}

function withTest(state: TestsState, name: string, test: ProfileTest): TestsState {
	return {...state, tests: new Map(state.tests).set(name, test)};
}

/** The tests' only state transition function. Pure: `use-test-runner` starts the tests the state says are running. */
export function testsReducer(state: TestsState, action: TestsAction): TestsState {
	switch (action.type) {
		case 'queue-tests': {
			const tests = new Map(state.tests);
			const queue = [...state.queue];
			let {nextRun} = state;
			for (const name of action.names) {
				const phase = tests.get(name)?.phase;
				if (phase === 'queued' || phase === 'running') {
					continue;
				}

				tests.set(name, {phase: 'queued', run: nextRun++});
				queue.push(name);
			}

			return promote({...state, tests, queue, nextRun});
		}

		case 'check-started': {
			const test = runningTest(state, action.name, action.run);
			return test ? withTest(state, action.name, {...test, checks: updateCheck(test.checks, action.id, {status: 'running'})}) : state;
		}

		case 'check-finished': {
			const test = runningTest(state, action.name, action.run);
			if (!test) {
				return state;
			}

			const {id, status, summary, durationMs} = action.check;
			return withTest(state, action.name, {...test, checks: updateCheck(test.checks, id, {status, summary, durationMs})});
		}

		case 'test-finished': {
			const test = runningTest(state, action.name, action.run);
			if (!test) {
				return state;
			}

			// Lines the events missed (a fake verify, an early return) come from the result itself.
			let {checks} = test;
			for (const check of action.result.checks) {
				checks = updateCheck(checks, check.id, {status: check.status, summary: check.summary, durationMs: check.durationMs});
			}

			const done: ProfileTest = {phase: 'done', run: test.run, checks, result: action.result, finishedAt: action.at, recordError: action.recordError};
			return promote({...withTest(state, action.name, done), finished: [...state.finished, action.name]});
		}

		case 'test-crashed': {
			const test = runningTest(state, action.name, action.run);
			if (!test) {
				return state;
			}

			const crashed: ProfileTest = {phase: 'crashed', run: test.run, checks: test.checks, message: action.message, finishedAt: action.at};
			return promote({...withTest(state, action.name, crashed), finished: [...state.finished, action.name]});
		}

		case 'forget-test': {
			if (!state.tests.has(action.name)) {
				return state;
			}

			const tests = new Map(state.tests);
			tests.delete(action.name);
			return promote({...state, tests, queue: state.queue.filter(name => name !== action.name)});
		}
	}
}
