// The home screen's key for a server that moved: after a test that was redirected, u saves the new
// address in the profile; without such a test the key does nothing. Real store, real simulator.
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {homeDependencies} from '../../source/commands/home/home-dependencies.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {profileFor, renderHome, tempStore, type TempStore} from '../helpers/home.js';
import {flat, keys, press, tick, waitForFrame} from '../helpers/ink.js';

const simulators: Simulator[] = [];
const stores: TempStore[] = [];

afterEach(async () => {
	cleanup();
	for (const store of stores.splice(0)) {
		store.remove();
	}

	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

test('u saves the address a redirected test ended on, and only after such a test', async () => {
	const simulator = await startSimulator({scenario: 'http-upgrade'});
	simulators.push(simulator);
	const target = simulator.url.replace('http://', 'https://');
	const temp = await tempStore([profileFor('moved', simulator)]);
	stores.push(temp);
	const home = renderHome({...homeDependencies(temp.store, {timeoutMs: 5000, caPem: simulator.certificatePem}), limit: 4});
	await waitForFrame(home, 'moved');
	// Before any test here, u has nothing to save.
	home.stdin.write('u');
	await tick();
	expect(flat(home.lastFrame() ?? '')).not.toContain('use the new address');
	expect(temp.store.get('moved')?.server).toBe(simulator.url);

	const tested = flat(await press(home, 't', 'u use the new address'));
	expect(tested).toContain('(redirected to https://');
	// The warning is below the six check lines and the verdict: PgDn brings it up.
	await press(home, keys.pageDown + keys.pageDown, '[redirected]');
	await press(home, 'u', `"moved" now uses ${target}`);
	expect(temp.store.get('moved')?.server).toBe(target);
	expect(await temp.store.readSecret('moved')).toBe(simulator.tokenSecret);

	// Tested again at the new address: no redirect, no key.
	const again = flat(await press(home, 't', 'Signed out'));
	expect(again).not.toContain('[redirected]');
	expect(again).not.toContain('use the new address');
	for (const frame of home.frames) {
		expect(frame).not.toContain(simulator.tokenSecret);
	}
});
