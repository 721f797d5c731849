// The home screen by keystrokes, over a real profile store and real simulators over HTTP: the list
// with last results, re-testing one or all live, removing with a question, handing over to the
// wizard, quitting; at 80×24 and narrower; the secret never on screen.
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import type {LastVerification} from '../../source/profiles/types.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import type {VerifyProfile} from '../../source/ui/profile-tests/types.js';
import {diagnose} from '../../source/verify/diagnoses.js';
import type {VerificationEvent} from '../../source/verify/types.js';
import {profileFor, renderHome, renderStoreHome, tempStore, type RenderedHome, type TempStore} from '../helpers/home.js';
import {flat, keys, press, resize, waitFor, waitForFrame} from '../helpers/ink.js';
import {deferred, fakeResult} from '../helpers/verification.js';
import {expectNoSecrets} from '../helpers/leaks.js';

let good: Simulator;
let wrongSecret: Simulator;
let notAdmin: Simulator;
const stores: TempStore[] = [];
const rendered: RenderedHome[] = [];

beforeAll(async () => {
	[good, wrongSecret, notAdmin] = await Promise.all([
		startSimulator({scenario: 'ok'}),
		startSimulator({scenario: 'wrong-secret'}),
		startSimulator({scenario: 'not-admin'}),
	]);
});

afterAll(async () => {
	await Promise.all([good, wrongSecret, notAdmin].map(async simulator => simulator?.close()));
});

afterEach(() => {
	// Whatever a test did, no secret reached any frame.
	for (const instance of rendered.splice(0)) {
		for (const frame of instance.frames) {
			expectNoSecrets(frame, good, wrongSecret, notAdmin);
		}
	}

	cleanup();
	for (const store of stores.splice(0)) {
		store.remove();
	}
});

/** A store with alpha (ok), beta (wrong secret) and gamma (Viewer role), each on its own simulator. */
async function threeProfiles(): Promise<TempStore> {
	const store = await tempStore([profileFor('alpha', good), profileFor('beta', wrongSecret), profileFor('gamma', notAdmin)]);
	stores.push(store);
	return store;
}

function track(instance: RenderedHome): RenderedHome {
	rendered.push(instance);
	return instance;
}

/** The first words of a remedy, which fit on one line however the text wraps. */
function remedyStart(text: string): string {
	return text.replaceAll('`', '').split(' ').slice(0, 5).join(' ');
}

const now = Date.parse('2026-03-10T12:00:00.000Z');

function last(ok: boolean, minutesAgo: number, diagnosisCode: LastVerification['diagnosisCode'] = null): LastVerification {
	return {
		at: new Date(now - minutesAgo * 60_000).toISOString(),
		ok,
		diagnosisCode,
		productVersion: '2024.2.1',
		apiVersion: '3.23',
		userName: ok ? 'ada@example.com' : null,
		siteRole: ok ? 'SiteAdministratorCreator' : null,
	};
}

