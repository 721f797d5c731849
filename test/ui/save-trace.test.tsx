// The failure screens' w: the wizard's and the home screen's, over real simulators and the command
// layer's own trace keeping (as setup and tableau-connect wire them). The key is offered only under
// a failed test; the file it writes is owner-only HAR 1.2 in the config folder's traces/, with no
// piece of the token secret or of any session token in it.
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {homeDependencies} from '../../source/commands/home/home-dependencies.js';
import {createRunTraces} from '../../source/commands/core/run-traces.js';
import {wizardTraces} from '../../source/commands/setup/wizard-traces.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {redactedMarker} from '../../source/tableau/exchange.js';
import type {harOf} from '../../source/tableau/har.js';
import {diagnose} from '../../source/verify/diagnoses.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {expectHar} from '../helpers/har.js';
import {profileFor, renderHome, tempStore, type TempStore} from '../helpers/home.js';
import {flat, keys, press, waitForFrame, type Rendered} from '../helpers/ink.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {renderWizard} from '../helpers/wizard.js';

let failing: Simulator;
let passing: Simulator;
let configDir = '';
const rendered: Rendered[] = [];

beforeAll(async () => {
	[failing, passing] = await Promise.all([startSimulator({scenario: 'session-stolen'}), startSimulator({scenario: 'ok'})]);
});

afterAll(async () => {
	await Promise.all([failing.close(), passing.close()]);
});

beforeEach(() => {
	configDir = mkdtempSync(join(tmpdir(), 'tableau-connect-save-trace-'));
});

afterEach(() => {
	for (const instance of rendered.splice(0)) {
		expectNoSecrets(instance.frames, failing, passing);
	}

	cleanup();
	rmSync(configDir, {recursive: true, force: true});
});

// Signed in, then failed: the trace holds a session token to be kept out of it, not only the secret.
const failedText = `✗ ${diagnose('session-invalidated').title}`;

const traces = () => createRunTraces(undefined, {TABLEAU_CONNECT_CONFIG_DIR: configDir});

/** The one trace saved so far: its path, the HAR, and its text; the folder and the file are owner-only. */
function savedTrace(): {file: string; har: ReturnType<typeof harOf>; text: string} {
	const folder = join(configDir, 'traces');
	const files = readdirSync(folder);
	expect(files).toHaveLength(1);
	const file = join(folder, files[0]!);
	expect(statSync(folder).mode & 0o777).toBe(0o700);
	expect(statSync(file).mode & 0o777).toBe(0o600);
	const text = readFileSync(file, 'utf8');
	return {file, har: JSON.parse(text) as ReturnType<typeof harOf>, text};
}

/** The saved file holds the whole failed run, redacted: no piece of the secret or of a session token of `simulator`. */
function expectTraceOf(simulator: Simulator, text: string, har: ReturnType<typeof harOf>): void {
	expectHar(har, har.log.entries.length);
	expect(har.log.entries.map(entry => new URL(entry.request.url).pathname.split('/').at(-1))).toEqual(
		expect.arrayContaining(['serverinfo', 'signin', 'signout']),
	);
	// The session the run signed in with was in its requests: the leak check below looks for it.
	expect(simulator.requests.some(request => request.headers['x-tableau-auth'])).toBe(true);
	expect(har.log.entries.map(entry => entry.response.status)).toContain(401);
	expect(text).toContain(redactedMarker);
	// The token name and site stay: support needs them.
	expect(text).toContain(simulator.tokenName);
	expectNoSecrets(text, simulator);
}

/** The screen's line names the file; a path wider than the terminal is broken across lines, so spaces are left out of the comparison. */
function expectSaidWhere(frame: string, file: string): void {
	const unspaced = (text: string) => text.replaceAll(/\s+/g, '');
	expect(unspaced(frame)).toContain(unspaced(`Saved a trace of this test to ${file}. It holds no secret; send it to your support contact.`));
}

function wizardAt(simulator: Simulator, withTraces = true) {
	const traced = wizardTraces(traces(), verifyConnection);
	const instance = renderWizard({
		verify: withTraces ? traced.verify : verifyConnection,
		...(withTraces ? {saveTrace: traced.saveTrace} : {}),
		initialStep: 'verify',
		initialValues: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, profileName: 'acme.cloud'},
	});
	rendered.push(instance);
	return instance;
}

