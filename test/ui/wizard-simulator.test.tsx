// The whole wizard by keystrokes against the Tableau simulator, over real HTTP.
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {diagnose} from '../../source/verify/diagnoses.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {flat, keys, press, resize, typeKeys, waitForFrame} from '../helpers/ink.js';
import {enterSecretAndReview, pasteAddressAndGoOn, renderWizard, savedPath, walkToServerStep, type RenderedWizard} from '../helpers/wizard.js';
import {expectNoSecrets} from '../helpers/leaks.js';

let simulator: Simulator;

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator.close();
});

afterEach(() => {
	cleanup();
	simulator.setScenario('ok');
});

function addressBar(): string {
	return `${simulator.url}/#/site/${simulator.site}/workbooks`;
}

/** From the first step to the running test, typing everything. */
async function walkToVerify(instance: RenderedWizard): Promise<void> {
	await walkToServerStep(instance);
	await pasteAddressAndGoOn(instance, addressBar(), simulator.site);
	await enterSecretAndReview(instance, simulator.tokenSecret, simulator.tokenName);
	await press(instance, keys.enter, 'Step 8 of 8 · Save & test');
}

function expectSecretNeverShown(instance: RenderedWizard): void {
	expectNoSecrets(instance.frames, simulator);
}

/** The first few words of a remedy, which fit on one line however the text wraps. */
function remedyStart(text: string): string {
	return text.replaceAll('`', '').split(' ').slice(0, 5).join(' ');
}

