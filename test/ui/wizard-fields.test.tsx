// Every message the form steps give, by keystrokes: what is refused, what is warned about, what is filled in.
import {afterEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {flat, frameOf, keys, press, typeKeys, waitForFrame} from '../helpers/ink.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard, walkToServerStep, type RenderedWizard} from '../helpers/wizard.js';

afterEach(() => {
	cleanup();
});

const verify = vi.fn(async () => fakeResult());

function atServer(): RenderedWizard {
	return renderWizard({verify, initialStep: 'server'});
}

function atCredentials(values: {server?: string; site?: string; tokenName?: string} = {}): RenderedWizard {
	return renderWizard({verify, initialStep: 'credentials', initialValues: {server: 'https://tableau.example.com', site: 'finance', ...values}});
}

const blocked = 'needs fixing before you go on';

describe('server details', () => {
	test.each([
		['Enter', keys.enter],
		['Tab', keys.tab],
	])('a pasted address bar stays as pasted until %s, which fills server and site', async (_name, key) => {
		const instance = renderWizard({verify});
		await walkToServerStep(instance);
		const address = 'https://10ay.online.tableau.com/#/site/acme/workbooks';
		let frame = await press(instance, address, 'Enter or Tab will use server https://10ay.online.tableau.com and site acme.');
		expect(flat(frame)).toContain(`› Server URL ${address}`);
		expect(flat(frame)).not.toContain('Filled in');
		frame = await press(instance, key, 'Filled in from the address you pasted into Server URL.');
		expect(flat(frame)).toContain('Server URL https://10ay.online.tableau.com ');
		expect(flat(frame)).toContain('The site "acme" was moved to the Site field.');
		expect(flat(frame)).toMatch(/› Site +acme /);
		await press(instance, keys.enter, 'Step 6 of 8');
		expect(flat(frameOf(instance))).toContain('Profile name 10ay-acme');
	});

	test('an empty server is refused on Enter', async () => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		const frame = await press(instance, keys.enter, blocked);
		expect(flat(frame)).toContain('! Server URL needs fixing before you go on');
		expect(flat(frame)).toContain('✗ Type the server address, for example https://10ay.online.tableau.com');
		expect(flat(frame)).toContain('Step 5 of 8');
	});

	test.each([
		['acme', 'looks like a site name rather than a server address'],
		['ftp://tableau.example.com', 'is not an address Tableau answers on: use https://'],
		['https://user:pw@tableau.example.com', 'Leave the user name and password out of the address'],
		['https://tableau.example.com:99999', 'Port 99999 is out of range'],
		['https://tab_leau!.example.com', 'cannot be part of a host name'],
	])('the server "%s" is refused: %s', async (typed, message) => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		await typeKeys(instance, typed, typed.slice(-6));
		const frame = await press(instance, keys.enter, message);
		expect(flat(frame)).toContain(blocked);
		expect(flat(frame)).toContain('› Server URL');
	});

	test('a message goes away as soon as the value is fixed', async () => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		await typeKeys(instance, 'acme', 'acme');
		await press(instance, keys.enter, 'looks like a site name');
		await press(instance, keys.ctrlU, frame => !frame.includes('looks like a site name') && !frame.includes(blocked));
		await typeKeys(instance, 'tableau.example.com', 'tableau.example.com');
		const frame = await press(instance, keys.enter, '› Site');
		expect(flat(frame)).toContain('Server URL https://tableau.example.com');
		// The value shows its https:// now: the note that said it would be added is gone (issue 11, item 7).
		expect(flat(frame)).not.toContain('https:// is used');
	});

	test('Tableau Cloud without a pod, and http for Cloud, are warned about as they are typed', async () => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		await typeKeys(instance, 'https://online.tableau.com', 'This Tableau Cloud address has no pod in it.');
		await press(instance, keys.ctrlU, frame => !frame.includes('no pod'));
		await typeKeys(instance, 'http://10ay.online.tableau.com', 'Tableau Cloud only signs in over https://');
	});

	test('Tableau Cloud needs a site', async () => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		await typeKeys(instance, 'https://10ay.online.tableau.com', '.com');
		await press(instance, keys.enter, '› Site');
		const frame = await press(instance, keys.enter, 'Tableau Cloud has no Default site');
		expect(flat(frame)).toContain('! Site needs fixing before you go on');
	});

	test('an empty site on Tableau Server is the Default site, and goes on', async () => {
		const instance = atServer();
		await waitForFrame(instance, '› Server URL');
		await typeKeys(instance, 'https://tableau.example.com', '.com');
		const frame = await press(instance, keys.enter, '› Site');
		expect(flat(frame)).toContain('An empty site means the Default site.');
		await press(instance, keys.enter, 'Step 6 of 8');
		expect(flat(frameOf(instance))).toContain('Profile name tableau-default');
	});

	test.each([
		['Acme Sales', "looks like the site's display name"],
		['acme!', 'a site content URL holds only letters, digits, hyphens and underscores'],
		['https://tableau.example.com/#/signin', 'That looks like an address, but it does not show a site'],
	])('the site "%s" is refused: %s', async (typed, message) => {
		const instance = renderWizard({verify, initialStep: 'server', initialValues: {server: 'https://tableau.example.com'}});
		await press(instance, keys.tab, '› Site');
		await typeKeys(instance, typed, typed.slice(-4));
		await press(instance, keys.enter, message);
	});
});