describe('the list', () => {
	test('shows each profile with server, site, token name, and its last result with how long ago', async () => {
		const {store} = await threeProfiles();
		store.recordVerification('alpha', {
			...last(true, 5),
			// Estimated 20 days out when it was tested; recounted from now on screen.
			token: {expiresAt: '2026-03-20T11:55:00Z', expiresInDays: 20},
			access: {workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true},
		});
		store.recordVerification('beta', {...last(false, 3 * 24 * 60, 'signin-failed'), token: {expiresAt: '2027-01-01T00:00:00Z', expiresInDays: 300}});
		const instance = track(renderStoreHome(store, {now: () => now}));
		const frame = await waitForFrame(instance, 'gamma');
		const lines = frame.split('\n');
		expect(lines[0]).toMatch(/Tableau connections +profile 1 of 3/);
		expect(lines[1]).toBe('Soonest token expiry: alpha, in about 9 days (on 2026-03-20).');
		expect(flat(frame)).toContain('Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.');
		expect(flat(frame)).toContain("The token expires in about 9 days (on 2026-03-20, Tableau's estimate).");
		expect(flat(frame)).toContain('Tableau ends a token left unused for 15 days in a row; this profile was last verified 5 minutes ago.');
		expect(frame).toMatch(/› alpha +✓ verified 5 minutes ago/);
		expect(frame).toContain(`    ${good.url} · site acme · token Parable Integration`);
		expect(frame).toMatch(/ {2}beta +✗ signin-failed 3 days ago/);
		expect(frame).toMatch(/ {2}gamma +never tested/);
		// The selected profile's stored result, in words.
		expect(flat(frame)).toContain('✓ Last test passed 5 minutes ago: Tableau 2024.2.1, REST API 3.23, ada@example.com (Site Administrator Creator).');
		expect(flat(frame)).toContain('↑↓ select · t test · a test all · e edit · r rotate token · d remove · n new · q quit');

		const beta = await press(instance, keys.down, '› beta');
		expect(flat(beta)).toContain(
			'✗ Last test failed 3 days ago: Tableau refused the token sign-in [signin-failed]. Press t to test it again and see what to do.',
		);
		expect(beta.split('\n')[0]).toContain('profile 2 of 3');
		const gamma = await press(instance, 'j', '› gamma');
		expect(flat(gamma)).toContain('Not tested yet. Press t to test it.');
		// The end of the list stops the selection: one step up from there is beta again.
		instance.stdin.write(keys.down);
		await press(instance, 'k', '› beta');
	});
});

