// The screens' frames: layout at 80×24 and narrower, links, the live checks, Ctrl-C, and the props the demo uses.
import {afterEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {StepId} from '../../source/ui/wizard/steps.js';
import type {VerifyFunction} from '../../source/ui/wizard/Wizard.js';
import {diagnose, warning} from '../../source/verify/diagnoses.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {flat, frameOf, keys, press, resize, waitFor, waitForFrame, type Rendered} from '../helpers/ink.js';
import {deferred, fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';
import {wizardFrame} from '../helpers/remedy-frames.js';

afterEach(() => {
	cleanup();
});

const filled = {
	server: 'https://10ay.online.tableau.com',
	site: 'acme',
	tokenName: 'Parable Integration',
	tokenSecret: 'bm90LWEtcmVhbC1zZWNyZXQ=:AbCdEf0123456789AbCdEf0123456789',
};

/** A realistic failure: the catalogue's own long sign-in diagnosis. */
function signinFailure(): VerificationResult {
	const result = fakeResult({code: 'signin-failed', server: filled.server, site: filled.site});
	return {...result, diagnosis: diagnose('signin-failed', {server: filled.server, site: filled.site, httpStatus: 401, tableauCode: '401001'})};
}

function successWithWarnings(): VerificationResult {
	return fakeResult({
		server: filled.server,
		site: filled.site,
		warnings: [warning('not-site-admin', {siteRole: 'Explorer'}), warning('redirected', {redirectedTo: 'https://10az.online.tableau.com'})],
	});
}

async function fits(instance: Rendered, columns: number, rows: number): Promise<string> {
	return waitFor(
		() => {
			const frame = instance.lastFrame();
			if (!frame?.trim()) {
				return undefined;
			}

			const lines = frame.split('\n');
			const fitting = lines.length <= rows - 1 && lines.every(line => [...line].length <= columns) && lines[0]!.startsWith('Step ');
			return fitting ? frame : undefined;
		},
		() => `a frame of at most ${columns}×${rows - 1} starting with the step indicator; the last was:\n${instance.lastFrame() ?? ''}`,
	);
}

describe('layout', () => {
	const sizes = [
		[80, 24],
		[60, 20],
		[40, 16],
	] as const;
	const steps: StepId[] = ['needs', 'prerequisites', 'account', 'token', 'server', 'credentials', 'review'];

	test.each(sizes)('every step fits %i×%i with its step indicator and footer', async (columns, rows) => {
		for (const step of steps) {
			const instance = renderWizard({verify: vi.fn(), initialStep: step, initialValues: filled});
			resize(instance, columns, rows);

			const frame = await fits(instance, columns, rows);
			expect(frame).toMatch(/Step \d of 8 · /);
			expect(flat(frame)).toMatch(/Ctrl-C quit/);
			instance.unmount();
		}
	});

	test.each(sizes)('the failure screen fits %i×%i and scrolls to its last remedy', async (columns, rows) => {
		const result = signinFailure();
		const instance = renderWizard({verify: async () => result, initialStep: 'verify', initialValues: filled});
		resize(instance, columns, rows);
		let frame = await waitForFrame(instance, 'more lines below');
		expect(flat(frame)).toMatch(/e edit · r retry · s save anyway/);
		await fits(instance, columns, rows);
		const last = result.diagnosis!.remediation.at(-1)!.replaceAll('`', '').split(' ').slice(-3).join(' ');
		// The verdict is on the first screen; PgDn pages on to the last remedy.
		const seen = new Set<string>([flat(frame)]);
		for (let index = 0; index < 30 && !flat(frameOf(instance)).includes(last); index++) {
			seen.add(flat(await press(instance, keys.pageDown)));
		}

		expect([...seen].some(text => text.includes('[signin-failed'))).toBe(true);
		frame = await fits(instance, columns, rows);
		expect(flat(frame)).toContain(last);
		expect(flat(frame)).toContain('more lines above');
	});

	test('the success screen with warnings fits 80×24', async () => {
		const instance = renderWizard({verify: async () => successWithWarnings(), initialStep: 'verify', initialValues: filled});
		resize(instance, 80, 24);
		// The verdict and the warnings come first, without scrolling (two warnings leave Parable's form below).
		const frame = flat(await waitForFrame(instance, '[not-site-admin]'));
		expect(frame).toContain('✓ Verified');
		expect(frame).toContain('! The server moved us to');

		await fits(instance, 80, 24);
	});
});

describe('account settings', () => {
	test("with the server known, the site's address is an OSC 8 link where supported", async () => {
		const instance = renderWizard({verify: vi.fn(), initialStep: 'account', initialValues: filled, hyperlinks: true});
		const frame = await waitForFrame(instance, 'My Account Settings');
		expect(frame).toContain(
			'\u001B]8;;https://10ay.online.tableau.com/#/site/acme/home\u001B\\https://10ay.online.tableau.com/#/site/acme/home\u001B]8;;\u001B\\',
		);
	});

	test('plain text where links are not supported', async () => {
		const instance = renderWizard({verify: vi.fn(), initialStep: 'account', initialValues: filled});
		const frame = await waitForFrame(instance, 'https://10ay.online.tableau.com/#/site/acme/home');
		expect(frame).not.toContain('\u001B]8;;');
	});

	test('without a server, it says how to get there', async () => {
		const instance = renderWizard({verify: vi.fn(), initialStep: 'account'});
		const frame = await waitForFrame(instance, 'Sign in to Tableau in your browser');
		expect(flat(frame)).toContain('1. Click your avatar');
		expect(flat(frame)).toContain('2. Choose My Account Settings.');
		expect(flat(frame)).toContain('3. Find the Personal Access Tokens section.');
	});
});

describe('the live checks', () => {
	test('a spinner and "checking…" while a check runs, waiting lines after it, then results', async () => {
		const answer = deferred<VerificationResult>();
		const verify: VerifyFunction = async (_input, options) => {
			options.onEvent?.({type: 'check-started', id: 'reach'});
			options.onEvent?.({type: 'check-finished', check: {id: 'reach', status: 'ok', summary: 'Connected to 10ay.online.tableau.com', durationMs: 42}});
			options.onEvent?.({type: 'check-started', id: 'serverinfo'});
			return answer.promise;
		};

		const instance = renderWizard({verify, initialStep: 'verify', initialValues: filled});
		const frame = await waitForFrame(instance, 'checking…');
		expect(flat(frame)).toMatch(/✓ Reach server 42 ms Connected to 10ay/);
		expect(flat(frame)).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Server version checking…/);
		expect(flat(frame)).toMatch(/· Sign in waiting/);
		expect(flat(frame)).toContain('Ctrl-C quit (nothing is saved)');
		answer.resolve(successWithWarnings());
		await waitForFrame(instance, '✓ Verified');
	});

	test('no spinner frames for screen readers', async () => {
		process.env['INK_SCREEN_READER'] = 'true';
		try {
			const answer = deferred<VerificationResult>();
			const verify: VerifyFunction = async (_input, options) => {
				options.onEvent?.({type: 'check-started', id: 'reach'});
				return answer.promise;
			};

			const instance = renderWizard({verify, initialStep: 'verify', initialValues: filled});
			const frame = await waitForFrame(instance, 'checking…');
			expect(frame).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
			answer.resolve(fakeResult());
		} finally {
			delete process.env['INK_SCREEN_READER'];
		}
	});

	test('the verify function gets the parsed values and the options, never the raw address', async () => {
		const verify = vi.fn<VerifyFunction>(async () => fakeResult());
		const instance = renderWizard({
			verify,
			initialStep: 'verify',
			initialValues: {...filled, server: '10ay.online.tableau.com/#/site/acme/home', site: ''},
			verifyOptions: {timeoutMs: 5000, minimumCheckMs: 10},
		});
		await waitForFrame(instance, '✓ Verified');
		expect(verify).toHaveBeenCalledWith(
			{server: filled.server, site: 'acme', tokenName: 'Parable Integration', tokenSecret: filled.tokenSecret, profile: '10ay-acme', rerun: wizardFrame},
			expect.objectContaining({timeoutMs: 5000, minimumCheckMs: 10}),
		);
	});

	test('starting at verify with a value missing goes to its field instead', async () => {
		const verify = vi.fn<VerifyFunction>(async () => fakeResult());
		const instance = renderWizard({verify, initialStep: 'verify', initialValues: {...filled, tokenSecret: ''}});
		const frame = await waitForFrame(instance, 'Step 6 of 8');
		expect(flat(frame)).toContain('Paste the token secret');
		expect(verify).not.toHaveBeenCalled();
	});

	test('a crash of the verify function is shown as such, with retry', async () => {
		let calls = 0;
		const verify: VerifyFunction = async () => {
			calls++;
			if (calls === 1) {
				throw new Error('socket exploded');
			}

			return fakeResult();
		};

		const instance = renderWizard({verify, initialStep: 'verify', initialValues: filled});
		await waitForFrame(instance, '✗ The test stopped unexpectedly: socket exploded');
		await press(instance, 'r', '✓ Verified');
	});

	test('a failed save is shown, and quitting then ends with save-failed', async () => {
		const instance = renderWizard({
			verify: async () => fakeResult(),
			save() {
				throw new Error('The profile store is locked by another process.');
			},
			initialStep: 'verify',
			initialValues: filled,
		});
		await waitForFrame(instance, '✗ not saved: The profile store is locked by another process.');
		await press(instance, 'q', '✗ The profile could not be saved');
		await expect(instance.outcome).resolves.toEqual({kind: 'save-failed', message: 'The profile store is locked by another process.', endedWith: 'q'});
	});
});

describe('problems found before the work (issue 11, item 4)', () => {
	test('a store that cannot be saved to is said on the first step; the test waits until r finds it fixed', async () => {
		let problem: string | null = 'Profiles cannot be saved: /config cannot be written (permission denied).';
		const verify = vi.fn(async () => fakeResult());
		const instance = renderWizard({verify, checkStore: () => problem, initialValues: filled});
		resize(instance, 100, 40);
		const first = await waitForFrame(instance, "Step 1 of 8 · What you'll need");
		expect(flat(first)).toContain('✗ Profiles cannot be saved: /config cannot be written (permission denied).');
		await press(instance, keys.enter, 'Step 2 of 8');
		await press(instance, keys.enter, 'Step 3 of 8');
		await press(instance, keys.enter, 'Step 4 of 8');
		await press(instance, keys.enter, 'Step 5 of 8');
		await press(instance, keys.enter, '› Site');
		await press(instance, keys.enter, 'Step 6 of 8');
		await press(instance, keys.enter, '› Token secret');
		await press(instance, keys.enter, '› Profile name');
		let frame = await press(instance, keys.enter, 'Step 7 of 8 · Review');
		expect(flat(frame)).toContain('Fix it, then press r to check again.');
		expect(flat(frame)).toContain('r check again');
		// The page promises only what Enter does: here it checks again, it does not test & save.
		expect(flat(frame)).not.toContain('Press Enter to test & save');
		expect(flat(frame)).not.toContain('Enter test & save');
		instance.stdin.write(keys.enter);
		await waitFor(
			() => frameOf(instance).includes('Step 7 of 8'),
			() => 'still on the review',
		);
		expect(verify).not.toHaveBeenCalled();

		problem = null;
		frame = await press(instance, 'r', /Enter test & save/);
		expect(flat(frame)).not.toContain('cannot be saved');
		await press(instance, keys.enter, 'Verified');
		await waitFor(
			() => instance.saves.length === 1,
			() => 'the save',
		);
		expect(verify).toHaveBeenCalledTimes(1);
	});

	test('a save that failed after a passing test is tried again with r, without a second sign-in', async () => {
		let fail = true;
		const verify = vi.fn(async () => fakeResult());
		const instance = renderWizard({
			verify,
			save() {
				if (fail) {
					throw new Error('The profile store is locked by another process.');
				}

				return {path: '/config/profiles.json'};
			},
			initialStep: 'verify',
			initialValues: filled,
		});
		resize(instance, 100, 60);
		const frame = await waitForFrame(instance, '✗ not saved: The profile store is locked by another process.');
		expect(flat(frame)).toContain('r save again');
		fail = false;
		await press(instance, 'r', '"10ay-acme", saved in /config/profiles.json');
		expect(verify).toHaveBeenCalledTimes(1);
	});

	test('s save anyway says so on screen at once, before the save ends', async () => {
		const saving = deferred<{path: string}>();
		const instance = renderWizard({
			verify: async () => signinFailure(),
			save: async () => saving.promise,
			initialStep: 'verify',
			initialValues: filled,
		});
		resize(instance, 100, 60);
		await waitForFrame(instance, 's save anyway');
		await press(instance, 's', 'Saving…');
		saving.resolve({path: '/config/profiles.json'});
		await waitForFrame(instance, '! Saved without a passing test as "10ay-acme" in /config/profiles.json.');
	});
});

describe('a server that moved us (issue 9, left for the wizard)', () => {
	test('u on the success screen saves the address the server sent us to, as the home screen does', async () => {
		const moved = warning('redirected', {
			server: filled.server,
			redirectedTo: 'https://prod-useast-b.online.tableau.com/api/3.23/auth/signin',
			rerun: wizardFrame,
		});
		// At the new address the server no longer moves us.
		const verify = vi.fn(async (input: {server: string}) => fakeResult({warnings: input.server === filled.server ? [moved] : [], server: input.server}));
		const instance = renderWizard({verify, initialStep: 'verify', initialValues: filled});
		resize(instance, 100, 60);
		let frame = await waitForFrame(instance, 'u use the new address');
		expect(flat(frame)).toContain('Use it with the u key (use the new address): the server becomes https://prod-useast-b.online.tableau.com');
		await waitFor(
			() => instance.saves.length === 1,
			() => 'the first save',
		);
		frame = await press(instance, 'u', '→ Server URL corrected: https://10ay.online.tableau.com → https://prod-useast-b.online.tableau.com');
		await waitFor(
			() => instance.saves.length === 2,
			() => 'the save with the new address',
		);
		expect(instance.saves[1]!.input).toMatchObject({name: '10ay-acme', server: 'https://prod-useast-b.online.tableau.com'});
		// u tests again there, so every line agrees with the address shown.
		expect(verify).toHaveBeenCalledTimes(2);
		await waitForFrame(instance, '"10ay-acme", saved in');
		expect(flat(frameOf(instance))).toContain('Server URL https://prod-useast-b.online.tableau.com');
		expect(flat(frameOf(instance))).not.toContain('u use the new address');
	});
});

describe('narrow terminals', () => {
	test('at 60 columns the Site placeholder reads from its start, not cut from the left', async () => {
		const instance = renderWizard({verify: vi.fn(), initialStep: 'server'});
		resize(instance, 60, 30);
		const frame = await waitForFrame(instance, 'Step 5 of 8');
		await waitFor(
			() => frameOf(instance).split('\n')[0]!.length <= 60,
			() => 'a frame at 60 columns',
		);
		expect(flat(frameOf(instance))).toContain('Site (empty: the Default site, Tableau Server only)');
		expect(frame).not.toMatch(/…lt site/);
	});
});

describe('quitting', () => {
	test('Esc on the first step quits like Ctrl-C: cancelled, nothing saved', async () => {
		const instance = renderWizard({verify: vi.fn()});
		const first = await waitForFrame(instance, "Step 1 of 8 · What you'll need");
		expect(flat(first)).toContain('Esc quit');
		const frame = await press(instance, keys.escape, 'Stopped. Nothing was saved.');
		expect(frame).not.toContain('Step 1');
		await expect(instance.outcome).resolves.toEqual({kind: 'cancelled'});
		expect(instance.saves).toEqual([]);
	});

	test('Ctrl-C on a form saves nothing and ends with "cancelled"', async () => {
		const instance = renderWizard({verify: vi.fn(), initialStep: 'server'});
		await press(instance, 'https://tableau.example.com/#/site/finance/home', 'and site finance');
		const frame = await press(instance, keys.ctrlC, 'Stopped. Nothing was saved.');
		expect(frame).not.toContain('Step 5');
		await expect(instance.outcome).resolves.toEqual({kind: 'cancelled'});
		expect(instance.saves).toEqual([]);
	});

	test('Ctrl-C while the test runs stops it (its signal), waits for it to end, and saves nothing even if it passed', async () => {
		const answer = deferred<VerificationResult>();
		const signals: Array<AbortSignal | undefined> = [];
		const instance = renderWizard({
			verify: async (_input, options) => {
				signals.push(options?.signal);
				return answer.promise;
			},
			initialStep: 'verify',
			initialValues: filled,
		});
		await waitForFrame(instance, 'Testing https://10ay.online.tableau.com');
		expect(signals[0]?.aborted).toBe(false);
		await press(instance, keys.ctrlC, 'Stopping: the test stops now and signs out');
		expect(signals[0]?.aborted).toBe(true);
		answer.resolve(fakeResult());
		await expect(instance.outcome).resolves.toEqual({kind: 'cancelled'});
		expect(flat(instance.lastFrame() ?? '')).toContain('Stopped. Nothing was saved.');
		expect(instance.saves).toEqual([]);
	});

	test('without signOutOnCtrlC (the demo), Ctrl-C during the test ends the wizard at once', async () => {
		const instance = renderWizard({
			verify: async () => deferred<VerificationResult>().promise,
			initialStep: 'verify',
			initialValues: filled,
			signOutOnCtrlC: false,
		});
		await waitForFrame(instance, 'Testing https://10ay.online.tableau.com');
		await press(instance, keys.ctrlC, 'Stopped. Nothing was saved.');
		await expect(instance.outcome).resolves.toEqual({kind: 'cancelled'});
	});
});

describe('what the demo and "setup --profile" use', () => {
	test('a banner under the step indicator, and extra keys on the failure screen', async () => {
		let calls = 0;
		const verify: VerifyFunction = async () => (++calls === 1 ? signinFailure() : fakeResult());
		const run = vi.fn(({retry}: {retry: () => void}) => {
			retry();
		});
		const instance = renderWizard({
			verify,
			initialStep: 'verify',
			initialValues: filled,
			banner: 'DEMO · simulated Tableau',
			extraFailureActions: [{key: 'n', label: 'next fault', run}],
		});
		const frame = await waitForFrame(instance, 'n next fault');
		expect(frame.split('\n')[1]).toContain('DEMO · simulated Tableau');
		await press(instance, 'n', '✓ Verified');
		expect(run).toHaveBeenCalledTimes(1);
		expect(calls).toBe(2);
	});

	test('editing a saved profile keeps its name and its secret unless replaced', async () => {
		const instance = renderWizard({
			verify: async () => fakeResult(),
			initialStep: 'server',
			initialValues: {...filled, profileName: 'acme-prod'},
			editingProfile: 'acme-prod',
			existingProfileNames: ['acme-prod'],
		});
		await waitForFrame(instance, 'Server URL https://10ay.online.tableau.com');
		await press(instance, keys.enter, '› Site');
		let frame = await press(instance, keys.enter, 'Step 6 of 8');
		expect(flat(frame)).toContain('Profile name acme-prod');
		expect(flat(frame)).toContain(`Token secret ${'*'.repeat(filled.tokenSecret.length)}`);
		frame = await press(instance, keys.enter, '› Token secret');
		expect(flat(frame)).toContain('This is the saved secret. To use a new one, clear the field with Ctrl-U');
		frame = await press(instance, keys.enter, '› Profile name');
		expect(flat(frame)).toContain('Saving updates the profile "acme-prod".');
		frame = await press(instance, keys.enter, 'Step 7 of 8');
		expect(flat(frame)).toContain('Profile acme-prod');
		expect(flat(frame)).not.toContain('replaces');
		await press(instance, keys.enter, 'Verified');
		await waitFor(
			() => instance.saves.length === 1,
			() => 'one save',
		);
		expect(instance.saves[0]!.input).toMatchObject({name: 'acme-prod', tokenSecret: filled.tokenSecret});
		expect(instance.renames).toEqual([undefined]);
	});

	test('editing: a header names the profile, and a new name renames it instead of leaving a copy', async () => {
		const instance = renderWizard({
			verify: async () => fakeResult(),
			initialStep: 'server',
			initialValues: {...filled, profileName: 'acme-prod'},
			editingProfile: 'acme-prod',
			existingProfileNames: ['acme-prod'],
		});
		let frame = await waitForFrame(instance, 'Server URL https://10ay.online.tableau.com');
		expect(flat(frame)).toContain('Editing the profile "acme-prod"');
		await press(instance, keys.enter, '› Site');
		await press(instance, keys.enter, 'Step 6 of 8');
		await press(instance, keys.enter, '› Token secret');
		await press(instance, keys.enter, '› Profile name');
		await press(instance, '\u0015', /› Profile name *\n/);
		frame = await press(instance, 'acme-finance', 'Saving renames the profile "acme-prod" to "acme-finance".');
		frame = await press(instance, keys.enter, 'Step 7 of 8');
		expect(flat(frame)).toContain('Profile acme-finance (renames "acme-prod" to "acme-finance")');
		expect(flat(frame)).toContain('Editing the profile "acme-prod"');
		await press(instance, keys.enter, 'Verified');
		await waitFor(
			() => instance.saves.length === 1,
			() => 'one save',
		);
		expect(instance.saves[0]!.input).toMatchObject({name: 'acme-finance'});
		expect(instance.renames).toEqual(['acme-prod']);
	});
});

describe('wrong-scheme on the failure screen (issue 19)', () => {
	test('u makes the server the address the remedy names, and r tests it there', async () => {
		const typed = 'https://tableau.example.com:8080';
		const wrongScheme = diagnose('wrong-scheme', {server: typed, rerun: wizardFrame});
		const calls: string[] = [];
		const verify = vi.fn(async (input: {server: string}) => {
			calls.push(input.server);
			return calls.length === 1 ? {...fakeResult({code: 'wrong-scheme', server: typed}), diagnosis: wrongScheme} : fakeResult({server: input.server});
		});
		const instance = renderWizard({verify, initialStep: 'verify', initialValues: {...filled, server: typed}});
		resize(instance, 120, 60);
		const failed = flat(await waitForFrame(instance, 'u use the new address'));
		expect(failed).toContain(
			'Use it with the u key (use the new address): the server becomes http://tableau.example.com:8080. Then test again with the r key (retry).',
		);
		expect(failed).not.toContain('typed without a scheme');
		await press(instance, 'u', 'Server URL corrected: https://tableau.example.com:8080 → http://tableau.example.com:8080');
		await press(instance, 'r', '✓ Verified');
		expect(calls).toEqual([typed, 'http://tableau.example.com:8080']);
	});
});
