// `--help`, `--version`, `profiles list` and `test` must never load Ink or React (issue 6: they
// answer in a script or CI without paying for the UI). Each command runs from the built CLI with a
// preloaded hook (test/fixtures/record-loads.mjs) that writes down every module the process loads;
// dist/meta.json (esbuild's metafile) says which source modules each loaded chunk holds. A positive
// control runs the wizard in a real pseudo-terminal and must be caught loading Ink, so the check
// cannot pass by seeing nothing.
import {spawn} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {collectOutput} from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = pathToFileURL(join(root, 'test', 'fixtures', 'record-loads.mjs')).href;

/**
Ink, React and what only they bring in. In the bundle they are one script that the chunk of
`screen-libraries:run` (scripts/build.js) runs, and `screen-libraries:ink` (and the others) stand
for them in the chunks that import them.
*/
const uiPackage = /(?:^|\/)node_modules\/(ink|ink-[^/]+|react|react-reconciler|react-devtools-core|scheduler|yoga-layout)\/|^screen-libraries:/;
/** The script of the screens' libraries (scripts/build.js). */
const screenLibrariesScript = 'dist/chunks/screen-libraries.js';
/** The keychain library (native, external to the bundle): only commands that read or write a keychain secret load it. */
const keyringPackage = /(?:^|\/)node_modules\/@napi-rs\/keyring(?:-[\w-]+)?\//;

function keyringLoads(urls: string[]): string[] {
	return urls.filter(url => keyringPackage.test(url));
}

type Metafile = {outputs: Record<string, {inputs: Record<string, unknown>}>};

let work: string;
let cli: string;
let meta: Metafile;
let simulator: Simulator;

/**
The tests run a copy of dist/, taken once, so that a build running at the same time (another
`npm test`) cannot swap the chunks between a run and the reading of meta.json. The copy sits
next to the project's package.json and node_modules (linked), so it resolves modules exactly as
dist/ does.
*/
function snapshotDist(): void {
	for (let attempt = 1; ; attempt++) {
		work = mkdtempSync(join(tmpdir(), 'tableau-connect-imports-'));
		cpSync(join(root, 'dist'), join(work, 'dist'), {recursive: true});
		cpSync(join(root, 'package.json'), join(work, 'package.json'));
		symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
		cli = join(work, 'dist', 'cli.js');
		const metaPath = join(work, 'dist', 'meta.json');
		meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile) : {outputs: {}};
		const complete = existsSync(cli) && Object.keys(meta.outputs).length > 0 && Object.keys(meta.outputs).every(output => existsSync(join(work, output)));
		if (complete) {
			return;
		}

		rmSync(work, {recursive: true, force: true});
		if (attempt === 3) {
			throw new Error('dist/ is missing or incomplete (no dist/meta.json?): run "npm run build" first (npm test does).');
		}
	}
}

/** The source modules inside a loaded file of the copy, by esbuild's metafile ([] for others). */
function inputsOf(url: string): string[] {
	if (!url.startsWith('file:')) {
		return [];
	}

	const path = relative(work, fileURLToPath(url)).split('\\').join('/');
	return Object.keys(meta.outputs[path]?.inputs ?? {});
}

/** Every loaded file that is, or contains, Ink or React: `file → module` pairs. */
function uiLoads(urls: string[]): string[] {
	const found = new Set<string>();
	for (const url of urls) {
		const direct = url.startsWith('file:') ? fileURLToPath(url).split('\\').join('/') : '';
		if (uiPackage.test(direct)) {
			found.add(direct);
		}

		for (const input of inputsOf(url)) {
			if (uiPackage.test(input)) {
				found.add(`${relative(work, fileURLToPath(url))} ← ${input}`);
			}

			// The chunk that runs the screens' script loads everything in it.
			if (input === 'screen-libraries:run') {
				for (const library of Object.keys(meta.outputs[screenLibrariesScript]?.inputs ?? {})) {
					found.add(`${relative(work, fileURLToPath(url))} runs ${screenLibrariesScript} ← ${library}`);
				}
			}
		}
	}

	return [...found];
}