describe("the wizard's failure screen", () => {
	it('w saves the failed test as owner-only HAR in traces/, named after the profile, and says where', async () => {
		const instance = wizardAt(failing);
		const failed = await waitForFrame(instance, failedText);
		expect(flat(failed)).toContain('w save trace');
		const said = flat(await press(instance, 'w', 'send it to your support contact'));
		const {file, har, text} = savedTrace();
		expect(file).toMatch(/\/traces\/tableau-connect-trace-acme\.cloud-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.har$/);
		expectSaidWhere(said, file);
		expectTraceOf(failing, text, har);
		// The session token the run signed in with, and any other, is in no byte of it.
		expectNoSecrets(text, failing);
	});

	it('the trace is of the test on screen: after r, w saves the new run, in a file of its own', async () => {
		const instance = wizardAt(failing);
		await waitForFrame(instance, failedText);
		await press(instance, 'w', 'send it to your support contact');
		const first = savedTrace();
		await press(instance, 'r', frame => !frame.includes('send it to your support contact') && frame.includes(failedText));
		await press(instance, 'w', 'send it to your support contact');
		const files = readdirSync(join(configDir, 'traces'));
		expect(files).toHaveLength(2);
		const second = readFileSync(
			join(
				configDir,
				'traces',
				files.find(name => join(configDir, 'traces', name) !== first.file)!,
			),
			'utf8',
		);
		// Numbered from 1 in this process: the second run's requests are later ones.
		const ids = (text: string) => (JSON.parse(text) as ReturnType<typeof harOf>).log.entries.map(entry => entry.startedDateTime);
		expect(ids(second).length).toBeGreaterThan(0);
		expect(ids(second)[0]! >= ids(first.text).at(-1)!).toBe(true);
		expectNoSecrets(second, failing);
	});

	it('is not offered after a passing test, nor when the caller keeps no traces', async () => {
		const passed = wizardAt(passing);
		const frame = await waitForFrame(passed, '✓ Verified');
		expect(flat(frame)).not.toContain('save trace');
		passed.stdin.write('w');
		await press(passed, 'c', 'curl');
		expect(flat(passed.lastFrame() ?? '')).not.toContain('Saved a trace');
		passed.unmount();
		const untraced = wizardAt(failing, false);
		const failed = await waitForFrame(untraced, failedText);
		expect(flat(failed)).not.toContain('save trace');
		expect(flat(failed)).toContain('c curl');
	});
});

describe("the home screen's failed test", () => {
	let store: TempStore;

	beforeEach(async () => {
		store = await tempStore([profileFor('bad', failing), profileFor('good', passing)]);
	});

	afterEach(() => {
		store.remove();
	});

	function home() {
		const instance = renderHome({...homeDependencies(store.store, {timeoutMs: 5000}, undefined, traces()), limit: 4});
		rendered.push(instance);
		return instance;
	}

	it('w is listed only under a failed test, and saves that test, named after its profile', async () => {
		const instance = home();
		const before = await waitForFrame(instance, 't test');
		expect(flat(before)).not.toContain('save trace');
		instance.stdin.write('w');
		const failed = await press(instance, 't', failedText);
		expect(flat(failed)).toContain('w save trace');
		const said = flat(await press(instance, 'w', 'send it to your support contact'));
		const {file, har, text} = savedTrace();
		expect(file).toMatch(/\/traces\/tableau-connect-trace-bad-[\dT-]+Z\.har$/);
		expectSaidWhere(said, file);
		expectTraceOf(failing, text, har);

		// The next profile passes: no key for it, and w does nothing there.
		await press(instance, keys.down, frame => flat(frame).includes('Not tested yet') || !flat(frame).includes('w save trace'));
		const verified = await press(instance, 't', '✓ Verified');
		expect(flat(verified)).not.toContain('save trace');
		instance.stdin.write('w');
		await press(instance, keys.up, 'w save trace');
		expect(readdirSync(join(configDir, 'traces'))).toHaveLength(1);
	});

	it('without traces from the caller, no key', async () => {
		const instance = renderHome({...homeDependencies(store.store, {timeoutMs: 5000}), limit: 4});
		rendered.push(instance);
		await waitForFrame(instance, 't test');
		const failed = await press(instance, 't', failedText);
		expect(flat(failed)).not.toContain('save trace');
	});
});