describe('a token secret pasted where a visible value goes', () => {
	// Made up, in the shape of Tableau's secrets.
	const secret = 'q7Vd2mXkTz9Lr4BnWc8YhA==:Pk3rT9vLm2QxW7nB5cZs8JdF4hGy6aRe';
	test.each([
		['Server URL', () => atServer(), 'not a server'],
		['Token name', () => atCredentials(), 'not a token name'],
	] as const)('in %s: masked as it is pasted, refused on Enter, and no message repeats any of it', async (field, start, message) => {
		const instance = start();
		await waitForFrame(instance, `› ${field}`);
		// Pasted: one write. Masked is masked, in whatever field a secret lands.
		const typed = await press(instance, secret, new RegExp(`› ${field} +\\*{${secret.length}}`));
		expectNoSecrets(typed, secret);
		const frame = await press(instance, keys.enter, 'looks like a token secret');
		expect(flat(frame)).toContain(message);
		expect(flat(frame)).toContain(blocked);
		expectNoSecrets(frame, secret);
		// Once it is no longer secret-shaped, the field shows its text again.
		await press(instance, keys.ctrlU, `› ${field}`);
		await typeKeys(instance, 'acme', `› ${field} acme`);
	});
});

describe('credentials', () => {
	test('the token name only suggests Parable Integration: Enter on it is refused', async () => {
		const instance = atCredentials();
		await waitForFrame(instance, '› Token name Parable Integration (suggested; type yours)');
		const frame = await press(instance, keys.enter, "Type the token's name exactly as it appears in Tableau's Personal Access Tokens list.");
		expect(flat(frame)).toContain('! Token name needs fixing');
		expect(flat(frame)).toContain('› Token name');
	});

	test('a token name from the starting values is a real value', async () => {
		const instance = atCredentials({tokenName: 'Ops Token'});
		await waitForFrame(instance, '› Token name Ops Token');
		const frame = await press(instance, keys.enter, '› Token secret');
		expect(flat(frame)).not.toContain('suggested; type yours');
	});

	test.each([
		['', 'Paste the token secret that Tableau showed when you created the token.'],
		['abc def', 'The secret contains a space or a line break'],
		['Parable', "This is the token's name, not its secret."],
	])('the secret "%s" is refused: %s', async (typed, message) => {
		const instance = atCredentials();
		await waitForFrame(instance, '› Token name Parable Integration (suggested; type yours)');
		await typeKeys(instance, 'Parable', frame => flat(frame).includes('› Token name Parable ') && !frame.includes('suggested'));
		await press(instance, keys.tab, '› Token secret');
		if (typed !== '') {
			await typeKeys(instance, typed, '*'.repeat(typed.length));
		}

		const frame = await press(instance, keys.enter, message);
		expect(flat(frame)).toContain('! Token secret needs fixing before you go on');
	});

	test('a secret that cannot be Tableau’s is warned about in words, without repeating it, and Enter still goes on', async () => {
		const instance = atCredentials({tokenName: 'Ops Token'});
		await press(instance, keys.tab, '› Token secret');
		let frame = await typeKeys(instance, 'nopezz', '******');
		expect(flat(frame)).toContain('does not look like one from Tableau');
		expect(frame).not.toContain('nopezz');
		frame = await press(instance, keys.enter, '› Profile name');
		expect(flat(frame)).not.toContain('needs fixing');
	});

	test('the secret is masked; Ctrl-R shows it and hides it again', async () => {
		const instance = atCredentials();
		await press(instance, keys.tab, '› Token secret');
		let frame = await typeKeys(instance, 's3cr3t', '******');
		expect(frame).not.toContain('s3cr3t');
		expect(flat(frame)).toContain('Ctrl-R show secret');
		expect(flat(frame)).toContain('Hidden. Ctrl-R shows it while you check it.');
		frame = await press(instance, keys.ctrlR, 's3cr3t');
		expect(flat(frame)).toContain('Ctrl-R hide secret');
		expect(flat(frame)).toContain('Shown. Ctrl-R hides it.');
		frame = await press(instance, keys.ctrlR, '******');
		expect(frame).not.toContain('s3cr3t');
		expect(flat(frame)).toContain('Hidden. Ctrl-R shows it while you check it.');
	});

	test.each([
		['Tab', keys.tab, '› Profile name', keys.shiftTab],
		['Shift-Tab', keys.shiftTab, '› Token name', keys.tab],
		['↓', keys.down, '› Profile name', keys.up],
	])('a shown secret is hidden again when %s leaves its field', async (_name, leave, focus, comeBack) => {
		const instance = atCredentials();
		await press(instance, keys.tab, '› Token secret');
		await typeKeys(instance, 's3cr3t', '******');
		await press(instance, keys.ctrlR, 'Shown. Ctrl-R hides it.');
		let frame = await press(instance, leave, focus);
		expect(frame).not.toContain('s3cr3t');
		expect(flat(frame)).not.toContain('Ctrl-R');
		frame = await press(instance, comeBack, '› Token secret ******');
		expect(flat(frame)).toContain('Hidden. Ctrl-R shows it while you check it.');
		expect(flat(frame)).toContain('Ctrl-R show secret');
	});

	test('the secret is hidden again after going back', async () => {
		const instance = atCredentials();
		await press(instance, keys.tab, '› Token secret');
		await typeKeys(instance, 's3cr3t', '******');
		await press(instance, keys.ctrlR, 's3cr3t');
		await press(instance, keys.escape, 'Step 5 of 8');
		const frame = await press(instance, keys.enter, '› Site');
		expect(frame).toContain('Step 5 of 8');
		await press(instance, keys.enter, 'Step 6 of 8');
		expect(frameOf(instance)).not.toContain('s3cr3t');
	});

	test("an invalid profile name is refused with the store's rule", async () => {
		const instance = atCredentials();
		await press(instance, keys.tab, '› Token secret');
		await typeKeys(instance, 'secret', '******');
		await press(instance, keys.tab, '› Profile name');
		await press(instance, keys.ctrlU, frame => !frame.includes('tableau-finance'));
		await typeKeys(instance, 'my profile', 'my profile');
		await press(instance, keys.enter, 'A profile name can only use letters, digits, ".", "_" and "-": try "my-profile".');
	});

	test('a saved name warns that saving replaces it; the default avoids it', async () => {
		const instance = renderWizard({
			verify,
			initialStep: 'credentials',
			existingProfileNames: ['tableau-finance', 'prod'],
			initialValues: {server: 'https://tableau.example.com', site: 'finance'},
		});
		await waitForFrame(instance, 'Profile name tableau-finance-2');
		await press(instance, keys.shiftTab, '› Profile name');
		await press(instance, keys.ctrlU, frame => !frame.includes('tableau-finance-2'));
		await typeKeys(instance, 'prod', 'A profile named "prod" already exists: saving replaces it.');
	});

	test('Esc goes back with every value kept, Enter forward again', async () => {
		const instance = renderWizard({verify});
		await walkToServerStep(instance);
		await press(instance, 'https://tableau.example.com/#/site/finance/home', 'and site finance');
		// Going to another step leaves the field, so the address is split on the way.
		await press(instance, keys.escape, 'Step 4 of 8');
		await press(instance, keys.escape, 'Step 3 of 8');
		await press(instance, keys.enter, 'Step 4 of 8');
		const frame = await press(instance, keys.enter, 'Step 5 of 8');
		expect(flat(frame)).toContain('Server URL https://tableau.example.com');
		expect(flat(frame)).toMatch(/Site +finance/);
		expect(verify).not.toHaveBeenCalled();
	});
});
