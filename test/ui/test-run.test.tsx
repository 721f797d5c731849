// `test NAME` and `test --all` on a terminal: the live view, by ink-testing-library, against real
// simulators over HTTP. Each profile's block updates live, ends printed for good, then a summary.
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {homeDependencies, summaryOf} from '../../source/commands/home/home-dependencies.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {TestRunApp, type TestRunAppProps, type TestRunOutcome} from '../../source/ui/profile-tests/TestRunApp.js';
import type {VerifyProfile} from '../../source/ui/profile-tests/types.js';
import {profileFor, tempStore, type TempStore} from '../helpers/home.js';
import {flat, resize, waitFor, waitForFrame, type Rendered} from '../helpers/ink.js';
import {deferred} from '../helpers/verification.js';
import {expectNoSecrets} from '../helpers/leaks.js';

let good: Simulator;
let wrongSecret: Simulator;
let store: TempStore;
const rendered: Rendered[] = [];

beforeAll(async () => {
	[good, wrongSecret] = await Promise.all([startSimulator({scenario: 'ok'}), startSimulator({scenario: 'wrong-secret'})]);
});

afterAll(async () => {
	await Promise.all([good?.close(), wrongSecret?.close()]);
});

afterEach(() => {
	for (const instance of rendered.splice(0)) {
		for (const frame of instance.frames) {
			expectNoSecrets(frame, good, wrongSecret);
		}
	}

	cleanup();
	store?.remove();
});

function renderRun(props: Partial<TestRunAppProps> & Pick<TestRunAppProps, 'profiles' | 'verify' | 'record' | 'limit'>) {
	const outcome = deferred<TestRunOutcome>();
	const instance = render(<TestRunApp onExit={outcome.resolve} {...props} />);
	rendered.push(instance);
	return Object.assign(instance, {outcome: outcome.promise});
}

function storeRun(limit: number, verify?: VerifyProfile) {
	const dependencies = homeDependencies(store.store, {timeoutMs: 5000});
	return renderRun({
		profiles: store.store.list().map(profile => summaryOf(profile)),
		verify: verify ?? dependencies.verify,
		record: dependencies.record!,
		limit,
	});
}

