// The built CLI's demo in a real 80×24 terminal (tmux), as a solutions engineer runs it: Enter
// through to the success screen, a fault and its fix, no trace in the person's config folder, and
// nothing left running (process, port, temporary store) after q or Ctrl-C. Runs against dist/.
import {execFileSync} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {runCli} from '../helpers/cli.js';
import {startTerminal, tmuxMissing, type Terminal} from '../helpers/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');

let terminal: Terminal | undefined;
const folders: string[] = [];

type Run = {
	term: Terminal;
	/** A value only this run's environment holds, to find its processes with `ps`. */
	marker: string;
	/** Its TMPDIR: where the demo's temporary store goes. */
	tmp: string;
	/** Its HOME, XDG_CONFIG_HOME and TABLEAU_CONNECT_CONFIG_DIR: where real profiles would go. */
	home: string;
};

function folder(prefix: string): string {
	const path = mkdtempSync(join(tmpdir(), prefix));
	folders.push(path);
	return path;
}

function startDemo(args: string[], extraEnv: Record<string, string> = {}): Run {
	const marker = `demo-e2e-${randomUUID()}`;
	const tmp = folder('tableau-connect-demo-tmp-');
	const home = folder('tableau-connect-demo-home-');
	terminal = startTerminal([process.execPath, cli, 'demo', ...args], {
		columns: 80,
		rows: 24,
		cwd: root,
		// Only what the CLI needs: no CI (Ink would print only the last frame), no TABLEAU_* of the runner.
		env: {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			HOME: home,
			XDG_CONFIG_HOME: join(home, '.config'),
			TABLEAU_CONNECT_CONFIG_DIR: join(home, 'tableau-connect'),
			TMPDIR: tmp,
			TABLEAU_CONNECT_E2E_MARKER: marker,
			...extraEnv,
		},
	});
	return {term: terminal, marker, tmp, home};
}

/** Node processes whose environment holds the marker (`ps e` lists each one's environment). */
function processesWith(marker: string): string[] {
	const lines = execFileSync('ps', ['-e', 'e', '-ww', '-o', 'pid=,args='], {encoding: 'utf8'}).split('\n');
	// The tmux server and the pane's shell carry the marker in their arguments, not as a live demo.
	return lines.filter(line => line.includes(marker) && /^\s*\d+\s+\S*node\s/.test(line));
}

/**
Every file under `path`, recursively, but the screens' code cache in .cache/tableau-connect, which
every screen keeps (test/e2e/code-cache.test.ts): it holds compiled code, nothing of the demo.
*/
function filesUnder(path: string): string[] {
	return readdirSync(path, {recursive: true, withFileTypes: true})
		.filter(entry => !entry.isDirectory())
		.map(entry => join(entry.parentPath, entry.name))
		.filter(file => !/[/\\]\.cache[/\\]tableau-connect[/\\]screen-libraries-[^/\\]+\.cache$/.test(file));
}

async function refuses(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = connect({port, host: '127.0.0.1'});
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', error => {
			resolve((error as NodeJS.ErrnoException).code === 'ECONNREFUSED');
		});
	});
}

/** Presses Enter until the verify step shows: one step, or one field of a form step, per press. */
async function enterToVerify(term: Terminal): Promise<void> {
	await term.waitFor('Step 1 of 8');
	for (let presses = 0; presses < 15; presses++) {
		const before = term.screen();
		term.keys('Enter');

		const after = await waitForChange(term, before);
		if (after.includes('Step 8 of 8')) {
			return;
		}
	}

	throw new Error(`Enter did not reach the verify step. The screen:\n${term.screen()}`);
}