/** True when a loaded chunk was built from the given source module (proves the hook saw the load). */
function loadedSource(urls: string[], source: string): boolean {
	return urls.some(url => inputsOf(url).includes(source));
}

type Recorded = {code: number | null; stdout: string; stderr: string; loads: string[]};

/** Runs the copied CLI without a terminal, recording every module load. */
async function record(args: string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<Recorded> {
	const loadsFile = join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
	const child = spawn(process.execPath, ['--import', hook, cli, ...args], {
		env: {...cleanEnv(), RECORD_LOADS_FILE: loadsFile, ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const output = collectOutput(child);
	child.stdin.end(options.input ?? '');
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	const code = await output.code;
	clearTimeout(timer);
	const loads = existsSync(loadsFile) ? readFileSync(loadsFile, 'utf8').split('\n').filter(Boolean) : [];
	return {code, stdout: output.stdout, stderr: output.stderr, loads};
}

function cleanEnv(): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !key.startsWith('TABLEAU_') && !/_proxy$/i.test(key) && key !== 'CI') {
			environment[key] = value;
		}
	}

	return {...environment, NO_COLOR: '1'};
}

/** A fresh, empty profile store. */
function emptyStore(): string {
	return mkdtempSync(join(work, 'config-'));
}

beforeAll(async () => {
	snapshotDist();
	simulator = await startSimulator({});
});

afterAll(async () => {
	await simulator?.close();
	if (work) {
		rmSync(work, {recursive: true, force: true});
	}
});

describe('commands without a screen never load Ink or React', () => {
	it('--help', async () => {
		const run = await record(['--help']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('Usage');
		expect(run.loads.some(url => url.endsWith('/dist/cli.js'))).toBe(true);
		expect(uiLoads(run.loads)).toEqual([]);
		expect(keyringLoads(run.loads)).toEqual([]);
	});

	it('--version', async () => {
		const run = await record(['--version']);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
		expect(uiLoads(run.loads)).toEqual([]);
	});

	it('profiles list, with an empty store', async () => {
		const run = await record(['profiles', 'list'], {env: {TABLEAU_CONNECT_CONFIG_DIR: emptyStore()}});
		expect(run.code, run.stderr).toBe(0);
		expect(loadedSource(run.loads, 'source/commands/profiles/profiles.ts'), 'the hook saw the profiles command load').toBe(true);
		expect(uiLoads(run.loads)).toEqual([]);
		expect(keyringLoads(run.loads)).toEqual([]);
	});

	it('profiles list never loads the keychain library, even with profiles whose secret is in the keychain', async () => {
		const store = emptyStore();
		const profile = {server: simulator.url, site: '', tokenName: 'n', secretStore: 'keychain', createdAt: 't', updatedAt: 't', lastVerification: null};
		writeFileSync(join(store, 'profiles.json'), JSON.stringify({schemaVersion: 2, profiles: {'in-keychain': profile}}), {mode: 0o600});
		for (const args of [
			['profiles', 'list'],
			['profiles', 'list', '--json'],
			['profiles', '--help'],
			['test', '--help'],
		]) {
			const run = await record(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: store}});
			expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
			expect(keyringLoads(run.loads), args.join(' ')).toEqual([]);
		}

		// The control: a command that reads that secret does load it (and, with no keychain here, says so).
		const show = await record(['test', 'in-keychain'], {env: {TABLEAU_CONNECT_CONFIG_DIR: store}});
		expect(show.code).toBe(2);
		expect(show.stderr).toContain('keychain');
		expect(keyringLoads(show.loads).length).toBeGreaterThan(0);
	});

	it('rotate --json, testing the new token against the simulator, and rotate --help', async () => {
		const store = emptyStore();
		const profile = {
			server: simulator.url,
			site: simulator.site,
			tokenName: 'old',
			tokenSecret: 'old-secret-value',
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			lastVerification: null,
		};
		writeFileSync(join(store, 'profiles.json'), JSON.stringify({schemaVersion: 1, profiles: {old: profile}}), {mode: 0o600});
		const run = await record(['rotate', 'old', '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'], {
			env: {TABLEAU_CONNECT_CONFIG_DIR: store, TABLEAU_CONNECT_SECRET_STORE: 'file'},
			input: simulator.tokenSecret,
		});
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({changed: true, verification: {ok: true}});
		expect(loadedSource(run.loads, 'source/commands/rotate/rotate.ts'), 'the hook saw the rotate command load').toBe(true);
		expect(uiLoads(run.loads)).toEqual([]);
		const help = await record(['rotate', '--help']);
		expect(help.code, help.stderr).toBe(0);
		expect(uiLoads(help.loads)).toEqual([]);
	});

	it('describe, of a saved profile and of values given now: no Ink, no React, and nothing sent', async () => {
		const store = emptyStore();
		const profile = {
			server: simulator.url,
			site: '',
			tokenName: 'n',
			tokenSecret: 'saved-secret-value',
			createdAt: 't',
			updatedAt: 't',
			lastVerification: null,
		};
		writeFileSync(join(store, 'profiles.json'), JSON.stringify({schemaVersion: 1, profiles: {saved: profile}}), {mode: 0o600});
		const before = simulator.stats().requests;
		for (const args of [
			['describe', 'saved', '--json'],
			['describe', '--server', simulator.url, '--token-name', 'n'],
		]) {
			const run = await record(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: store, TABLEAU_TOKEN_SECRET: 'x'}});
			expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
			expect(loadedSource(run.loads, 'source/commands/describe/describe.ts'), 'the hook saw the describe command load').toBe(true);
			expect(uiLoads(run.loads), args.join(' ')).toEqual([]);
			expect(keyringLoads(run.loads), args.join(' ')).toEqual([]);
		}

		expect(simulator.stats().requests).toBe(before);
	});

	it('test --json, verifying against the simulator', async () => {
		const run = await record(
			['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'],
			{
				input: simulator.tokenSecret,
			},
		);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true});
		expect(loadedSource(run.loads, 'source/commands/test/test.ts'), 'the hook saw the test command load').toBe(true);
		expect(uiLoads(run.loads)).toEqual([]);
	});

	it('test NAME --json and test --all --json, on saved profiles', async () => {
		const store = emptyStore();
		const added = await record(
			[
				'profiles',
				'add',
				'imports-check',
				'--server',
				simulator.url,
				'--site',
				simulator.site,
				'--token-name',
				simulator.tokenName,
				'--token-secret-stdin',
				'--no-verify',
			],
			{env: {TABLEAU_CONNECT_CONFIG_DIR: store}, input: simulator.tokenSecret},
		);
		expect(added.code, added.stderr).toBe(0);
		expect(uiLoads(added.loads)).toEqual([]);
		// A save asks the keychain first (there is none here: the secret falls back to the file).
		expect(keyringLoads(added.loads).length, 'profiles add loads the keychain library').toBeGreaterThan(0);

		for (const args of [
			['test', 'imports-check', '--json'],
			['test', '--all', '--json'],
		]) {
			const run = await record(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: store}});
			expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
			expect(uiLoads(run.loads), args.join(' ')).toEqual([]);
		}
	});
});

