import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {PassThrough, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {runCommandLine} from '../../source/commands/main.js';
import {createInterrupts, type Interrupts} from '../../source/commands/core/interrupt.js';

/** The built CLI; `npm test` builds it first. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type CliRun = {code: number | null; stdout: string; stderr: string; durationMs: number};

/**
What a started process prints, gathered as it comes, and its exit code once it has closed (null
when a signal ended it or it could not start).
*/
export function collectOutput(child: ChildProcess): {readonly stdout: string; readonly stderr: string; readonly code: Promise<number | null>} {
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const code = new Promise<number | null>(resolve => {
		child.on('close', resolve);
		child.on('error', () => {
			resolve(null);
		});
	});
	return {
		get stdout() {
			return stdout;
		},
		get stderr() {
			return stderr;
		},
		code,
	};
}

/** This process's environment without TABLEAU_* or proxies, so a developer's own settings cannot leak into a test. */
function runnerEnvironment(): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('TABLEAU_') && !/_proxy$/i.test(key)) {
			environment[key] = value;
		}
	}

	return environment;
}

/**
Runs the built CLI as a child process, as a script would: no terminal, optional standard input.
The environment starts clean of TABLEAU_* so a developer's own settings cannot leak into a test.
*/
export async function runCli(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string} = {}): Promise<CliRun> {
	if (!existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: run "npm run build" first (npm test does).`);
	}

	const started = Date.now();
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {...runnerEnvironment(), NO_COLOR: '1', ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.cwd ? {cwd: options.cwd} : {}),
	});
	const output = collectOutput(child);
	child.stdin.end(options.input ?? '');
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
	const code = await output.code;
	clearTimeout(timer);
	return {code, stdout: output.stdout, stderr: output.stderr, durationMs: Date.now() - started};
}

/**
Runs a command line in this process, exactly as `cli.tsx` runs it but on streams of its own: no
terminal, optional standard input, the same environment rules as `runCli`. It is the same code
without a Node start-up per run (about 0.2 s of CPU each, most of the CLI tests' time). What only a
process shows stays with `runCli`: the bundle, signals, exiting with nothing left open, a working
directory, and the keychain (which reads the process's own environment).
*/
export async function runCommand(
	args: string[],
	options: {env?: NodeJS.ProcessEnv; input?: string; /** Ctrl-C, for the test to press: `interrupts.interrupt()`. */ interrupts?: Interrupts} = {},
): Promise<CliRun> {
	let stdout = '';
	let stderr = '';
	const collector = (append: (text: string) => void) =>
		new Writable({
			write(chunk: Buffer | string, _encoding, done) {
				append(chunk.toString());
				done();
			},
		});
	const stdin = new PassThrough();
	stdin.end(options.input ?? '');
	const started = Date.now();
	const code = await runCommandLine(args, {
		stdout: collector(text => {
			stdout += text;
		}),
		stderr: collector(text => {
			stderr += text;
		}),
		stdin,
		env: {...runnerEnvironment(), NO_COLOR: '1', ...options.env},
		interrupts: options.interrupts ?? createInterrupts(),
	});
	return {code, stdout, stderr, durationMs: Date.now() - started};
}