describe('re-testing', () => {
	test('t tests the selected profile against the simulator, shows ✓ and records the result', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store));
		await waitForFrame(instance, '› alpha');
		const checks = await press(instance, 't', '✓ verified just now');
		expect(flat(checks)).toMatch(/› alpha +✓ verified just now/);
		expect(flat(checks)).toMatch(/✓ Reach server .* Connected to 127\.0\.0\.1/);
		expect(flat(checks)).toMatch(/✓ Content .* Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available\./);
		// The verdict is below the six check lines: PgDn brings it up.
		const frame = await press(instance, keys.pageDown + keys.pageDown, '✓ Verified:');
		expect(flat(frame)).toContain('can use site "acme" (Tableau 2024.2.1, REST API 3.23)');
		expect(flat(frame)).toMatch(/The token expires in about 177 days \(on \d{4}-\d{2}-\d{2}, Tableau's estimate\)\./);
		await waitFor(
			() => store.get('alpha')?.lastVerification?.ok,
			() => 'the result recorded',
		);
		expect(store.get('alpha')?.lastVerification).toMatchObject({
			ok: true,
			diagnosisCode: null,
			siteRole: 'SiteAdministratorCreator',
			apiVersion: '3.23',
			token: {expiresInDays: 177},
			access: {workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true},
		});
		expect(good.stats().activeSessions).toBe(0);
		// The soonest expiry, in the summary under the title, from this test.
		expect(flat(frame)).toMatch(/Soonest token expiry: alpha, in about 177 days \(on \d{4}-\d{2}-\d{2}\)/);
	});

	test("a profile's saved CA file is read at each test; when it is gone, the test says so and how to fix it", async () => {
		const secure = await startSimulator({tls: true});
		const {store, directory} = await tempStore([]);
		try {
			const caFile = join(directory, 'company-ca.pem');
			writeFileSync(caFile, secure.certificatePem!);
			await store.save({...profileFor('secure', secure), caFile});
			const instance = track(renderStoreHome(store));
			await waitForFrame(instance, '› secure');
			await press(instance, 't', '✓ Verified:');
			rmSync(caFile);
			const frame = await press(instance, 't', 'set-ca-file');
			expect(flat(frame)).toContain(`Profile "secure" trusts the CA file ${caFile}: cannot read it (ENOENT)`);
		} finally {
			rmSync(directory, {recursive: true, force: true});
			await secure.close();
		}
	});

	test('Enter tests too; a wrong secret shows the diagnosis with its remedies, and is recorded as failed', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store, {select: 'beta'}));
		resize(instance, 100, 60);
		await waitForFrame(instance, '› beta');
		const frame = await press(instance, keys.enter, 'What to do:');
		expect(flat(frame)).toMatch(/› beta +✗ signin-failed just now/);
		expect(flat(frame)).toContain('✗ Sign in');
		expect(flat(frame)).toContain('[signin-failed · HTTP 401 · Tableau 401001]');
		const {remediation} = diagnose('signin-failed', {});
		expect(flat(frame)).toContain(`1. ${remedyStart(remediation[0]!)}`);
		expect(flat(frame)).toContain(`2. ${remedyStart(remediation[1]!)}`);
		await waitFor(
			() => store.get('beta')?.lastVerification,
			() => 'the result recorded',
		);
		expect(store.get('beta')?.lastVerification).toMatchObject({ok: false, diagnosisCode: 'signin-failed'});
	});

	test('a Viewer token fails the role check with the permissions remedy, which PgDn scrolls to at 80×24', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store, {select: 'gamma'}));
		resize(instance, 80, 24);
		await waitForFrame(instance, '› gamma');
		let frame = await press(instance, 't', '✗ insufficient-permissions just now');
		expect(flat(frame)).toContain('✓ Sign in');
		expect(flat(frame)).toContain('- Content');
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		expect(frame.split('\n').every(line => [...line].length <= 80)).toBe(true);
		expect(flat(frame)).toMatch(/↓ \d+ more lines below \(PgUp\/PgDn to scroll\)/);
		const {remediation} = diagnose('insufficient-permissions', {});
		frame = await press(instance, keys.pageDown, '[insufficient-permissions');
		frame = await press(instance, keys.pageDown + keys.pageDown, `1. ${remedyStart(remediation[0]!)}`);
		expect(flat(frame)).toMatch(/↑ \d+ more lines above/);
	});

	test('the check lines update live: a spinner on the running check, progress in the list', async () => {
		const {store} = await threeProfiles();
		const gate = deferred<void>();
		const fake: VerifyProfile = async (_name, onEvent: (event: VerificationEvent) => void) => {
			onEvent({type: 'check-started', id: 'reach'});
			onEvent({type: 'check-finished', check: {id: 'reach', status: 'ok', summary: 'Connected to tableau.example.com', durationMs: 41}});
			onEvent({type: 'check-started', id: 'serverinfo'});
			await gate.promise;
			return fakeResult();
		};

		const instance = track(renderStoreHome(store, {verify: fake}));
		await waitForFrame(instance, '› alpha');
		let frame = await press(instance, 't', 'checking…');
		expect(flat(frame)).toMatch(/› alpha +. testing: Server version \(1\/6\)/);
		expect(flat(frame)).toContain('Testing now…');
		expect(flat(frame)).toMatch(/✓ Reach server +41 ms +Connected to tableau\.example\.com/);
		expect(flat(frame)).toMatch(/Server version +checking…/);
		expect(flat(frame)).toMatch(/· +Sign in +waiting/);
		// While it runs, the keys that leave the screen wait.
		expect(flat(frame)).toContain('↑↓ select · t test · a test all · Ctrl-C stop');
		frame = await press(instance, 'q', 'Tests are running: wait for them to end');
		gate.resolve();
		frame = await waitForFrame(instance, '✓ Verified:');
		expect(flat(frame)).toMatch(/› alpha +✓ verified just now/);
		await press(instance, 'q');
		await expect(instance.outcome).resolves.toEqual({kind: 'quit'});
	});

	test('a re-tests every profile at once, within the bound, each line live, with mixed results', async () => {
		const {store} = await threeProfiles();
		const gate = deferred<void>();
		let active = 0;
		let most = 0;
		const {verify} = (await import('../../source/commands/home/home-dependencies.js')).homeDependencies(store, {timeoutMs: 5000});
		const gated: VerifyProfile = async (name, onEvent) => {
			active++;
			most = Math.max(most, active);
			try {
				await gate.promise;
				return await verify(name, onEvent);
			} finally {
				active--;
			}
		};

		const instance = track(renderStoreHome(store, {verify: gated, limit: 2}));
		resize(instance, 100, 40);
		await waitForFrame(instance, '› alpha');
		let frame = await press(instance, 'a', 'waiting to test');
		expect(flat(frame)).toMatch(/alpha +. testing: starting \(0\/6\)/);
		expect(flat(frame)).toMatch(/beta +. testing: starting \(0\/6\)/);
		expect(flat(frame)).toMatch(/gamma +· waiting to test/);
		expect(most).toBe(2);
		gate.resolve();
		frame = await waitForFrame(instance, /gamma +✗ insufficient-permissions just now/);
		expect(frame).toMatch(/alpha +✓ verified just now/);
		expect(frame).toMatch(/beta +✗ signin-failed just now/);
		expect(most).toBe(2);
		await waitFor(
			() => store.get('gamma')?.lastVerification,
			() => 'every result recorded',
		);
		expect(store.list().map(profile => [profile.name, profile.lastVerification?.ok, profile.lastVerification?.diagnosisCode])).toEqual([
			['alpha', true, null],
			['beta', false, 'signin-failed'],
			['gamma', false, 'insufficient-permissions'],
		]);
		// The details follow the selection: beta's remedies, then gamma's.
		frame = await press(instance, keys.down, '[signin-failed');
		frame = await press(instance, keys.down, '[insufficient-permissions');
		expect(flat(frame)).toContain('✗ Role & users');
	});

	test('a verify function that throws shows what happened instead of a verdict', async () => {
		const {store} = await threeProfiles();
		const instance = track(
			renderStoreHome(store, {
				async verify() {
					throw new Error('pipeline exploded');
				},
			}),
		);
		await waitForFrame(instance, '› alpha');
		const frame = await press(instance, 't', 'The test stopped unexpectedly: pipeline exploded');
		expect(flat(frame)).toMatch(/› alpha +✗ test stopped just now/);
		expect(store.get('alpha')?.lastVerification).toBeNull();
	});
});

