// The home screen's state, without rendering: every action of its reducer and of the tests reducer
// it shares with `test NAME`/`test --all`, the footer's keys and the sharing of the rows.
import {describe, expect, test} from 'vitest';
import {afterWizard} from '../../source/commands/home/home.js';
import {hintsOf} from '../../source/ui/components/keymap.js';
import {homeKeymap} from '../../source/ui/home/keymap.js';

const homeKeyHints = (state: HomeState) => hintsOf(homeKeymap(state));
import {homeLayout, wrappedRows} from '../../source/ui/home/layout.js';
import {listWindow} from '../../source/ui/components/list-window.js';
import {busyNotice, homeReducer, initialHomeState, selectedProfile, type HomeAction, type HomeState} from '../../source/ui/home/reducer.js';
import {allEnded, initialTestsState, isBusy, isTestsAction, testsReducer, type TestsState} from '../../source/ui/profile-tests/tests-reducer.js';
import type {ProfileSummary} from '../../source/ui/profile-tests/types.js';
import {fakeResult} from '../helpers/verification.js';

const at = '2026-01-02T03:04:05.000Z';

function summary(name: string): ProfileSummary {
	return {name, server: `https://${name}.example.com`, site: 'acme', tokenName: 'Parable Integration', lastVerification: null};
}

const three = [summary('alpha'), summary('beta.prod'), summary('constructor')];

function home(overrides: Partial<Parameters<typeof initialHomeState>[0]> = {}): HomeState {
	return initialHomeState({profiles: three, limit: 2, ...overrides});
}

function apply(state: HomeState, ...actions: HomeAction[]): HomeState {
	return actions.reduce(homeReducer, state);
}

/** The run number of a profile's test, to send its events. */
function runOf(state: TestsState, name: string): number {
	const run = state.tests.get(name)?.run;
	if (run === undefined) {
		throw new Error(`no test of ${name}`);
	}

	return run;
}

