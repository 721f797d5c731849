// The trace for support, in a real 80×24 terminal (tmux) with the built CLI: w on the home screen
// after a failed test writes its trace, and `test NAME` in the live view writes --trace and, without
// it, names the command that would. No secret on screen or in any file.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {expectHar} from '../helpers/har.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {startTerminal, tmuxMissing, type Terminal, terminalEnvironment} from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

let bad: Simulator;
let terminal: Terminal | undefined;
let configDirectory = '';

function start(args: string[]): Terminal {
	terminal = startTerminal([process.execPath, cli, ...args], {columns: 80, rows: 24, env: terminalEnvironment(configDirectory), cwd: configDirectory});
	return terminal;
}

beforeAll(async () => {
	if (!existsSync(cli)) {
		throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
	}

	// Signs in, then fails: the session token is there to be kept out of every output.
	bad = await startSimulator({scenario: 'session-stolen'});
});

afterAll(async () => {
	await bad?.close();
});

beforeEach(async () => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-trace-key-'));
	const store = openProfileStore({directory: configDirectory, env: {}, secretStore: 'file'});
	await store.save({name: 'finance.prod', server: bad.url, site: bad.site, tokenName: bad.tokenName, tokenSecret: bad.tokenSecret});
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	rmSync(configDirectory, {recursive: true, force: true});
});

function readHar(file: string): string {
	expect(statSync(file).mode & 0o777).toBe(0o600);
	const text = readFileSync(file, 'utf8');
	expectHar(JSON.parse(text) as Parameters<typeof expectHar>[0], (JSON.parse(text) as {log: {entries: unknown[]}}).log.entries.length);
	return text;
}

describe.skipIf(tmuxMissing)('the trace for support in a terminal', () => {
	test('the home screen: t fails, the footer offers w, and w saves the trace and says where', async () => {
		const term = start([]);
		let screen = await term.waitFor('↑↓ select · t test');
		expect(screen).not.toContain('save trace');
		term.type('t');
		screen = await term.waitFor('w save trace');
		term.type('w');
		screen = await term.waitFor('send it to your support contact.');
		const folder = join(configDirectory, 'traces');
		const [name] = readdirSync(folder);
		expect(name).toMatch(/^tableau-connect-trace-finance\.prod-[\dT-]+Z\.har$/);
		expect(screen.replaceAll(/\s+/g, '')).toContain(`Savedatraceofthistestto${join(folder, name!)}.`);
		const text = readHar(join(folder, name!));
		term.type('q');
		await term.waitFor('[exit 0]');
		expectNoSecrets([term.history(), text], bad);
	});

	test('test NAME in the live view: --trace writes the file; without it, the hint names the command', async () => {
		let term = start(['test', 'finance.prod', '--trace', 'run.har']);
		await term.waitFor('[exit 1]');
		expect(term.history()).toContain('Saved a trace of');
		const traced = readHar(join(configDirectory, 'run.har'));
		expect(term.history()).not.toContain('If the diagnosis does not explain it');
		expectNoSecrets([term.history(), traced], bad);
		term.kill();

		term = start(['test', 'finance.prod', '--timeout', '9']);
		await term.waitFor('[exit 1]');
		const flat = term.history().replaceAll(/\s+/g, ' ');
		expect(flat).toContain('If the diagnosis does not explain it');
		expect(flat).toContain('tableau-connect test finance.prod --timeout 9 --trace tableau-connect.har');
		expectNoSecrets(term.history(), bad);
	});
});
