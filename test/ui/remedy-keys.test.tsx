// Every diagnosis and warning, read where it can be read, names only keys that screen's footer offers
// at that moment and only commands that run where it is read. The results are real remedies, built
// with the frame each screen hands its runs.
import {afterEach, describe, expect, test} from 'vitest';
import {diagnose, warning, type DiagnosisContext} from '../../source/verify/diagnoses.js';
import type {RemedyFrame} from '../../source/verify/remedy-frame.js';
import {diagnosisCodes, warningCodes, type DiagnosisCode, type VerificationResult} from '../../source/verify/types.js';
import {flat, frameOf, keys, press, resize, waitForFrame, type Rendered} from '../helpers/ink.js';
import {renderHome} from '../helpers/home.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';

const context: DiagnosisContext = {
	server: 'https://tableau.example.com:8443',
	site: 'finance',
	tokenName: 'Parable Integration',
	httpStatus: 401,
	tableauCode: '401001',
	apiVersion: '3.4',
	productVersion: '2019.2.5',
	retryAfterSeconds: 90,
	redirectedTo: 'https://10ay.online.tableau.com/api/3.19/auth/signin',
	siteRole: 'Explorer',
	refused: 'views',
	token: {expiresAt: '2026-12-10T10:00:00Z', expiresInDays: 7},
};

/** A result as the pipeline would give it for `code` (null: a pass), with every warning, worded for `rerun`. */
function resultFor(code: DiagnosisCode | null, rerun: RemedyFrame | undefined, profile: string): VerificationResult {
	const framed = {...context, profile, ...(rerun ? {rerun} : {})};
	return {
		...fakeResult({...(code ? {code} : {}), server: context.server}),
		diagnosis: code ? diagnose(code, framed) : null,
		warnings: warningCodes.map(item => warning(item, framed)),
	};
}

/** Every "the X key (label)" a screen's text names. */
function mentionedKeys(screen: string): Array<{key: string; label: string}> {
	return [...flat(screen).matchAll(/the (\S+) key \(([^)]+)\)/g)].map(([, key, label]) => ({key: key!, label: label!}));
}

/** The footer's hints, "key label" each, from the last line of the frame. */
function footerOf(screen: string): string[] {
	const lines = screen.split('\n').filter(line => line.trim() !== '');
	return lines
		.at(-1)!
		.split(' · ')
		.map(hint => hint.trim());
}

function expectOffered(screen: string): void {
	const footer = footerOf(screen);
	const mentions = mentionedKeys(screen);
	for (const {key, label} of mentions) {
		expect(footer, `"the ${key} key (${label})" is named, but the footer offers: ${footer.join(' · ')}`).toContain(`${key} ${label}`);
	}

	// Keys are named only one way, so none escapes this check.
	expect(flat(screen)).not.toMatch(/\b[a-zA-Z] \((edit|retry|use the new address|rotate token)\)/);
	expect(flat(screen)).not.toMatch(/\(\w (edit|retry)\)/);
}

const rendered: Rendered[] = [];
afterEach(() => {
	for (const instance of rendered.splice(0)) {
		instance.unmount();
	}
});

const filled = {server: context.server!, site: 'finance', tokenName: 'Parable Integration', tokenSecret: 'secret-value', profileName: 'acme'};

describe('the wizard: a diagnosis on the failure screen, warnings under it', () => {
	test.each(diagnosisCodes)('%s', async code => {
		let frame: RemedyFrame | undefined;
		const instance = renderWizard({
			async verify(input) {
				frame = input.rerun;
				return resultFor(code, input.rerun, 'acme');
			},
			initialStep: 'verify',
			initialValues: filled,
		});
		rendered.push(instance);
		resize(instance, 400, 300);
		const screen = await waitForFrame(instance, 'e edit');
		expect(frame?.kind).toBe('keys');
		expectOffered(screen);
		// The wizard's own command, never a saved profile's: nothing is saved before the test passes.
		expect(flat(screen)).not.toMatch(/setup --profile acme|test acme\b|profiles set-server acme/);
	});
});

describe('the wizard: warnings on the success screen', () => {
	test('every warning names only the keys the success screen offers', async () => {
		const instance = renderWizard({
			verify: async input => resultFor(null, input.rerun, 'acme'),
			initialStep: 'verify',
			initialValues: filled,
		});
		rendered.push(instance);
		resize(instance, 400, 300);
		const screen = await waitForFrame(instance, 'Enter finish');
		expectOffered(screen);
		expect(mentionedKeys(screen).map(mention => mention.key)).toContain('u');
		// u moves to the address the server sent us to; plain-http's https:// address is not that one.
		expect(flat(screen)).not.toContain('Use it with the u key (use the new address): the server becomes https://tableau.example.com,');
		// token-expiring: no e here; the rotation command, once saved.
		expect(flat(screen)).toContain('Once the profile is saved, replace it with tableau-connect rotate acme');
	});
});

describe('the demo: the wizard without the commands of a real setup', () => {
	test.each(['tls-untrusted-certificate', 'timeout', 'signin-failed'] as const)('%s names no tableau-connect command', async code => {
		const instance = renderWizard({
			verify: async input => resultFor(code, input.rerun, 'demo'),
			initialStep: 'verify',
			initialValues: filled,
			remedyCommands: false,
			extraFailureActions: [{key: 'p', label: 'pick a scenario', run() {}}],
		});
		rendered.push(instance);
		resize(instance, 400, 300);
		const screen = await waitForFrame(instance, 'p pick a scenario');
		expectOffered(screen);
		expect(flat(screen)).not.toContain('tableau-connect setup');
		expect(flat(screen)).not.toContain('--insecure`');
	});
});

describe('the home screen: remedies under the selected profile', () => {
	test.each([...diagnosisCodes, null])('%s', async code => {
		const instance = renderHome({
			list: () => [{name: 'acme', server: context.server!, site: 'finance', tokenName: 'Parable Integration', lastVerification: null}],
			verify: async (_name, _onEvent, rerun) => resultFor(code, rerun, 'acme'),
			record() {},
			async remove() {},
		});
		rendered.push(instance);
		resize(instance, 400, 300);
		await waitForFrame(instance, 't test');
		const screen = await press(instance, 't', code === null ? /Verified/ : `[${code}`);
		expectOffered(screen);
		// A redirect is moved with u right there, not with the long command.
		if (code === null) {
			expect(flat(screen)).toContain('Use it with the u key (use the new address)');
			expect(flat(screen)).toContain('Replace it in this profile with the r key (rotate token)');
		}

		instance.stdin.write(keys.escape);
		expect(frameOf(instance)).toBeTruthy();
	});
});

describe('command lines offer no keys: test, test NAME, profiles add', () => {
	const places: Array<[string, DiagnosisContext]> = [
		['test with flags', {rerun: {kind: 'flags', secret: 'stdin'}}],
		['test NAME', {profile: 'acme'}],
		['profiles add', {profile: 'acme', rerun: {kind: 'command'}}],
	];
	test.each(places)('%s', (_place, frame) => {
		for (const code of diagnosisCodes) {
			const text = [diagnose(code, {...context, ...frame}), ...warningCodes.map(item => warning(item, {...context, ...frame}))]
				.flatMap(item => ['explanation' in item ? item.explanation : '', ...item.remediation])
				.join('\n');
			expect(mentionedKeys(text), code).toEqual([]);
			expect(text, code).not.toMatch(/\b[a-zA-Z] \((edit|retry|use the new address|rotate token)\)/);
		}
	});
});
