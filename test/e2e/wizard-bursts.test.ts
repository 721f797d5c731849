// The built CLI's wizard in a real terminal (tmux), fed as a password manager's auto-type or a
// type-ahead over a slow link would feed it: each field's value with its Enter in one write, and
// then key by key a few milliseconds apart. The saved profile file is compared byte for byte.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {pageDownTo, startTerminal, tmuxMissing, type Terminal, terminalEnvironment} from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

let simulator: Simulator;
let terminal: Terminal | undefined;
let configDirectory = '';

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator?.close();
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(configDirectory, {recursive: true, force: true});
});

type Send = (term: Terminal, text: string) => Promise<void>;

/** The whole text in one write to the terminal. */
const inOneWrite: Send = async (term, text) => {
	term.type(text);
};

/** One key at a time, 3 ms apart: faster than a frame, slower than one read. */
const keyByKey: Send = async (term, text) => {
	for (const character of text) {
		term.type(character);
		await new Promise(resolve => {
			setTimeout(resolve, 3);
		});
	}
};

/** What the store must hold for the profile the test types, with the times and the result it recorded. */
function expectedFile(name: string, written: string): string {
	const stored = (JSON.parse(written) as {profiles: Record<string, {createdAt: string; updatedAt: string; lastVerification: {ok: boolean}}>}).profiles[name];
	expect(stored?.lastVerification.ok).toBe(true);
	const profile = {
		server: simulator.url,
		site: simulator.site,
		tokenName: simulator.tokenName,
		tokenSecret: simulator.tokenSecret,
		createdAt: stored!.createdAt,
		updatedAt: stored!.updatedAt,
		lastVerification: stored!.lastVerification,
	};
	return JSON.stringify({schemaVersion: 1, profiles: {[name]: profile}}, undefined, '\t');
}

describe.skipIf(tmuxMissing)('keys that come together in a real terminal', () => {
	test.each([
		['in one write per field', inOneWrite],
		['key by key, 3 ms apart', keyByKey],
	] as const)('setup typed %s saves exactly what was typed', async (_name, send) => {
		configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-bursts-'));
		const term = startTerminal([process.execPath, cli, 'setup'], {columns: 80, rows: 24, env: terminalEnvironment(configDirectory), cwd: root});
		terminal = term;
		await term.waitFor('Step 1 of 8');
		// The four reading steps: four Enters.
		await send(term, '\r\r\r\r');
		await term.waitFor('Step 5 of 8 · Server details');
		// An address bar with its Enter: split into server and site, focus on the site; then its Enter.
		await send(term, `${simulator.url}/#/site/${simulator.site}/workbooks\r`);
		await term.waitFor(new RegExp(`› Site +${simulator.site}`));
		await send(term, '\r');
		await term.waitFor('Step 6 of 8 · Token and profile name');
		await send(term, `${simulator.tokenName}\r`);
		await term.waitFor('› Token secret');
		await send(term, `${simulator.tokenSecret}\r`);
		await term.waitFor('› Profile name');
		// Ctrl-U clears the suggested name; the typed one replaces it, once.
		await send(term, '\u0015typed-fast\r');
		await term.waitFor('Step 7 of 8 · Review');
		await send(term, '\r');
		const file = join(configDirectory, 'profiles.json');
		await pageDownTo(term, `saved in ${file}`);
		const written = readFileSync(file, 'utf8');
		expect(written).toBe(expectedFile('typed-fast', written));
		await send(term, '\r');
		await term.waitFor('[exit 0]');
		expect(term.history()).not.toContain(simulator.tokenSecret);
	});
});
