// Keys that arrive together (a paste, auto-type, type-ahead over a slow link) act in order, exactly as
// if typed one by one: each test writes whole strings synchronously, with no wait in between.
import {afterEach, describe, expect, test, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {flat, keys, waitFor, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard, type RenderedWizard} from '../helpers/wizard.js';

afterEach(() => {
	cleanup();
});

const verify = vi.fn(async () => fakeResult());
const server = 'https://tableau.example.com';
const secret = 'c2VjcmV0==:burst0123456789';

/** Writes each string at once, one after the other, without letting Ink render in between. */
function writeAll(instance: RenderedWizard, ...chunks: string[]): void {
	for (const chunk of chunks) {
		instance.stdin.write(chunk);
	}
}

/** The frame matches `pattern` once colour and the cursor's inverse are taken out. */
function shows(pattern: RegExp) {
	return (frame: string) => pattern.test(flat(frame.replaceAll(/\u001B\[\d+m/g, '')));
}

async function savedInput(instance: RenderedWizard) {
	await waitFor(
		() => instance.saves.length > 0,
		() => `nothing saved; the last frame was:\n${instance.lastFrame() ?? ''}`,
	);
	return instance.saves[0]!.input;
}

describe('keys in one write act one by one', () => {
	test('"\\r\\r" on step 1 moves two steps, and four Enters four', async () => {
		const instance = renderWizard({verify});
		await waitForFrame(instance, 'Step 1 of 8');
		writeAll(instance, '\r\r');
		await waitForFrame(instance, 'Step 3 of 8');
		writeAll(instance, '\r', '\r');
		await waitForFrame(instance, 'Step 5 of 8');
	});

	test('"Ada" written key by key without a render in between gives "Ada"', async () => {
		const instance = renderWizard({verify, initialStep: 'credentials', initialValues: {server, site: 'finance'}});
		await waitForFrame(instance, '› Token name');
		writeAll(instance, 'A', 'd', 'a');
		await waitForFrame(instance, shows(/› Token name +Ada /));
	});

	test('an address with its Enter in one write is used, and focus moves on to the site', async () => {
		const instance = renderWizard({verify, initialStep: 'server'});
		await waitForFrame(instance, '› Server URL');
		writeAll(instance, `${server}/#/site/finance/home\r`);
		const frame = await waitForFrame(instance, shows(/› Site +finance/));
		expect(flat(frame)).toContain(`Server URL ${server} `);
		writeAll(instance, '\r');
		await waitForFrame(instance, 'Step 6 of 8');
	});

	test('Ctrl-U, a new value and Enter in one write replace the value, once', async () => {
		const instance = renderWizard({verify, initialStep: 'server', initialValues: {server, site: 'acme'}});
		await waitForFrame(instance, '› Server URL');
		writeAll(instance, '\t', '\u0015acme\r');
		await waitForFrame(instance, 'Step 6 of 8');
		writeAll(instance, 'Parable Integration\t', `${secret}\r`, '\r');
		const frame = await waitForFrame(instance, 'Step 7 of 8');
		expect(shows(/Site:? +acme /)(frame)).toBe(true);
		expect(frame).not.toContain('acmeacme');
	});

	test('text, Tab, text and Enter in one write fill two fields and go on', async () => {
		const instance = renderWizard({verify, initialStep: 'credentials', initialValues: {server, site: 'finance'}});
		await waitForFrame(instance, '› Token name');
		writeAll(instance, `Parable Integration\t${secret}\r\r\r`);
		await waitForFrame(instance, 'Step 8 of 8');
		expect(await savedInput(instance)).toEqual({
			name: 'tableau-finance',
			server,
			site: 'finance',
			tokenName: 'Parable Integration',
			tokenSecret: secret,
			caFile: null,
		});
	});

	test('the whole wizard in one write saves exactly what was typed', async () => {
		const instance = renderWizard({verify});
		await waitForFrame(instance, 'Step 1 of 8');
		writeAll(instance, `\r\r\r\r${server}/#/site/finance/home\r\rParable Integration\t${secret}\r\r\r`);
		await waitForFrame(instance, 'Step 8 of 8');
		expect(await savedInput(instance)).toEqual({
			name: 'tableau-finance',
			server,
			site: 'finance',
			tokenName: 'Parable Integration',
			tokenSecret: secret,
			caFile: null,
		});
	});

	test('a paste that ends in a line feed submits the field', async () => {
		const instance = renderWizard({verify, initialStep: 'credentials', initialValues: {server, site: 'finance'}});
		await waitForFrame(instance, '› Token name');
		writeAll(instance, 'Parable Integration\n');
		await waitForFrame(instance, '› Token secret');
	});
});

describe('shortcuts with a field focused leave no letter behind', () => {
	test('Ctrl-R shows and hides the secret; Ctrl-U clears it; neither types a letter', async () => {
		const instance = renderWizard({verify, initialStep: 'credentials', initialValues: {server, site: 'finance', tokenName: 'Parable Integration'}});
		await waitForFrame(instance, '› Token name');
		writeAll(instance, '\t', 'abc', keys.ctrlR);
		let frame = await waitForFrame(instance, 'Shown. Ctrl-R hides it.');
		expect(shows(/› Token secret +abc /)(frame)).toBe(true);
		writeAll(instance, keys.ctrlR, 'd');
		frame = await waitForFrame(instance, shows(/› Token secret +\*{4} /));
		writeAll(instance, keys.ctrlU, 'x', keys.ctrlR);
		frame = await waitForFrame(instance, shows(/› Token secret +x /));
		expect(shows(/[ru]x/)(frame)).toBe(false);
	});

	test('Esc goes back with the values kept; ↑ and ↓ move between fields; none types a letter', async () => {
		const instance = renderWizard({verify, initialStep: 'server', initialValues: {server}});
		await waitForFrame(instance, '› Server URL');
		writeAll(instance, keys.down, 'fin', keys.up, keys.down, 'ance');
		await waitForFrame(instance, shows(/› Site +finance /));
		instance.stdin.write(keys.escape);
		await waitForFrame(instance, 'Step 4 of 8');
		instance.stdin.write('\r');
		const frame = await waitForFrame(instance, 'Step 5 of 8');
		expect(flat(frame)).toContain(`Server URL ${server} `);
		expect(shows(/Site +finance /)(frame)).toBe(true);
	});
});