describe('the wizard against the simulator', () => {
	test('happy path: every step by keystroke, a verified test, the profile saved and where', async () => {
		const instance = renderWizard({verify: verifyConnection});
		await walkToVerify(instance);
		await waitForFrame(instance, '✓ Verified: Parable can connect with this token.');
		// Room for the whole result, the details below the verdict included.
		resize(instance, 100, 80);
		const frame = await waitForFrame(instance, `saved in ${savedPath}`);
		expect(flat(frame)).toMatch(/✓ Reach server .* Connected to 127\.0\.0\.1/);
		expect(flat(frame)).toContain('Tableau 2024.2.1, REST API 3.23');
		expect(flat(frame)).toContain('(Site Administrator Creator)');
		expect(flat(frame)).toMatch(/✓ Sign out/);
		expect(flat(frame)).toContain('Content Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.');
		expect(flat(frame)).toMatch(/Token expires in about 177 days, on \d{4}-\d{2}-\d{2} \(Tableau's estimate\)/);

		// The values for Parable's form come right after the verdict, the details after them.
		const bottom = await waitForFrame(instance, "In Parable's Tableau form, enter these, then click Save & test connection:");
		expect(flat(bottom)).toContain('Tableau also ends a token left unused for 15 days in a row.');
		expect(flat(bottom)).toContain(`Server URL ${simulator.url}`);
		expect(flat(bottom)).toContain('Token name Parable Integration');

		expect(instance.saves).toHaveLength(1);
		expect(instance.saves[0]!.input).toEqual({
			name: '127.0.0.1-acme',
			server: simulator.url,
			site: simulator.site,
			tokenName: simulator.tokenName,
			tokenSecret: simulator.tokenSecret,
			caFile: null,
		});
		expect(instance.saves[0]!.verification?.ok).toBe(true);

		await press(instance, keys.enter, '✓ Done: profile "127.0.0.1-acme" is saved and verified.');
		await expect(instance.outcome).resolves.toMatchObject({kind: 'verified', profile: '127.0.0.1-acme', path: savedPath});
		expectSecretNeverShown(instance);
		expect(simulator.stats().activeSessions).toBe(0);
	});

	test('wrong-secret: the sign-in diagnosis with its numbered remedies, and nothing saved', async () => {
		simulator.setScenario('wrong-secret');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		const frame = await waitForFrame(instance, 'What to do:');
		expect(flat(frame)).toContain('✗ Sign in');
		expect(flat(frame)).toMatch(/\[signin-failed · HTTP 401 · Tableau 401001\]/);
		const {remediation} = diagnose('signin-failed', {});
		expect(flat(frame)).toContain(`1. ${remedyStart(remediation[0]!)}`);
		expect(flat(frame)).toContain(`2. ${remedyStart(remediation[1]!)}`);
		expect(flat(frame)).toMatch(/e edit · r retry · s save anyway · c curl · q quit/);
		expect(instance.saves).toEqual([]);
		// Nothing is saved: the remedy names this screen's keys, not a profile that does not exist.
		const all = flat(instance.frames.join('\n'));
		expect(all).toContain('Fix the values with the e key (edit), then test again with the r key (retry).');
		expect(all).not.toContain('setup --profile');
		expect(all).not.toContain('tableau-connect test 127.0.0.1-acme');

		await press(instance, 'q', '✗ The test did not pass and nothing was saved.');
		await expect(instance.outcome).resolves.toMatchObject({kind: 'failed'});
		expect(instance.saves).toEqual([]);
		expectSecretNeverShown(instance);
	});

	test('not-admin: the permissions check fails with the role remedy', async () => {
		simulator.setScenario('not-admin');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		const frame = await waitForFrame(instance, 'What to do:');
		expect(flat(frame)).toContain('✓ Sign in');
		expect(flat(frame)).toContain('✗ Role & users');
		expect(flat(frame)).toContain('[insufficient-permissions · HTTP 403');
		const {remediation} = diagnose('insufficient-permissions', {});
		expect(flat(frame)).toContain(`1. ${remedyStart(remediation[0]!)}`);
	});

	test('explorer-role: verified, with the not-site-admin warning and its remedy', async () => {
		simulator.setScenario('explorer-role');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		const frame = await waitForFrame(instance, '[not-site-admin]');
		expect(flat(frame)).toContain('✓ Verified');
		expect(flat(frame)).toMatch(/! Role & users/);
		expect(flat(frame)).toContain('Parable can connect, but some content');
		await waitForFrame(instance, `saved in ${savedPath}`);
	});

	test('cloud-redirect: verified, with the redirect warning and the address to save instead', async () => {
		simulator.setScenario('cloud-redirect');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		const frame = await waitForFrame(instance, '[redirected]');
		expect(flat(frame)).toContain('✓ Verified');
		expect(flat(frame)).toMatch(/! The server moved us to http:\/\/localhost:\d+; save that address instead/);
		expect(flat(frame)).toMatch(/1\. Requests should go to http:\/\/localhost:\d+ directly\. Use it with the u key \(use the new address\)/);
		expect(flat(frame)).toMatch(/! Sign in .*redirected to/);
		// What to type into Parable is the address to save, not the one that moved.
		expect(flat(frame)).toMatch(/Server URL +http:\/\/localhost:\d+/);
		expect(flat(frame)).not.toMatch(/Server URL +http:\/\/127\.0\.0\.1/);
		// Ended with Enter rather than u, the wizard leaves the command that saves the new address.
		await waitForFrame(instance, 'saved in');
		const closing = flat(await press(instance, keys.enter, '! Done: profile'));
		expect(closing).toMatch(
			/! Done: profile "[\w.-]+" is saved and verified, but the server moved us to http:\/\/localhost:\d+\. Save that address with: tableau-connect profiles set-server [\w.-]+ http:\/\/localhost:\d+/,
		);
	});

	test('edit after a failure goes to the secret with every value kept; the new secret passes', async () => {
		simulator.setScenario('wrong-secret');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		await waitForFrame(instance, '[signin-failed');
		simulator.setScenario('ok');

		let frame = await press(instance, 'e', 'Step 6 of 8 · Token and profile name');
		expect(flat(frame)).toContain('The test failed: Tableau refused the token sign-in [signin-failed]');
		expect(flat(frame)).toMatch(/› Token secret \*{10}/);
		expect(flat(frame)).toContain('Token name Parable Integration');

		await press(instance, keys.ctrlU, /› Token secret +\(paste the secret\)/);
		await typeKeys(instance, simulator.tokenSecret, '*'.repeat(simulator.tokenSecret.length));
		// As the message says: Enter goes on to the review, not through Profile name first.
		frame = await press(instance, keys.enter, 'Step 7 of 8 · Review');
		expect(flat(frame)).toContain(`Server URL ${simulator.url}`);
		await press(instance, keys.enter, 'Step 8 of 8');
		await waitForFrame(instance, `saved in ${savedPath}`);
		expect(instance.saves).toHaveLength(1);
		expectSecretNeverShown(instance);
	});

	test('retry after the server is fixed passes without editing', async () => {
		simulator.setScenario('not-admin');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		await waitForFrame(instance, '[insufficient-permissions');
		simulator.setScenario('ok');
		await press(instance, 'r', '✓ Verified');
		await waitForFrame(instance, `saved in ${savedPath}`);
		expect(instance.saves).toHaveLength(1);
	});

	test('c shows the curl commands at the detected version, with the secret as a variable', async () => {
		simulator.setScenario('wrong-secret');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		await waitForFrame(instance, '[signin-failed');
		const frame = await press(instance, 'c', 'The same test with curl');
		expect(frame).toContain('curl -X POST \\');
		expect(frame).toContain(`  "${simulator.url}/api/3.23/auth/signin" \\`);
		expect(frame).toContain('"personalAccessTokenSecret": "$TABLEAU_TOKEN_SECRET"');
		expect(frame).toContain('"personalAccessTokenName": "Parable Integration"');
		expect(frame).toContain('"site": {"contentUrl": "acme"}');
		expect(frame).toContain(`"${simulator.url}/api/3.23/sites/$SITE_ID/users?pageSize=1"`);
		expectNoSecrets(frame, simulator);
		await press(instance, 'c', 'What to do:');
		expectSecretNeverShown(instance);
	});

	test('save anyway after a failure writes the profile, unverified, and says so', async () => {
		simulator.setScenario('wrong-secret');
		const instance = renderWizard({verify: verifyConnection});
		resize(instance, 100, 60);
		await walkToVerify(instance);
		await waitForFrame(instance, '[signin-failed');
		await press(instance, 's', `Saved without a passing test as "127.0.0.1-acme" in ${savedPath}`);
		expect(instance.saves).toHaveLength(1);
		expect(instance.saves[0]!.verification?.diagnosis?.code).toBe('signin-failed');
		await press(instance, 'q', 'is saved, but its test did not pass');
		await expect(instance.outcome).resolves.toMatchObject({kind: 'saved-unverified', profile: '127.0.0.1-acme'});
	});
});

describe('Ctrl-C during the test', () => {
	const filled = () => ({
		server: simulator.url,
		site: simulator.site,
		tokenName: simulator.tokenName,
		tokenSecret: simulator.tokenSecret,
		profileName: 'stopped',
	});

	test('stops at once and signs out before the wizard ends; nothing is saved', async () => {
		const before = simulator.stats();
		// Paced, so that Ctrl-C lands after sign-in and before the last check.
		const instance = renderWizard({verify: verifyConnection, initialStep: 'verify', initialValues: filled(), verifyOptions: {minimumCheckMs: 300}});
		await waitForFrame(instance, /✓ +Sign in /);
		instance.stdin.write(keys.ctrlC);
		expect(await instance.outcome).toEqual({kind: 'cancelled'});
		// The sign-out takes milliseconds here: the frame that said so has come and gone.
		const said = instance.frames.map(frame => flat(frame)).find(frame => frame.includes('Stopping: the test stops now and signs out'));
		expect(said).toContain('Ctrl-C quit now, without waiting for the sign-out');
		const after = simulator.stats();
		expect(after.signIns - before.signIns).toBe(1);
		expect(after.signOuts - before.signOuts).toBe(1);
		expect(after.activeSessions).toBe(0);
		expect(instance.saves).toEqual([]);
		expectSecretNeverShown(instance);
	});

	test('a second Ctrl-C ends the wizard at once', async () => {
		simulator.setScenario('slow');
		const instance = renderWizard({verify: verifyConnection, initialStep: 'verify', initialValues: filled(), verifyOptions: {timeoutMs: 10_000}});
		await waitForFrame(instance, /Server version +checking…/);
		await press(instance, keys.ctrlC, 'Stopping');
		const started = Date.now();
		instance.stdin.write(keys.ctrlC);
		expect(await instance.outcome).toEqual({kind: 'cancelled', testLeftRunning: true});
		// Well before the slow server answers.
		expect(Date.now() - started).toBeLessThan(2000);
	});
});
