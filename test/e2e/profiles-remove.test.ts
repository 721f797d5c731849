// `profiles remove NAME` on a terminal asks first; only "y" removes.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';
import {cliPath} from '../helpers/cli.js';
import {startTerminal, terminalEnvironment, tmuxMissing, type Terminal} from '../helpers/tmux.js';

let configDirectory = '';
let terminal: Terminal | undefined;

beforeEach(async () => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-remove-'));
	await openProfileStore({directory: configDirectory, secretStore: 'file'}).save({
		name: 'acme.prod',
		server: 'https://tableau.example.com',
		site: 'acme',
		tokenName: 'n',
		tokenSecret: 'remove-test-secret',
	});
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(configDirectory, {recursive: true, force: true});
});

function remove(): Terminal {
	terminal = startTerminal([process.execPath, cliPath, 'profiles', 'remove', 'acme.prod'], {
		columns: 100,
		rows: 20,
		env: terminalEnvironment(configDirectory),
		cwd: process.cwd(),
	});
	return terminal;
}

describe.skipIf(tmuxMissing)('profiles remove on a terminal', () => {
	it('keeps the profile unless the answer is yes', async () => {
		const term = remove();
		await term.waitFor('Remove profile "acme.prod"?');
		term.type('n');
		term.keys('Enter');
		await term.waitFor('[exit 1]');
		expect(term.screen()).toContain('Nothing removed.');
		expect(openProfileStore({directory: configDirectory}).get('acme.prod')).toBeDefined();
	});

	it('removes it on "y"', async () => {
		const term = remove();
		await term.waitFor('Remove profile "acme.prod"?');
		term.type('y');
		term.keys('Enter');
		await term.waitFor('[exit 0]');
		expect(term.screen()).toContain('Removed profile "acme.prod"');
		expect(openProfileStore({directory: configDirectory}).get('acme.prod')).toBeUndefined();
	});
});
