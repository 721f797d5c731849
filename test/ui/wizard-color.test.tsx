// Colour only adds to symbols and words: with colour off (NO_COLOR), the frames hold no colour codes.
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {diagnose} from '../../source/verify/diagnoses.js';
import {withColourTerminal} from '../helpers/colour.js';
import {flat, keys, press, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';

withColourTerminal();
afterEach(() => {
	cleanup();
});

const colour = /\u001B\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/;
const filled = {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration', tokenSecret: 'secret-value'};

function failing() {
	const result = fakeResult({code: 'signin-failed'});
	return {...result, diagnosis: diagnose('signin-failed', {httpStatus: 401, tableauCode: '401001'})};
}

test('with colour, status and headings are coloured', async () => {
	const instance = renderWizard({verify: async () => failing(), initialStep: 'verify', initialValues: filled});
	const frame = await waitForFrame(instance, 'signin-failed');
	expect(frame).toMatch(colour);
});

test('without colour, the same screens carry no colour codes, only symbols and words', async () => {
	const instance = renderWizard({verify: async () => failing(), initialStep: 'server', initialValues: {...filled, server: 'acme'}, color: false});
	let frame = await press(instance, keys.enter, 'looks like a site name');
	expect(frame).not.toMatch(colour);
	expect(frame).toContain('✗ ');
	await press(instance, keys.ctrlU);
	await press(instance, 'https://tableau.example.com/#/site/sales/home', 'and site sales');
	await press(instance, keys.enter, 'Filled in');
	await press(instance, keys.enter, 'Step 6 of 8');
	await press(instance, keys.tab, '› Token secret');
	await press(instance, keys.enter, '› Profile name');
	frame = await press(instance, keys.enter, 'Step 7 of 8');
	expect(frame).not.toMatch(colour);
	frame = await press(instance, keys.enter, 'signin-failed');
	expect(frame).not.toMatch(colour);
	expect(flat(frame)).toContain('✗ Sign in');
	expect(flat(frame)).toContain('✓ Reach server');
});