describe('the live test view', () => {
	test('test --all: a block per profile, then the summary; results in order and recorded', async () => {
		store = await tempStore([profileFor('alpha', good), profileFor('beta', wrongSecret)]);
		const instance = storeRun(8);
		resize(instance, 100, 60);
		const frame = await waitForFrame(instance, 'profiles verified');
		expect(flat(frame)).toContain(`alpha · ${good.url} · site acme · token Parable Integration`);
		expect(flat(frame)).toContain(`beta · ${wrongSecret.url} · site acme · token Parable Integration`);
		expect(flat(frame)).toContain('✓ Verified: jordan.rivera@acme.example (Site Administrator Creator) can use site "acme"');
		expect(flat(frame)).toContain('[signin-failed · HTTP 401 · Tableau 401001]');
		expect(flat(frame)).toContain('What to do:');
		expect(flat(frame)).toContain('✗ 1 of 2 profiles verified; failed: beta.');
		// What the passing profile's token reaches, and the soonest expiry in the summary.
		expect(flat(frame)).toContain('Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.');
		expect(flat(frame)).toMatch(/The token expires in about 177 days \(on \d{4}-\d{2}-\d{2}, Tableau's estimate\)\./);
		expect(flat(frame)).toMatch(/Soonest token expiry: alpha, in about 177 days \(on \d{4}-\d{2}-\d{2}\)\.$/);
		const {results} = await instance.outcome;
		expect(results.map(result => result?.ok)).toEqual([true, false]);
		expect(store.store.list().map(profile => profile.lastVerification?.diagnosisCode ?? (profile.lastVerification?.ok ? 'ok' : null))).toEqual([
			'ok',
			'signin-failed',
		]);
	});

	test('test NAME: the check lines spin while they run, the next profile waits for its slot', async () => {
		store = await tempStore([profileFor('alpha', good), profileFor('beta', good)]);
		const gate = deferred<void>();
		const {verify} = homeDependencies(store.store, {timeoutMs: 5000});
		const gated: VerifyProfile = async (name, onEvent) => {
			onEvent({type: 'check-started', id: 'reach'});
			await gate.promise;
			return verify(name, onEvent);
		};

		const instance = storeRun(1, gated);
		let frame = await waitForFrame(instance, 'checking…');
		expect(flat(frame)).toMatch(/alpha · http/);
		expect(flat(frame)).toMatch(/Reach server +checking…/);
		expect(flat(frame)).toMatch(/· +Sign in +waiting/);
		expect(flat(frame)).toContain('· 1 more waiting (1 at a time)');
		gate.resolve();
		frame = await waitForFrame(instance, '✓ 2 of 2 profiles verified.');
		expect(frame).not.toContain('waiting');
		await expect(instance.outcome).resolves.toMatchObject({results: [{ok: true}, {ok: true}]});
	});

	test('when the running blocks would not fit, each running test is one line', async () => {
		store = await tempStore([profileFor('alpha', good), profileFor('beta', good), profileFor('gamma', good)]);
		const gate = deferred<void>();
		const {verify} = homeDependencies(store.store, {timeoutMs: 5000});
		const gated: VerifyProfile = async (name, onEvent) => {
			onEvent({type: 'check-started', id: 'reach'});
			await gate.promise;
			return verify(name, onEvent);
		};

		const instance = storeRun(8, gated);
		resize(instance, 80, 12);
		const frame = await waitForFrame(instance, frame => (frame.match(/testing: Reach server \(0\/6\)/g) ?? []).length === 3);
		expect(frame.split('\n').length).toBeLessThan(12);
		gate.resolve();
		// All three share one token; the pipeline has them take turns with it, so each one verifies.
		// (The final line itself: "of 3 profiles verified" alone would match a "0 of 3" too.)
		const done = flat(await waitForFrame(instance, '✓ 3 of 3 profiles verified.'));
		// Once ended, each profile has its whole block again, in list order.
		expect(done).toMatch(/alpha · .*beta · .*gamma · .*✓ 3 of 3 profiles verified\./);
	});

	test('test --all prints the blocks in list order, whichever test ends first', async () => {
		store = await tempStore([profileFor('alpha', good), profileFor('beta', wrongSecret)]);
		const gate = deferred<void>();
		const {verify} = homeDependencies(store.store, {timeoutMs: 5000});
		const instance = storeRun(8, async (name, onEvent) => {
			if (name === 'alpha') {
				onEvent({type: 'check-started', id: 'reach'});
				await gate.promise;
			}

			return verify(name, onEvent);
		});
		resize(instance, 100, 60);
		// beta has ended, but its block waits below alpha's live one, as a line.
		let frame = await waitForFrame(instance, /beta +✗ signin-failed just now/);
		expect(flat(frame)).toMatch(/alpha · http.*Reach server +checking….*beta +✗ signin-failed just now/);
		expect(flat(frame)).not.toContain('What to do:');
		gate.resolve();
		frame = flat(await waitForFrame(instance, 'profiles verified'));
		const alphaBlock = frame.indexOf(`alpha · ${good.url}`);
		const betaBlock = frame.indexOf(`beta · ${wrongSecret.url}`);
		expect(alphaBlock).toBeGreaterThanOrEqual(0);
		expect(betaBlock).toBeGreaterThan(alphaBlock);
		expect(frame.indexOf('[signin-failed')).toBeGreaterThan(betaBlock);
		await expect(instance.outcome).resolves.toMatchObject({results: [{ok: true}, {ok: false}]});
	});

	test('a verify function that throws ends that profile as failed, and the others still run', async () => {
		store = await tempStore([profileFor('alpha', good), profileFor('beta', good)]);
		const {verify} = homeDependencies(store.store, {timeoutMs: 5000});
		const instance = storeRun(8, async (name, onEvent) => {
			if (name === 'alpha') {
				throw new Error('pipeline exploded');
			}

			return verify(name, onEvent);
		});
		const frame = await waitForFrame(instance, 'profiles verified');
		expect(flat(frame)).toContain('✗ The test stopped unexpectedly: pipeline exploded');
		expect(flat(frame)).toContain('✗ 1 of 2 profiles verified; failed: alpha.');
		const {results} = await instance.outcome;
		expect(results[0]).toBeNull();
		expect(results[1]?.ok).toBe(true);
		await waitFor(
			() => store.store.get('beta')?.lastVerification,
			() => 'beta recorded',
		);
		expect(store.store.get('alpha')?.lastVerification).toBeNull();
	});
});
