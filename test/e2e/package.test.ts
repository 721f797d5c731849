// The package as npm would publish it (issue 6, "Packaging"): `npm pack` holds only what the
// program needs, and once installed into an empty folder its `tableau-connect` command answers
// --version and --help and runs the simulator. Runs against the built dist/ (npm test builds first).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {collectOutput} from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {name: string; version: string};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npmMissing = spawnSync(npm, ['--version'], {stdio: 'ignore'}).error !== undefined;

/** What may ship: the bundle, and the files npm always includes. */
const allowed = [
	/^dist\/cli\.js$/,
	/^dist\/chunks\/[\w.-]+\.js$/,
	/^package\.json$/,
	/^README\.md$/i,
	/^LICEN[CS]E(\.md|\.txt)?$/i,
	/^dist\/THIRD-PARTY-NOTICES\.txt$/,
];

type Run = {code: number | null; stdout: string; stderr: string};

/** Runs a command to its end, with a deadline; the environment is ours minus npm's script variables. */
async function run(command: string, args: string[], options: {cwd: string; timeoutMs?: number; env?: Record<string, string>}): Promise<Run> {
	return runWith(command, args, {...options, env: options.env ?? {}});
}

async function runWith(command: string, args: string[], options: {cwd: string; timeoutMs?: number; env: NodeJS.ProcessEnv}): Promise<Run> {
	const environment: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(lifecycle|package)_/.test(key) && !key.startsWith('TABLEAU_')) {
			environment[key] = value;
		}
	}

	// npm and npx put this clone's node_modules/.bin on PATH; a person installing the package has none
	// of our devDependencies there, so a lifecycle script that needs one must fail here as it would for them.
	environment['PATH'] = (environment['PATH'] ?? '')
		.split(delimiter)
		.filter(entry => !entry.endsWith(join('node_modules', '.bin')))
		.join(delimiter);
	const child = spawn(command, args, {cwd: options.cwd, env: {...environment, NO_COLOR: '1', ...options.env}, stdio: ['ignore', 'pipe', 'pipe']});
	const output = collectOutput(child);
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
	const code = await output.code;
	clearTimeout(timer);
	return {code, stdout: output.stdout, stderr: output.stderr};
}

