// A real pseudo-terminal for end-to-end tests, driven through tmux: start a command in a detached
// session of a given size, send keys, and poll the screen (with its scrollback) until it shows
// what the test waits for, with a deadline. Each terminal has its own tmux server socket, so tests
// never touch a person's tmux sessions, and `kill()` ends exactly what was started.
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const tmuxMissing = spawnSync('tmux', ['-V'], {stdio: 'ignore'}).error !== undefined;

let counter = 0;

/**
The environment a person's terminal would give the CLI, and nothing else: no CI (Ink would print only
the last frame), no TABLEAU_* of the runner; HOME and the profile store in `configDirectory`.
*/
export function terminalEnvironment(configDirectory: string): Record<string, string> {
	return {
		PATH: process.env['PATH'] ?? '/usr/bin:/bin',
		HOME: configDirectory,
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TABLEAU_CONNECT_CONFIG_DIR: configDirectory,
	};
}

/**
Pages down (PgDn) until the screen shows `expected`, as a person reads a result taller than the
terminal: what follows the verdict is below the fold at 80×24.
*/
export async function pageDownTo(term: Terminal, expected: string, pages = 8): Promise<string> {
	for (let page = 0; page < pages; page++) {
		try {
			return await term.waitFor(expected, 1500);
		} catch {
			term.keys('PageDown');
		}
	}

	return term.waitFor(expected, 5000);
}

export type Terminal = {
	/** Sends tmux key names, such as `Enter`, `Escape`, `Tab`, `C-c`. */
	keys(...names: string[]): void;
	/** Sends text literally, as a paste of the characters would. */
	type(text: string): void;
	/** The visible screen. */
	screen(): string;
	/** The screen and everything scrolled off it. */
	history(): string;
	/**
	The screen and its scrollback with each line the program wrote whole: a line longer than the
	terminal, which it shows on several rows, is one line here, as a person copying it gets it.
	*/
	joinedHistory(): string;
	/** Polls until the screen matches, or throws with the last screen after `timeout` ms. */
	waitFor(expected: string | RegExp, timeout?: number): Promise<string>;
	kill(): void;
};

function quote(text: string): string {
	return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
Runs `command` (argv) in a `columns`×`rows` terminal with exactly `env` as its environment. When the
command ends, the pane prints `[exit N]` and stays open, so tests can read the exit code.
*/
export function startTerminal(command: string[], options: {columns: number; rows: number; env: Record<string, string>; cwd: string}): Terminal {
	const socket = `tableau-connect-test-${process.pid}-${++counter}`;
	const session = 'wizard';
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const assignments = Object.entries(options.env)
		.map(([key, value]) => `${key}=${quote(value)}`)
		.join(' ');
	// The shell outlives a Ctrl-C that reaches it as SIGINT (a command not in raw mode), so it can
	// print the exit code; a trap with a command is reset for the command it starts.
	const shell = `trap 'true' INT; cd ${quote(options.cwd)} && env -i ${assignments} ${command.map(part => quote(part)).join(' ')}; echo "[exit $?]"; sleep 600`;
	tmux('new-session', '-d', '-s', session, '-x', String(options.columns), '-y', String(options.rows), 'sh', '-c', shell);
	tmux('set-option', '-t', session, 'history-limit', '5000');
	const socketPath = tmux('display-message', '-p', '-t', session, '#{socket_path}').trim();
	// Everything the command prints is also appended to this file. Waiting reads its size, a system
	// call, and captures the screen (a tmux process) only after it grew: polling capture-pane every
	// 25 ms cost more CPU than the programs under test, and starved them on a loaded machine.
	const outputDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-pane-'));
	const outputLog = join(outputDirectory, 'output');
	tmux('pipe-pane', '-t', session, `cat >> ${quote(outputLog)}`);
	const printed = () => {
		try {
			return statSync(outputLog).size;
		} catch {
			return 0;
		}
	};

	const terminal: Terminal = {
		keys(...names) {
			tmux('send-keys', '-t', session, ...names);
		},
		type(text) {
			tmux('send-keys', '-t', session, '-l', text);
		},
		screen() {
			return tmux('capture-pane', '-p', '-t', session);
		},
		joinedHistory() {
			return tmux('capture-pane', '-p', '-J', '-t', session, '-S', '-');
		},
		history() {
			return tmux('capture-pane', '-p', '-t', session, '-S', '-');
		},
		async waitFor(expected, timeout = 15_000) {
			const deadline = Date.now() + timeout;
			let lastCapture = 0;
			let seen = -1;
			for (;;) {
				// Also capture now and then without new output: tmux redraws on a resize, say, without the program printing.
				const size = printed();
				if (size !== seen || Date.now() - lastCapture > 500) {
					seen = size;
					lastCapture = Date.now();
					const screen = terminal.screen();
					if (typeof expected === 'string' ? screen.replaceAll(/\s+/g, ' ').includes(expected) : expected.test(screen)) {
						return screen;
					}

					if (Date.now() > deadline) {
						throw new Error(`Timed out after ${timeout} ms waiting for ${String(expected)}. The screen:\n${screen}`);
					}
				}

				await new Promise(resolve => {
					setTimeout(resolve, 20);
				});
			}
		},
		kill() {
			spawnSync('tmux', ['-L', socket, 'kill-server'], {stdio: 'ignore'});
			// tmux leaves the socket file behind after kill-server.
			rmSync(socketPath, {force: true});
			rmSync(outputDirectory, {recursive: true, force: true});
		},
	};
	return terminal;
}
