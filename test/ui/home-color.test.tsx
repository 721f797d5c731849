// The home screen and the live test view with colour off (NO_COLOR): no colour codes, and every
// result still reads as a symbol and words.
import {afterEach, expect, test} from 'vitest';

import {cleanup, render} from 'ink-testing-library';
import type {ProfileSummary} from '../../source/ui/profile-tests/types.js';
import {TestRunApp} from '../../source/ui/profile-tests/TestRunApp.js';
import {diagnose} from '../../source/verify/diagnoses.js';
import {withColourTerminal} from '../helpers/colour.js';
import {renderHome} from '../helpers/home.js';
import {flat, press, resize, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';

withColourTerminal();
afterEach(() => {
	cleanup();
});

const colour = /\u001B\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/;
const plain = (frame: string) => flat(frame.replaceAll(/\u001B\[[\d;]*m/g, ''));
const at = new Date().toISOString();
const profiles: ProfileSummary[] = [
	{
		name: 'alpha',
		server: 'https://a.example.com',
		site: 'acme',
		tokenName: 'Parable Integration',
		lastVerification: {
			at,
			ok: true,
			diagnosisCode: null,
			productVersion: '2024.2.1',
			apiVersion: '3.23',
			userName: 'ada',
			siteRole: 'SiteAdministratorCreator',
		},
	},
	{
		name: 'beta',
		server: 'https://b.example.com',
		site: '',
		tokenName: 'Parable Integration',
		lastVerification: {at, ok: false, diagnosisCode: 'signin-failed', productVersion: null, apiVersion: null, userName: null, siteRole: null},
	},
];

async function failing() {
	return {...fakeResult({code: 'signin-failed'}), diagnosis: diagnose('signin-failed', {httpStatus: 401, tableauCode: '401001'})};
}

for (const color of [true, false]) {
	test(`home screen ${color ? 'with' : 'without'} colour`, async () => {
		const instance = renderHome({list: () => profiles, verify: failing, record() {}, remove() {}, color});
		resize(instance, 100, 60);
		let frame = await waitForFrame(instance, '✗ signin-failed just now');
		expect(colour.test(frame)).toBe(color);
		frame = await press(instance, 't', 'What to do:');
		expect(colour.test(frame)).toBe(color);
		expect(plain(frame)).toContain('✗ Sign in');
		expect(plain(frame)).toContain('✓ Reach server');
		expect(plain(frame)).toMatch(/› alpha ✗ signin-failed just now/);
		expect(plain(frame)).toContain('beta ✗ signin-failed just now');
		expect(plain(frame)).toContain('Default site');
	});

	test(`live test view ${color ? 'with' : 'without'} colour`, async () => {
		const instance = render(<TestRunApp profiles={profiles} verify={failing} record={() => {}} limit={2} color={color} />);
		const frame = await waitForFrame(instance, 'profiles verified');
		expect(colour.test(frame)).toBe(color);
		expect(plain(frame)).toContain('✗ 0 of 2 profiles verified; failed: alpha, beta.');
	});
}
