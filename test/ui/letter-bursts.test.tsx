// Screens whose keys are letters (home, scenario picker, verify screen): letters and keys that arrive
// in one read act in order, as if typed one by one.
import {afterEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {ProfileInput} from '../../source/profiles/types.js';
import {withDemo} from '../helpers/demo.js';
import {renderStoreHome, tempStore, type TempStore} from '../helpers/home.js';
import {flat, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';

const stores: TempStore[] = [];

afterEach(() => {
	cleanup();
	for (const store of stores.splice(0)) {
		store.remove();
	}
});

function profile(name: string): ProfileInput {
	return {name, server: 'https://tableau.example.com', site: name, tokenName: 'Parable Integration', tokenSecret: `secret-of-${name}`};
}

async function threeProfiles() {
	const store = await tempStore([profile('alpha'), profile('beta'), profile('gamma')]);
	stores.push(store);
	return store.store;
}

describe('home screen', () => {
	test('"jj" selects two rows down', async () => {
		const instance = renderStoreHome(await threeProfiles());
		await waitForFrame(instance, '› alpha');
		instance.stdin.write('jj');
		await waitForFrame(instance, '› gamma');
	});

	test('"jdy" in one read removes the second profile', async () => {
		const store = await threeProfiles();
		const instance = renderStoreHome(store);
		await waitForFrame(instance, '› alpha');
		instance.stdin.write('jdy');
		await waitForFrame(instance, '✓ Removed "beta" from this computer.');
		expect(store.list().map(item => item.name)).toEqual(['alpha', 'gamma']);
	});

	test('"dn" in one read asks, then keeps: n answers the question and does not also open the wizard', async () => {
		const store = await threeProfiles();
		const instance = renderStoreHome(store);
		await waitForFrame(instance, '› alpha');
		instance.stdin.write('dn');
		await waitForFrame(instance, 'Kept "alpha".');
		instance.stdin.write('q');
		await expect(instance.outcome).resolves.toEqual({kind: 'quit'});
		expect(store.list()).toHaveLength(3);
	});
});

describe('scenario picker', () => {
	test('"jj" and Enter in one read start the third scenario', async () => {
		await withDemo({scenario: null}, async demo => {
			await waitForFrame(demo, 'pick a scenario');
			demo.stdin.write('jj\r');
			await waitForFrame(demo, 'Step 1 of 8');
			expect(demo.simulator.scenario).toBe('explorer-role');
			expect(flat(demo.lastFrame() ?? '')).toContain('Simulated Tableau · Signed in as an Explorer');
		});
	});
});

describe('verify screen', () => {
	test('"ccc" in one read opens the curl view (three toggles); "cq" closes it and quits', async () => {
		const verify = vi.fn(async () => fakeResult({code: 'signin-failed'}));
		const instance = renderWizard({
			verify,
			initialStep: 'verify',
			initialValues: {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration', tokenSecret: 'secret-value'},
		});
		await waitForFrame(instance, 'signin-failed');
		instance.stdin.write('ccc');
		await waitForFrame(instance, 'curl ');
		instance.stdin.write('cq');
		await expect(instance.outcome).resolves.toMatchObject({kind: 'failed'});
	});
});