describe('removing', () => {
	test('d asks inside the screen; n keeps the profile, y removes it from the store', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store));
		await waitForFrame(instance, '› alpha');
		await press(instance, keys.down, '› beta');
		let frame = await press(instance, 'd', 'Remove the profile "beta"? y removes it, n keeps it.');
		expect(flat(frame)).toContain('the token itself stays valid in Tableau');
		expect(flat(frame)).toContain('y remove · n keep');
		// The list keys do nothing while the question is open: beta is still selected after ↓.
		instance.stdin.write(keys.down);
		frame = await press(instance, 'n', 'Kept "beta".');
		expect(frame).toContain('› beta');
		expect(store.get('beta')).toBeDefined();

		await press(instance, 'd', 'Remove the profile "beta"?');
		frame = await press(instance, 'y', '✓ Removed "beta" from this computer.');
		expect(frame).not.toMatch(/^ {2}beta/m);
		expect(frame).toMatch(/› gamma/);
		expect(frame.split('\n')[0]).toContain('profile 2 of 2');
		expect(store.list().map(profile => profile.name)).toEqual(['alpha', 'gamma']);
	});

	test('removing the last profile leaves a screen that offers to set one up', async () => {
		const only = await tempStore([profileFor('solo', good)]);
		stores.push(only);
		const instance = track(renderStoreHome(only.store));
		await press(instance, 'd', 'Remove the profile "solo"?');
		const frame = await press(instance, 'y', 'No saved profiles. Press n to set one up, q to quit.');
		expect(flat(frame)).toContain('n new profile · q quit');
		instance.stdin.write('n');
		await expect(instance.outcome).resolves.toEqual({kind: 'add'});
	});
});

