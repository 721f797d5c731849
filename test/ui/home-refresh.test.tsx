// The home screen notices profiles changed by another command while it is open, and a test run
// with a one-off override (--api-version) is not kept as the profile's last result.
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {homeDependencies} from '../../source/commands/home/home-dependencies.js';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {profileFor, renderHome, renderStoreHome, tempStore, type TempStore} from '../helpers/home.js';
import {press, waitForFrame} from '../helpers/ink.js';

let simulator: Simulator;
const stores: TempStore[] = [];

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator.close();
});

afterEach(() => {
	cleanup();
	for (const store of stores.splice(0)) {
		store.remove();
	}
});

describe('changes made elsewhere', () => {
	test('a profile added or removed by another process shows up without leaving the screen', async () => {
		const temp = await tempStore([profileFor('alpha', simulator)]);
		stores.push(temp);
		const instance = renderStoreHome(temp.store, {refreshMs: 50});
		await waitForFrame(instance, '› alpha');
		// Another command, with its own handle on the same file.
		const elsewhere = openProfileStore({directory: temp.directory, env: {}, secretStore: 'file'});
		await elsewhere.save(profileFor('beta', simulator));
		const both = await waitForFrame(instance, 'beta');
		expect(both.split('\n')[0]).toContain('profile 1 of 2');
		await elsewhere.remove('alpha');
		const after = await waitForFrame(instance, frame => !frame.includes('alpha') && frame.includes('› beta'));
		expect(after.split('\n')[0]).toContain('1 saved profile');
	});
});

describe('one-off overrides', () => {
	test('a test with --api-version is shown but not kept as the last result', async () => {
		const temp = await tempStore([profileFor('alpha', simulator)]);
		stores.push(temp);
		const instance = renderHome({...homeDependencies(temp.store, {timeoutMs: 5000, apiVersion: '3.19'}), limit: 4});
		await waitForFrame(instance, '› alpha');
		await press(instance, 't', '✓ Verified:');
		expect(temp.store.get('alpha')?.lastVerification).toBeNull();
	});
});