async function waitForChange(term: Terminal, before: string, timeout = 10_000): Promise<string> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const screen = term.screen();
		if (screen !== before) {
			return screen;
		}

		if (Date.now() > deadline) {
			throw new Error(`The screen did not change within ${timeout} ms:\n${screen}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 25);
		});
	}
}

/**
The simulator's port: the screen shows the customer's addresses only, so it is read from the demo
process itself (its listening socket in /proc).
*/
function simulatorPort(run: Run): number {
	const [line] = processesWith(run.marker);
	const pid = line!.trim().split(/\s+/)[0]!;
	const inodes = new Set(
		readdirSync(`/proc/${pid}/fd`).flatMap(fd => {
			try {
				return [/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? ''];
			} catch {
				return [];
			}
		}),
	);
	for (const entry of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
		const fields = entry.trim().split(/\s+/);
		if (fields[3] === '0A' && inodes.has(fields[9]!)) {
			return Number.parseInt(fields[1]!.split(':')[1]!, 16);
		}
	}

	throw new Error(`The demo (pid ${pid}) listens on no port`);
}

/** While the demo runs: its process is there, and so is its temporary store. */
function expectRunning(run: Run): void {
	expect(processesWith(run.marker)).toHaveLength(1);
	expect(readdirSync(run.tmp).filter(name => name.startsWith('tableau-connect-demo-'))).toHaveLength(1);
}

/** After it ended: no process, no port, no temporary store, nothing in the config folders. */
async function expectNothingLeft(run: Run, port: number): Promise<void> {
	expect(processesWith(run.marker)).toEqual([]);
	expect(await refuses(port)).toBe(true);
	expect(readdirSync(run.tmp)).toEqual([]);
	expect(filesUnder(run.home)).toEqual([]);
}

beforeAll(() => {
	if (!existsSync(cli)) {
		throw new Error(`${cli} is missing: run "npm run build" first (npm test does).`);
	}
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
	for (const path of folders.splice(0)) {
		rmSync(path, {recursive: true, force: true});
	}
});

/**
Pages down the success screen until `expected` shows, as a person would: what Parable will see and
when the token expires push the rest below the fold of an 80×24 terminal.
*/
async function scrollTo(term: Terminal, expected: string | RegExp): Promise<string> {
	const shows = (screen: string) => (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen));
	for (let page = 0; page < 8; page++) {
		const screen = term.screen();
		if (shows(screen)) {
			return screen;
		}

		term.keys('PageDown');
		// At the last page nothing changes: the loop then ends on the final wait below.
		await waitForChange(term, screen, 2000).catch(() => undefined);
	}

	return term.waitFor(expected, 5000);
}

describe.skipIf(tmuxMissing)('tableau-connect demo in a terminal', () => {
	test('--scenario ok: Enter at every step reaches the success screen; the save goes to the temporary store only', async () => {
		const run = startDemo(['--scenario', 'ok']);
		await enterToVerify(run.term);
		let screen = await run.term.waitFor('✓ Verified: Parable can connect with this token.');
		// The verdict and the next step on the first screen, with the customer's address, nothing cut.
		screen = await run.term.waitFor('Server URL https://tableau.example-corp.com');
		expect(screen).toContain("In Parable's Tableau form, enter these, then click Save & test connection:");
		expect(screen).toMatch(/Tested https:\/\/tableau\.example-corp\.com · site acme-corp/);
		let lines = screen.split('\n');
		expect(lines.every(line => [...line].length <= 80)).toBe(true);
		expect(lines[1]).toBe('Simulated Tableau · Everything works');
		expect(screen).not.toMatch(/127\.0\.0\.1|localhost|…/);
		// PgDn moves a page, the viewport's height, not five lines.
		run.term.keys('PageDown');
		screen = await run.term.waitFor(/↑ \d+ more lines above/);
		expect(Number(/↑ (\d+) more lines above/.exec(screen)![1])).toBeGreaterThanOrEqual(12);
		screen = await scrollTo(run.term, '"demo", saved in the temporary demo store');
		lines = screen.split('\n');
		expect(lines.every(line => [...line].length <= 80)).toBe(true);
		const port = simulatorPort(run);
		expectRunning(run);
		// The temporary store really holds the profile while the demo runs…
		const [store] = readdirSync(run.tmp);
		expect(readdirSync(join(run.tmp, store!))).toContain('profiles.json');
		// What Parable will see and when the token expires, further down.
		await scrollTo(run.term, /Token +expires in about 177 days, on \d{4}-\d{2}-\d{2}/);

		// Enter at the end goes back to the picker for the next story; q there ends the demo.
		run.term.keys('Enter');
		// The list marks what was shown.
		await run.term.waitFor(/› • Everything works/);
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
		const history = run.term.history();
		expect(history).toContain('Shown: ok passed.');
		expect(history).toContain('Demo over: simulator stopped, temporary store deleted, your profiles untouched.');
		// …and nothing of it is left, least of all in HOME, XDG_CONFIG_HOME or TABLEAU_CONNECT_CONFIG_DIR.
		await expectNothingLeft(run, port);
	});

	test('--scenario wrong-secret: the sign-in remedy, then f fixes the fault and the test passes', async () => {
		const run = startDemo(['--scenario', 'wrong-secret']);
		await enterToVerify(run.term);
		let screen = await run.term.waitFor('[signin-failed · HTTP 401 · Tableau 401001]');
		expect(screen).toContain('Tableau refused the token sign-in');
		await run.term.waitFor('What to do:');
		await run.term.waitFor('1. Token name and secret: the name must match exactly');
		screen = await run.term.waitFor('f fix & retry');
		expect(screen.split('\n')[1]).toBe('Simulated Tableau · Wrong token secret');
		const port = simulatorPort(run);

		run.term.keys('f');
		screen = await run.term.waitFor('✓ Verified: Parable can connect with this token.');
		expect(screen.split('\n')[1]).toBe('Simulated Tableau · Wrong token secret · fixed');
		// n goes on from the fault just fixed.
		await run.term.waitFor('n next fault (wrong-site)');
		run.term.keys('n');
		screen = await run.term.waitFor('[signin-failed');
		// wrong-site: the site typed as its display name, beside its content URL.
		expect(screen).toContain('Tested https://tableau.example-corp.com · site AcmeCorp');
		await run.term.waitFor('f fix the site (Acme Corp: acme-corp) & retry');
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
		expect(run.term.history().replaceAll(/\s+/g, ' ')).toContain('Shown: wrong-secret failed (signin-failed), then fixed; wrong-site failed (signin-failed).');
		await expectNothingLeft(run, port);
	});

	test('q on a failure screen: the exit message, and no process, port or file left', async () => {
		const run = startDemo(['--scenario', 'not-admin']);
		await enterToVerify(run.term);
		// The verdict and what to do, without scrolling (waited for together: tmux may catch a frame half drawn).
		const screen = await run.term.waitFor('What to do:');
		expect(screen).toContain('[insufficient-permissions');
		expectRunning(run);
		const port = simulatorPort(run);
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
		expect(run.term.history()).toContain('Demo over: simulator stopped, temporary store deleted, your profiles untouched.');
		await expectNothingLeft(run, port);
	});

	test('Ctrl-C while a slow check runs: exit 130 at once, and nothing left', async () => {
		const run = startDemo(['--scenario', 'slow']);
		await enterToVerify(run.term);
		await run.term.waitFor('checking…');
		expectRunning(run);
		const port = simulatorPort(run);
		const started = Date.now();
		run.term.keys('C-c');
		await run.term.waitFor('[exit 130]');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(run.term.history()).toContain('! Demo stopped.');
		expect(run.term.history()).toContain('Demo over: simulator stopped, temporary store deleted, your profiles untouched.');
		await expectNothingLeft(run, port);
	});

	test('slow: the time shown and the deadline said agree', async () => {
		const run = startDemo(['--scenario', 'slow']);
		await enterToVerify(run.term);
		const screen = await run.term.waitFor('[timeout]', 20_000);
		expect(screen).toContain('did not answer within 3 seconds');
		// Counted from when the request left, as the deadline is (undici's timers are coarse: a tenth either way).
		expect(Number(/Server version +(\d+\.\d) s/.exec(screen)?.[1])).toBeCloseTo(3, 0);
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
	});

	test("Esc on a scenario's first step goes back to the list; Esc there does not end the demo, q does", async () => {
		const run = startDemo(['--scenario', 'not-tableau']);
		await run.term.waitFor('Step 1 of 8');
		await run.term.waitFor('Esc scenarios');
		run.term.keys('Escape');
		await run.term.waitFor(/› {3}Not a Tableau server/);
		run.term.keys('Escape');
		run.term.keys('Down');
		await run.term.waitFor(/› {3}Session taken over/);
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
		expect(run.term.history()).toContain('No scenario was tested.');
	});

	test('no --scenario: the picker first, with its banner; Ctrl-C there ends the demo with nothing left', async () => {
		const run = startDemo([]);
		const screen = await run.term.waitFor('tableau-connect demo · pick a scenario');
		const lines = screen.split('\n');
		expect(lines[1]).toBe('Simulated Tableau: every answer comes from a simulator inside this demo');
		// Every column of the list whole at 80×24.
		expect(screen).not.toContain('…');
		expect(screen).toMatch(/Signed in as an Explorer +succeeds, warns not-site-admin/);
		expect(screen).toMatch(/Viewer role +insufficient-permissions/);
		const port = simulatorPort(run);
		expect(await refuses(port)).toBe(false);
		expectRunning(run);

		run.term.keys('C-c');
		await run.term.waitFor('[exit 130]');
		expect(run.term.history()).toContain('Demo over: simulator stopped, temporary store deleted, your profiles untouched.');
		await expectNothingLeft(run, port);
	});

	test('closing the terminal (SIGHUP) mid-demo leaves no process, port or temporary store either', async () => {
		const run = startDemo(['--scenario', 'ok']);
		await enterToVerify(run.term);
		await run.term.waitFor('✓ Verified: Parable can connect with this token.');
		await scrollTo(run.term, 'saved in the temporary demo store');
		expectRunning(run);
		const port = simulatorPort(run);
		run.term.kill();
		terminal = undefined;
		const deadline = Date.now() + 5000;
		while (processesWith(run.marker).length > 0 && Date.now() < deadline) {
			await new Promise(resolve => {
				setTimeout(resolve, 25);
			});
		}

		await expectNothingLeft(run, port);
	});

	test('the picker, then a scenario chosen with the arrows, Enter through to its diagnosis', async () => {
		const run = startDemo([]);
		const {scenarios} = await import('../../source/simulator/index.js');
		const titles = new Map<string, string>(scenarios.map(scenario => [scenario.id, scenario.title.replaceAll(/[()]/g, '\\$&')]));
		await run.term.waitFor(/› {3}Everything works +succeeds/);
		// One key per send: a terminal may deliver keys sent together as one chunk.
		for (const id of ['ok-xml-only', 'explorer-role', 'content-refused', 'token-expiring', 'cloud-redirect', 'redirect-method', 'wrong-secret', 'wrong-site']) {
			run.term.keys('Down');

			await run.term.waitFor(new RegExp(`› {3}${titles.get(id)!} `));
		}

		run.term.keys('Enter');
		await run.term.waitFor('Simulated Tableau · Site name instead of content URL');
		await enterToVerify(run.term);
		await run.term.waitFor('[signin-failed · HTTP 401 · Tableau 401001]');
		run.term.keys('q');
		await run.term.waitFor('[exit 0]');
	});
});

describe.skipIf(tmuxMissing)('tableau-connect demo --autoplay in a terminal', () => {
	test('plays the success and every fault with its fix, loops to a second round, and touches no keychain or profile', async () => {
		// A bus that nobody may call: the keychain is reached through D-Bus on Linux.
		const {createServer} = await import('node:net');
		const busFolder = folder('tableau-connect-demo-bus-');
		let busCalls = 0;
		const bus = createServer(socket => {
			busCalls++;
			socket.destroy();
		});
		await new Promise<void>(resolve => {
			bus.listen(join(busFolder, 'bus'), resolve);
		});
		try {
			const run = startDemo(['--autoplay', '--pace', '20'], {DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(busFolder, 'bus')}`});
			await run.term.waitFor('Pick a story: Everything works', 20_000);
			await run.term.waitFor('✓ Verified', 30_000);
			await run.term.waitFor('Next story: Redirect loses the POST', 30_000);
			await run.term.waitFor('Next story: Expired certificate', 120_000);
			await run.term.waitFor('From the top: back to the list of stories', 60_000);
			// The second round.
			await run.term.waitFor('Pick a story: Everything works', 30_000);
			// Any key but q hands control back: the caption goes, the demo waits for the presenter.
			run.term.keys('x');
			await run.term.waitFor(/^(?![\s\S]*Pick a story)[\s\S]*Simulated Tableau/);
			// The presenter has the keys: Enter starts the story they chose, where autoplay left off.
			run.term.keys('Enter');
			await run.term.waitFor(/Step \d of 8/);
			run.term.keys('C-c');
			await run.term.waitFor('[exit 130]');
			expect(busCalls).toBe(0);
			expect(filesUnder(run.home)).toEqual([]);
		} finally {
			bus.close();
		}
	}, 300_000);
});