describe('leaving the screen', () => {
	test('e hands the selected profile to the wizard', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store, {select: 'gamma'}));
		await waitForFrame(instance, '› gamma');
		instance.stdin.write('e');
		await expect(instance.outcome).resolves.toEqual({kind: 'edit', profile: 'gamma'});
	});

	test('r hands the selected profile to the rotation, and the footer offers it', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store, {select: 'gamma'}));
		const frame = await waitForFrame(instance, '› gamma');
		expect(flat(frame)).toContain('r rotate token');
		instance.stdin.write('r');
		await expect(instance.outcome).resolves.toEqual({kind: 'rotate', profile: 'gamma'});
	});

	test('n hands over to the wizard for a new profile', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store));
		await waitForFrame(instance, '› alpha');
		instance.stdin.write('n');
		await expect(instance.outcome).resolves.toEqual({kind: 'add'});
	});

	test('q quits and leaves the list on screen; Ctrl-C ends at once', async () => {
		const {store} = await threeProfiles();
		const quitting = track(renderStoreHome(store));
		await waitForFrame(quitting, '› alpha');
		const frame = await press(quitting, 'q', frame => !frame.includes('q quit'));
		expect(frame).toContain('› alpha');
		expect(frame).not.toContain('Last test');
		await expect(quitting.outcome).resolves.toEqual({kind: 'quit'});

		const stopping = track(renderStoreHome(store));
		await waitForFrame(stopping, '› alpha');
		stopping.stdin.write(keys.ctrlC);
		await expect(stopping.outcome).resolves.toEqual({kind: 'interrupted', testsRunning: false});
	});

	test('Ctrl-C while a test runs ends at once and leaves no spinner behind', async () => {
		const {store} = await threeProfiles();
		const never = deferred<never>();
		const instance = track(renderStoreHome(store, {verify: async () => never.promise}));
		await waitForFrame(instance, '› alpha');
		await press(instance, 't', 'testing: starting');
		const frame = await press(instance, keys.ctrlC, '- test stopped');
		expect(frame).toMatch(/› alpha +- test stopped/);
		expect(frame).not.toContain('testing:');
		await expect(instance.outcome).resolves.toEqual({kind: 'interrupted', testsRunning: true});
	});

	test('a notice and a selection from the wizard show when the screen comes back', async () => {
		const {store} = await threeProfiles();
		const instance = track(renderStoreHome(store, {select: 'beta', notice: {tone: 'ok', text: '✓ "beta" is saved and verified.'}}));
		const frame = await waitForFrame(instance, '✓ "beta" is saved and verified.');
		expect(frame).toContain('› beta');
		const moved = await press(instance, keys.up, '› alpha');
		expect(moved).not.toContain('is saved and verified');
	});
});

describe('layout', () => {
	const many = Array.from({length: 20}, (_, index) => ({
		name: `customer-${String(index + 1).padStart(2, '0')}.tableau-production`,
		server: 'https://10ay.online.tableau.com',
		site: `customer${index + 1}`,
		tokenName: 'Parable Integration',
		lastVerification: null,
	}));

	for (const [columns, rows] of [
		[80, 24],
		[50, 20],
	] as const) {
		test(`${columns}×${rows} with 20 profiles: every line fits, the list scrolls with the selection`, async () => {
			const instance = track(
				renderHome({
					list: () => many,
					verify: async () => fakeResult({code: 'signin-failed'}),
					record() {},
					remove() {},
					banner: '! --insecure: TLS certificates are NOT verified',
				}),
			);
			resize(instance, columns, rows);
			const fits = (frame: string) => {
				const lines = frame.split('\n');
				return lines.length <= rows - 1 && lines.every(line => [...line].length <= columns);
			};

			let frame = await waitForFrame(instance, frame => frame.includes('customer-01') && fits(frame));
			expect(frame).toContain('! --insecure');
			expect(frame).not.toContain('customer-20');
			// A long list says that there is more below, and how many.
			expect(flat(frame)).toMatch(/↓ \d+ more below/);
			expect(flat(frame)).not.toContain('more above');
			for (let step = 0; step < 14; step++) {
				frame = await press(instance, keys.down);
			}

			frame = await waitForFrame(instance, /› customer-15/);
			expect(frame).not.toContain('customer-01');
			expect(flat(frame)).toMatch(/↑ \d+ more above/);
			expect(frame.split('\n')[0]).toContain('15 of 20');
			expect(fits(frame), frame).toBe(true);
			frame = await press(instance, 't', frame => frame.includes('✗ signin-failed just now') && /more lines below \(PgUp/.test(flat(frame)));
			expect(fits(frame), frame).toBe(true);
			frame = await press(instance, keys.pageDown + keys.pageDown + keys.pageDown, 'Second remedy.');
			expect(fits(frame), frame).toBe(true);
			expect(frame).toMatch(/› customer-15/);
		});
	}
});