describe.skipIf(npmMissing)(npmMissing ? 'npm package (skipped: npm is not on PATH)' : 'npm package', () => {
	let folder: string;
	let packed: {filename: string; files: Array<{path: string}>};
	let project: string;
	let install: Run;
	let bin: string;

	beforeAll(async () => {
		if (!existsSync(join(root, 'dist', 'cli.js'))) {
			throw new Error('dist/cli.js is missing: run "npm run build" first (npm test does).');
		}

		folder = mkdtempSync(join(tmpdir(), 'tableau-connect-package-'));
		const pack = await run(npm, ['pack', '--json', '--pack-destination', folder], {cwd: root, timeoutMs: 30_000});
		expect(pack.code, pack.stderr).toBe(0);
		// npm prints lifecycle output before the JSON when a prepack script exists: take the array.
		const parsed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<typeof packed>;
		packed = parsed[0]!;

		// Installed once here, so that each test below stands on its own whatever runs first or alone.
		project = join(folder, 'project');
		mkdirSync(project);
		writeFileSync(join(project, 'package.json'), JSON.stringify({name: 'empty-project', version: '1.0.0', private: true}));
		// Dependencies come from npm's cache when it has them (CI just ran `npm ci`), else the registry.
		// With its scripts, as a person installs it: a lifecycle script that needs a devDependency would fail here.
		install = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(folder, packed.filename)], {
			cwd: project,
			timeoutMs: 45_000,
		});
		bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'tableau-connect.cmd' : 'tableau-connect');
	}, 90_000);

	afterAll(() => {
		if (folder) {
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('holds the bundle, package.json and README, and nothing else', () => {
		const paths = packed.files.map(file => file.path).sort();
		expect(paths).toContain('dist/cli.js');
		expect(paths).toContain('package.json');
		expect(paths).toContain('README.md');
		expect(paths).toContain('LICENSE');
		expect(paths).toContain('dist/THIRD-PARTY-NOTICES.txt');
		expect(paths.some(path => path.startsWith('dist/chunks/'))).toBe(true);
		expect(paths.filter(path => !allowed.some(pattern => pattern.test(path)))).toEqual([]);
	});

	it('installs into an empty folder and runs from there', async () => {
		expect(install.code, install.stderr).toBe(0);
		expect(existsSync(bin), `${bin} after npm install`).toBe(true);

		const version = await run(bin, ['--version'], {cwd: project});
		expect(version.code, version.stderr).toBe(0);
		expect(version.stdout.trim()).toBe(packageJson.version);

		const help = await run(bin, ['--help'], {cwd: project});
		expect(help.code, help.stderr).toBe(0);
		expect(help.stdout).toContain('Usage');
		expect(help.stdout).toContain('tableau-connect test');

		// The one runtime dependency, the keychain library, installed with the prebuilt part for this
		// platform and found by the bundle from where npm put it: a save reaches the keychain (there is
		// none in the tests, so it says what is missing and falls back), rather than failing to load it.
		expect(existsSync(join(project, 'node_modules', '@napi-rs', 'keyring', 'package.json'))).toBe(true);
		if (process.platform !== 'linux') {
			return; // Elsewhere the keychain is always there: this would write to the real one.
		}

		const saved = await run(bin, ['profiles', 'add', 'packaged', '--server', 'https://tableau.example.com', '--token-name', 'n', '--no-verify'], {
			cwd: project,
			env: {TABLEAU_CONNECT_CONFIG_DIR: join(project, 'config'), TABLEAU_TOKEN_SECRET: 'package-test-secret'},
		});
		expect(saved.code, saved.stderr).toBe(0);
		expect(saved.stdout).toContain('no D-Bus session bus');
		expect(saved.stdout).not.toContain('could not be loaded');
	}, 60_000);

	// The README's two ways to put `tableau-connect` on PATH, each into a prefix of its own so the
	// machine's global folder is untouched: `npm install -g ./tableau-connect-*.tgz` and `npm link`.
	it.each([
		[
			'npm install -g of the packed tarball',
			(prefix: string) => ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(folder, packed.filename)],
		],
		['npm link in the clone', () => ['link', '--no-audit', '--no-fund', '--ignore-scripts']],
	])(
		'%s puts tableau-connect on PATH',
		async (_route, args) => {
			const prefix = join(folder, `global-${_route.split(' ')[1]}`);
			mkdirSync(prefix);
			// npm link reads the prefix from its config, not from --prefix.
			const install = await runWith(npm, args(prefix), {cwd: root, timeoutMs: 45_000, env: {npm_config_prefix: prefix}});
			expect(install.code, install.stderr).toBe(0);
			const version = await run(join(prefix, 'bin', 'tableau-connect'), ['--version'], {cwd: folder});
			expect(version.code, version.stderr).toBe(0);
			expect(version.stdout.trim()).toBe(packageJson.version);
		},
		60_000,
	);

	it('runs the simulator from the installed package until SIGINT', async () => {
		expect(existsSync(bin), `${bin} after npm install: ${install.stderr}`).toBe(true);
		const child = spawn(bin, ['simulate', '--json'], {cwd: folder, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const exited = new Promise<number | null>(resolve => {
			child.on('close', resolve);
		});
		try {
			const firstLine = await new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`simulate printed no line within 15 s: ${stderr}`)), 15_000);
				child.stdout.on('data', (chunk: Buffer) => {
					stdout += chunk.toString();
					if (stdout.includes('\n')) {
						clearTimeout(timer);
						resolve(stdout.slice(0, stdout.indexOf('\n')));
					}
				});
				child.on('exit', code => {
					clearTimeout(timer);
					reject(new Error(`simulate exited (${code}) before printing: ${stderr}`));
				});
			});
			const info = JSON.parse(firstLine) as {url: string; site: string; tokenName: string; tokenSecret: string};
			expect(info).toMatchObject({
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
				site: expect.any(String),
				tokenName: expect.any(String),
				tokenSecret: expect.any(String),
			});

			// It answers as Tableau does.
			const answer = await fetch(`${info.url}/api/3.23/serverinfo`, {headers: {Accept: 'application/json'}});
			expect(answer.status).toBe(200);
			expect(await answer.text()).toContain('restApiVersion');

			child.kill('SIGINT');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			expect(await exited, stderr).toBe(0);
			clearTimeout(timer);
		} finally {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
			}
		}
	}, 30_000);
});
