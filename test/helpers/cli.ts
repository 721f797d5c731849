import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** The built CLI; `npm test` builds it first. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type CliRun = {code: number | null; stdout: string; stderr: string; durationMs: number};

/**
Runs the built CLI as a child process, as a script would: no terminal, optional standard input.
The environment starts clean of TABLEAU_* so a developer's own settings cannot leak into a test.
*/
export async function runCli(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string} = {}): Promise<CliRun> {
	if (!existsSync(cliPath)) {
		throw new Error(`${cliPath} is missing: run "npm run build" first (npm test does).`);
	}

	const environment: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('TABLEAU_') && !/_proxy$/i.test(key)) {
			environment[key] = value;
		}
	}

	const started = Date.now();
	const child = spawn(process.execPath, [cliPath, ...args], {
		env: {...environment, NO_COLOR: '1', ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.cwd ? {cwd: options.cwd} : {}),
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdin.end(options.input ?? '');
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	clearTimeout(timer);
	return {code, stdout, stderr, durationMs: Date.now() - started};
}