/**
Runs the copied CLI in a pseudo-terminal (`script`, from util-linux), recording its loads: `drive`
gets the screen so far and a way to type, and says when it is done; then Ctrl-C ends the program.
*/
async function recordInTerminal(
	args: string[],
	drive: (screen: string, type: (text: string) => void, loads: () => string[]) => boolean,
): Promise<{screen: string; loads: string[]}> {
	const loadsFile = join(work, `loads-terminal-${Math.random().toString(36).slice(2)}.txt`);
	const command = [process.execPath, '--import', hook, cli, ...args].map(part => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
	const child = spawn('script', ['-qfec', command, '/dev/null'], {
		env: {...cleanEnv(), RECORD_LOADS_FILE: loadsFile, TABLEAU_CONNECT_CONFIG_DIR: emptyStore(), TERM: 'xterm-256color'},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const started = await new Promise<boolean>(resolve => {
		child.once('spawn', () => resolve(true));
		child.once('error', () => resolve(false));
	});
	if (!started) {
		throw new Error('`script` (util-linux) is needed for this test: it gives the program a terminal.');
	}

	let screen = '';
	child.stdout.on('data', (chunk: Buffer) => {
		screen += chunk.toString();
	});
	child.stderr.resume();
	const closed = new Promise<void>(resolve => {
		child.on('close', () => resolve());
	});
	const loaded = () => (existsSync(loadsFile) ? readFileSync(loadsFile, 'utf8').split('\n').filter(Boolean) : []);
	const type = (text: string) => child.stdin.write(text);
	try {
		const deadline = Date.now() + 20_000;
		while (!drive(screen, type, loaded) && child.exitCode === null && Date.now() < deadline) {
			await new Promise(resolve => setTimeout(resolve, 25));
		}

		child.stdin.write('\u0003');
		await Promise.race([closed, new Promise(resolve => setTimeout(resolve, 5000))]);
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}

		await closed;
	}

	return {screen, loads: loaded()};
}

describe('the demo', () => {
	it('never loads the keychain library, even when it saves', async () => {
		let lastEnter = 0;
		const {screen, loads} = await recordInTerminal(['demo', '--scenario', 'ok'], (text, type) => {
			// Enter through every step, as the demo invites, until the save is on screen.
			if (text.includes('saved in the temporary demo store')) {
				return true;
			}

			if (/[a-z]{3}/i.test(text) && Date.now() - lastEnter > 400) {
				lastEnter = Date.now();
				type('\r');
			}

			return false;
		});
		expect(screen, 'the demo saved its profile').toContain('saved in the temporary demo store');
		expect(loadedSource(loads, 'source/commands/demo/demo.ts'), 'the hook saw the demo load').toBe(true);
		expect(keyringLoads(loads)).toEqual([]);
	}, 40_000);
});

describe('the check can fail', () => {
	it('catches Ink and React when the wizard runs in a real terminal', async () => {
		// Wait for a first frame with Ink loaded, then quit as a person would, with Ctrl-C.
		const {screen, loads} = await recordInTerminal(['setup'], (text, _type, loaded) => /[a-z]{3}/i.test(text) && uiLoads(loaded()).length > 0);
		expect(screen, 'the wizard drew a frame').toMatch(/[a-z]{3}/i);
		const found = uiLoads(loads);
		expect(
			found.some(item => /node_modules\/ink\//.test(item)),
			found.join('\n'),
		).toBe(true);
		expect(
			found.some(item => /node_modules\/react\//.test(item)),
			found.join('\n'),
		).toBe(true);
	});
});

describe('what the wizard waits for', () => {
	it('none of the Node modules its dependencies import for a path it never takes: child_process, assert, the ES facade of process', async () => {
		const {screen, loads} = await recordInTerminal(['setup'], (text, _type, loaded) => text.includes('Step 1 of') && uiLoads(loaded()).length > 0);
		expect(screen, 'the wizard drew its first step').toContain('Step 1 of');
		const builtins = loads.filter(item => /^node:/.test(item)).map(item => item.replace(/^node:/, ''));
		expect(builtins, 'the hook saw Node modules load').toContain('tty');
		for (const unwanted of ['child_process', 'assert', 'process']) {
			expect(builtins, unwanted).not.toContain(unwanted);
		}
	});
});

describe('what the screens bundle', () => {
	it('one string-width for Ink and the wrapping of its text, so both measure a line alike, and no emoji-regex', () => {
		const inputs = Object.values(meta.outputs).flatMap(output => Object.keys(output.inputs));
		const widthModules = [...new Set(inputs.filter(input => /node_modules\/(?:.+\/)?string-width\//.test(input)))];
		expect(widthModules).toEqual(['node_modules/string-width/index.js']);
		expect(inputs.filter(input => input.includes('node_modules/emoji-regex/'))).toEqual([]);
	});
});