describe('tableau-connect demo without a terminal', () => {
	test('--list prints each scenario within 80 columns, words whole: id, title, how it ends, what it shows', async () => {
		const run = await runCli(['demo', '--list']);
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n');
		expect(lines.every(line => line.length <= 80)).toBe(true);
		expect(lines.filter(line => /^[a-z]/.test(line))).toHaveLength(27);
		expect(lines[0]).toMatch(/^ok +Everything works → succeeds\. Tableau Server 2024\.2 accepts$/);
		expect(run.stdout).toMatch(/^wrong-secret +Wrong token secret → signin-failed\. The token secret does$/m);
		expect(run.stdout).toMatch(/^session-stolen +Session taken over → session-invalidated\./m);
		expect(run.stdout).not.toMatch(/\u001B\[/);
		expect(run.stderr).toBe('');
	});

	test('--help explains the keys and the temporary store', async () => {
		const run = await runCli(['demo', '--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('Usage: tableau-connect demo [--autoplay] [--scenario ID] [--pace FACTOR] [--list]');
		expect(run.stdout).toContain('"f" fixes the fault');
		expect(run.stdout).toContain('temporary store that');
		expect(run.stdout).toContain('--autoplay');
		expect(run.stdout).toContain('--pace FACTOR');
	});

	test('an unknown scenario exits 2 and says how to list them', async () => {
		const run = await runCli(['demo', '--scenario', 'nope']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Unknown scenario "nope". Run "tableau-connect demo --list" to see them.');
		expect(run.stdout).toBe('');
	});

	test('without a terminal it exits 2 at once, saying what to run instead', async () => {
		const run = await runCli(['demo', '--scenario', 'wrong-secret']);
		expect(run.code).toBe(2);
		expect(run.durationMs).toBeLessThan(5000);
		expect(run.stderr).toContain('needs a terminal');
		expect(run.stderr).toContain('tableau-connect simulate --scenario wrong-secret');
		expect(run.stderr).toContain('--token-secret-stdin');
	});
});