describe('tests reducer', () => {
	test('queue-tests starts up to the limit and queues the rest, in order', () => {
		const state = testsReducer(initialTestsState(2), {type: 'queue-tests', names: ['a', 'b', 'c']});
		expect([...state.tests.entries()].map(([name, item]) => [name, item.phase])).toEqual([
			['a', 'running'],
			['b', 'running'],
			['c', 'queued'],
		]);
		expect(state.queue).toEqual(['c']);
		expect(isBusy(state)).toBe(true);
		const running = state.tests.get('a');
		expect(running?.phase === 'running' && running.checks.map(line => line.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
	});

	test('queue-tests leaves a test that is already waiting or running alone', () => {
		const once = testsReducer(initialTestsState(1), {type: 'queue-tests', names: ['a', 'b']});
		const twice = testsReducer(once, {type: 'queue-tests', names: ['a', 'b']});
		expect(twice.queue).toEqual(['b']);
		expect(twice.tests.get('a')?.run).toBe(once.tests.get('a')?.run);
		expect(twice.nextRun).toBe(once.nextRun);
	});

	test('a limit below one still runs one test at a time', () => {
		const state = testsReducer(initialTestsState(0), {type: 'queue-tests', names: ['a', 'b']});
		expect(state.tests.get('a')?.phase).toBe('running');
		expect(state.tests.get('b')?.phase).toBe('queued');
	});

	test('check-started and check-finished update the line of the current run only', () => {
		let state = testsReducer(initialTestsState(1), {type: 'queue-tests', names: ['a']});
		const run = runOf(state, 'a');
		state = testsReducer(state, {type: 'check-started', name: 'a', run, id: 'reach'});
		state = testsReducer(state, {type: 'check-finished', name: 'a', run, check: {id: 'reach', status: 'ok', summary: 'Connected', durationMs: 4}});
		state = testsReducer(state, {type: 'check-started', name: 'a', run, id: 'serverinfo'});
		const stale = testsReducer(state, {
			type: 'check-finished',
			name: 'a',
			run: run + 99,
			check: {id: 'serverinfo', status: 'fail', summary: 'old', durationMs: 1},
		});
		expect(stale).toBe(state);
		expect(testsReducer(state, {type: 'check-started', name: 'nobody', run, id: 'reach'})).toBe(state);
		const test = state.tests.get('a');
		expect(test?.phase === 'running' && test.checks.slice(0, 3)).toEqual([
			{id: 'reach', status: 'ok', summary: 'Connected', durationMs: 4},
			{id: 'serverinfo', status: 'running', summary: null, durationMs: null},
			{id: 'signin', status: 'pending', summary: null, durationMs: null},
		]);
	});

	test('test-finished keeps the result, fills lines the events missed, and starts the next queued test', () => {
		let state = testsReducer(initialTestsState(1), {type: 'queue-tests', names: ['a', 'b']});
		const result = fakeResult({code: 'signin-failed'});
		state = testsReducer(state, {type: 'test-finished', name: 'a', run: runOf(state, 'a'), result, at, recordError: null});
		const done = state.tests.get('a');
		expect(done).toMatchObject({phase: 'done', result, finishedAt: at, recordError: null});
		expect(done?.phase === 'done' && done.checks.map(line => line.status)).toEqual(['ok', 'ok', 'fail', 'skipped', 'skipped', 'skipped']);
		expect(state.tests.get('b')?.phase).toBe('running');
		expect(state.finished).toEqual(['a']);
		expect(allEnded(state, ['a'])).toBe(true);
		expect(allEnded(state, ['a', 'b'])).toBe(false);
		// A second finish of the same run is late news.
		expect(testsReducer(state, {type: 'test-finished', name: 'a', run: done!.run, result, at, recordError: null})).toBe(state);
	});

	test('test-crashed ends the test with the message and frees its slot', () => {
		let state = testsReducer(initialTestsState(1), {type: 'queue-tests', names: ['a', 'b']});
		state = testsReducer(state, {type: 'test-crashed', name: 'a', run: runOf(state, 'a'), message: 'boom', at});
		expect(state.tests.get('a')).toMatchObject({phase: 'crashed', message: 'boom', finishedAt: at});
		expect(state.tests.get('b')?.phase).toBe('running');
		expect(state.finished).toEqual(['a']);
	});

	test('forget-test drops a test, queued or not, and a test can run again after it ended', () => {
		let state = testsReducer(initialTestsState(1), {type: 'queue-tests', names: ['a', 'b']});
		state = testsReducer(state, {type: 'forget-test', name: 'b'});
		expect(state.tests.has('b')).toBe(false);
		expect(state.queue).toEqual([]);
		expect(testsReducer(state, {type: 'forget-test', name: 'b'})).toBe(state);
		const first = runOf(state, 'a');
		state = testsReducer(state, {type: 'test-finished', name: 'a', run: first, result: fakeResult(), at, recordError: null});
		expect(isBusy(state)).toBe(false);
		state = testsReducer(state, {type: 'queue-tests', names: ['a']});
		expect(state.tests.get('a')?.phase).toBe('running');
		expect(runOf(state, 'a')).toBeGreaterThan(first);
	});

	test("isTestsAction tells the tests' actions from the screen's", () => {
		expect(isTestsAction({type: 'check-finished'})).toBe(true);
		expect(isTestsAction({type: 'move'})).toBe(false);
	});
});

describe('home reducer', () => {
	test('starts on the profile asked for, or on the first one', () => {
		expect(selectedProfile(home({select: 'constructor'}))?.name).toBe('constructor');
		expect(selectedProfile(home({select: 'gone'}))?.name).toBe('alpha');
		expect(home({notice: {tone: 'ok', text: 'saved'}}).notice).toEqual({tone: 'ok', text: 'saved'});
		expect(selectedProfile(initialHomeState({profiles: [], limit: 1}))).toBeUndefined();
	});

	test('move selects within the list, clears the notice and the scroll', () => {
		let state = {...home({notice: {tone: 'ok', text: 'x'}}), scroll: 3, scrollMax: 5};
		state = apply(state, {type: 'move', by: 1});
		expect(state).toMatchObject({selected: 1, notice: null, scroll: 0, scrollMax: 0});
		expect(apply(state, {type: 'move', by: 10}).selected).toBe(2);
		expect(apply(state, {type: 'move', by: -10}).selected).toBe(0);
		const top = home();
		expect(apply(top, {type: 'move', by: -1})).toBe(top);
	});

	test('when the store changes underneath, the selection stays on its profile, not on its row', () => {
		const onBeta = apply(home(), {type: 'move', by: 1});
		// Another command adds a profile that sorts first: beta.prod moves down a row, and stays selected.
		const added = apply(onBeta, {type: 'profiles-read', profiles: [summary('aardvark'), ...three]});
		expect(selectedProfile(added)?.name).toBe('beta.prod');
		expect(added.selected).toBe(2);
		// One before it goes: it moves up a row, still selected.
		const removed = apply(added, {type: 'profiles-read', profiles: [summary('aardvark'), summary('beta.prod'), summary('constructor')]});
		expect(selectedProfile(removed)?.name).toBe('beta.prod');
		// The selected one itself goes: the same row, clamped to the list.
		const gone = apply(removed, {type: 'profiles-read', profiles: [summary('aardvark'), summary('constructor')]});
		expect(selectedProfile(gone)?.name).toBe('constructor');
		expect(selectedProfile(apply(gone, {type: 'profiles-read', profiles: [summary('aardvark')]}))?.name).toBe('aardvark');
		// The same list read again changes nothing, not even the state's identity.
		expect(apply(gone, {type: 'profiles-read', profiles: [summary('aardvark'), summary('constructor')]})).toBe(gone);
	});

	test('test-selected queues the selected profile; test-all queues every one', () => {
		const one = apply(home(), {type: 'move', by: 1}, {type: 'test-selected'});
		expect([...one.tests.tests.keys()]).toEqual(['beta.prod']);
		const all = apply(home(), {type: 'test-all'});
		expect([...all.tests.tests.entries()].map(([name, item]) => [name, item.phase])).toEqual([
			['alpha', 'running'],
			['beta.prod', 'running'],
			['constructor', 'queued'],
		]);
		const empty = initialHomeState({profiles: [], limit: 1});
		expect(apply(empty, {type: 'test-selected'}, {type: 'test-all'})).toBe(empty);
	});

	test('check and test events go to the tests; a result that could not be recorded says so', () => {
		let state = apply(home(), {type: 'test-selected'});
		const run = runOf(state.tests, 'alpha');
		state = apply(state, {type: 'check-started', name: 'alpha', run, id: 'reach'});
		expect(state.tests.tests.get('alpha')?.phase).toBe('running');
		state = apply(state, {type: 'test-finished', name: 'alpha', run, result: fakeResult(), at, recordError: 'disk full'});
		expect(state.tests.tests.get('alpha')).toMatchObject({phase: 'done', recordError: 'disk full'});
		expect(state.notice).toEqual({tone: 'warn', text: '! The result of "alpha" could not be recorded: disk full'});
	});

	test('d asks first; n keeps the profile, y has it removed, and the list is read again', () => {
		let state = apply(home(), {type: 'move', by: 2}, {type: 'ask-remove'});
		expect(state.mode).toEqual({kind: 'confirm-remove', name: 'constructor'});
		// While asking, the list keys do nothing.
		expect(apply(state, {type: 'move', by: -1}, {type: 'test-all'}, {type: 'edit'}, {type: 'quit'})).toBe(state);
		const kept = apply(state, {type: 'cancel-remove'});
		expect(kept).toMatchObject({mode: {kind: 'browse'}, notice: {tone: 'muted', text: 'Kept "constructor".'}});
		expect(apply(kept, {type: 'cancel-remove'})).toBe(kept);
		expect(apply(kept, {type: 'confirm-remove'})).toBe(kept);

		state = apply(state, {type: 'confirm-remove'});
		expect(state.mode).toEqual({kind: 'removing', name: 'constructor'});
		// Only the answer for the profile being removed counts.
		expect(apply(state, {type: 'removed', name: 'alpha', profiles: []})).toBe(state);
		state = apply(state, {type: 'removed', name: 'constructor', profiles: three.slice(0, 2)});
		expect(state.mode).toEqual({kind: 'browse'});
		expect(state.profiles.map(profile => profile.name)).toEqual(['alpha', 'beta.prod']);
		expect(state.selected).toBe(1);
		expect(state.notice?.tone).toBe('ok');
		expect(state.notice?.text).toMatch(/^✓ Removed "constructor" from this computer\. The token stays valid in Tableau/);
	});

	test('a removal that fails says why and keeps the list', () => {
		const state = apply(home(), {type: 'ask-remove'}, {type: 'confirm-remove'}, {type: 'remove-failed', name: 'alpha', message: 'locked'});
		expect(state.mode).toEqual({kind: 'browse'});
		expect(state.profiles).toHaveLength(3);
		expect(state.notice).toEqual({tone: 'fail', text: '✗ "alpha" was not removed: locked'});
		expect(apply(state, {type: 'remove-failed', name: 'alpha', message: 'again'})).toBe(state);
	});

	test('removing the last profile leaves an empty list', () => {
		const state = apply(
			initialHomeState({profiles: [summary('only')], limit: 1}),
			{type: 'ask-remove'},
			{type: 'confirm-remove'},
			{type: 'removed', name: 'only', profiles: []},
		);
		expect(state.profiles).toEqual([]);
		expect(state.selected).toBe(0);
		expect(selectedProfile(state)).toBeUndefined();
		expect(apply(state, {type: 'ask-remove'}, {type: 'edit'})).toBe(state);
		expect(apply(state, {type: 'add'}).outcome).toEqual({kind: 'add'});
	});

	test('e, n and q end the screen with an intent; while tests run they wait, with a notice', () => {
		expect(apply(home(), {type: 'move', by: 1}, {type: 'edit'}).outcome).toEqual({kind: 'edit', profile: 'beta.prod'});
		expect(apply(home(), {type: 'add'}).outcome).toEqual({kind: 'add'});
		expect(apply(home(), {type: 'quit'}).outcome).toEqual({kind: 'quit'});
		const busy = apply(home(), {type: 'test-all'});
		for (const action of [{type: 'edit'}, {type: 'add'}, {type: 'quit'}, {type: 'ask-remove'}] as const) {
			const next = apply(busy, action);
			expect(next.outcome).toBeNull();
			expect(next.mode).toEqual({kind: 'browse'});
			expect(next.notice).toEqual(busyNotice);
		}
	});

	test('r ends the screen to rotate the selected token; not while tests run, not while asking, not with no profile', () => {
		expect(apply(home(), {type: 'move', by: 1}, {type: 'rotate'}).outcome).toEqual({kind: 'rotate', profile: 'beta.prod'});
		const busy = apply(home(), {type: 'test-all'}, {type: 'rotate'});
		expect(busy.outcome).toBeNull();
		expect(busy.notice).toEqual(busyNotice);
		const asking = apply(home(), {type: 'ask-remove'});
		expect(apply(asking, {type: 'rotate'})).toBe(asking);
		const empty = initialHomeState({profiles: [], limit: 1});
		expect(apply(empty, {type: 'rotate'})).toBe(empty);
	});

	test('Ctrl-C ends the screen at once, tests running or not; nothing changes after the end', () => {
		const ended = apply(home(), {type: 'test-all'}, {type: 'interrupt'});
		expect(ended.outcome).toEqual({kind: 'interrupted', testsRunning: true});
		expect(apply(home(), {type: 'interrupt'}).outcome).toEqual({kind: 'interrupted', testsRunning: false});
		expect(apply(ended, {type: 'move', by: 1}, {type: 'test-all'}, {type: 'quit'}, {type: 'check-started', name: 'alpha', run: 1, id: 'reach'})).toBe(ended);
	});

	test('scroll stays within the limit the details report', () => {
		let state = apply(home(), {type: 'set-scroll-limit', max: 4});
		expect(state.scrollMax).toBe(4);
		expect(apply(state, {type: 'set-scroll-limit', max: 4})).toBe(state);
		state = apply(state, {type: 'scroll', by: 10});
		expect(state.scroll).toBe(4);
		expect(apply(state, {type: 'scroll', by: -10}).scroll).toBe(0);
		expect(apply(state, {type: 'set-scroll-limit', max: 2})).toMatchObject({scroll: 2, scrollMax: 2});
		expect(apply(state, {type: 'set-scroll-limit', max: -1})).toMatchObject({scroll: 0, scrollMax: 0});
	});
});

describe('what the screen shows', () => {
	test('the footer lists the keys that work now', () => {
		const keysOf = (state: HomeState) => homeKeyHints(state).map(([key]) => key);
		expect(keysOf(home())).toEqual(['↑↓', 't', 'a', 'e', 'r', 'd', 'n', 'q']);
		expect(keysOf(apply(home(), {type: 'test-all'}))).toEqual(['↑↓', 't', 'a', 'Ctrl-C']);
		expect(keysOf(apply(home(), {type: 'ask-remove'}))).toEqual(['y', 'n']);
		expect(keysOf(apply(home(), {type: 'ask-remove'}, {type: 'confirm-remove'}))).toEqual(['Ctrl-C']);
		// What the key does, too: while a removal runs, Ctrl-C is the one way out.
		expect(homeKeyHints(apply(home(), {type: 'ask-remove'}, {type: 'confirm-remove'}))).toEqual([['Ctrl-C', 'quit']]);
		expect(keysOf(initialHomeState({profiles: [], limit: 1}))).toEqual(['n', 'q']);
	});

	test('rows are shared between the list (whole profiles) and the details', () => {
		// 80×24 with two profiles: the whole list, the rest for the details.
		expect(homeLayout({available: 19, profileCount: 2, detailWanted: 16})).toEqual({listRows: 4, detailRows: 14});
		// Many profiles and a stored result: most rows go to the list.
		expect(homeLayout({available: 19, profileCount: 20, detailWanted: 4})).toEqual({listRows: 14, detailRows: 4});
		// Many profiles and a live test: the details keep half.
		expect(homeLayout({available: 19, profileCount: 20, detailWanted: 16})).toEqual({listRows: 8, detailRows: 10});
		// A tiny terminal still shows one profile and one row of details.
		expect(homeLayout({available: 2, profileCount: 5, detailWanted: 16})).toEqual({listRows: 2, detailRows: 1});
	});

	test('the list window keeps the selection in view, and counts what is out of view on each side', () => {
		expect(listWindow(0, 20, 5)).toEqual({first: 0, above: 0, below: 15});
		expect(listWindow(10, 20, 5)).toEqual({first: 8, above: 8, below: 7});
		expect(listWindow(19, 20, 5)).toEqual({first: 15, above: 15, below: 0});
		// A window taller than the list shows all of it, and nothing is out of view.
		expect(listWindow(1, 2, 5)).toEqual({first: 0, above: 0, below: 0});
		expect(listWindow(4, 6, 4)).toEqual({first: 2, above: 2, below: 0});
	});

	test('notice rows are counted as Ink wraps them', () => {
		expect(wrappedRows('short', 80)).toBe(1);
		expect(wrappedRows('aaaa bbbb cccc', 9)).toBe(2);
		expect(wrappedRows('a'.repeat(25), 10)).toBe(3);
	});
});

describe('coming back from the wizard', () => {
	test('the notice and the selection say how the wizard ended', () => {
		const result = fakeResult();
		expect(afterWizard({kind: 'verified', profile: 'new.one', path: '/p', result}, null)).toEqual({
			notice: {tone: 'ok', text: '✓ "new.one" is saved and verified.'},
			select: 'new.one',
		});
		expect(afterWizard({kind: 'saved-unverified', profile: 'alpha', path: '/p', result: null}, 'alpha')).toEqual({
			notice: {tone: 'warn', text: '! "alpha" is saved, but its test did not pass.'},
			select: 'alpha',
		});
		expect(afterWizard({kind: 'failed', result: null}, 'alpha')).toEqual({
			notice: {tone: 'warn', text: '! The test did not pass, so "alpha" is unchanged.'},
			select: 'alpha',
		});
		expect(afterWizard({kind: 'failed', result: null}, null).notice.text).toBe('! The test did not pass, so nothing was saved.');
		expect(afterWizard({kind: 'save-failed', message: 'disk full'}, null).notice).toEqual({tone: 'fail', text: '✗ Not saved: disk full'});
		expect(afterWizard({kind: 'cancelled'}, 'alpha')).toEqual({notice: {tone: 'muted', text: 'Stopped: "alpha" is unchanged.'}, select: 'alpha'});
		expect(afterWizard(undefined, null).notice.text).toBe('Stopped: nothing was saved.');
	});
});

describe('a (test all) ends with the summary line of test --all', () => {
	const finish = (state: HomeState, name: string, code?: 'signin-failed') =>
		apply(state, {type: 'test-finished', name, run: runOf(state.tests, name), result: fakeResult(code ? {code} : {}), at, recordError: null});

	test('only once every profile has ended, naming the ones that failed', () => {
		let state = apply(home({limit: 3}), {type: 'test-all'});
		state = finish(state, 'alpha');
		state = finish(state, 'constructor', 'signin-failed');
		expect(state.notice).toBeNull();
		state = finish(state, 'beta.prod');
		expect(state.notice).toEqual({tone: 'fail', text: '✗ 2 of 3 profiles verified; failed: constructor.'});
	});

	test('all verified: a ✓ line; a single test (t) gets no summary', () => {
		let state = apply(home({limit: 3}), {type: 'test-all'});
		for (const name of ['alpha', 'beta.prod', 'constructor']) {
			state = finish(state, name);
		}

		expect(state.notice).toEqual({tone: 'ok', text: '✓ 3 of 3 profiles verified.'});
		state = apply(state, {type: 'test-selected'});
		state = finish(state, 'alpha');
		expect(state.notice).toBeNull();
	});
});
