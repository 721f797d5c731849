import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';

const writers = 6;
const profilesPerWriter = 10;
let root: string;
let writerScript: string;

beforeAll(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-concurrency-'));
	writerScript = path.join(root, 'profile-store-writer.mjs');
	// Node 20 cannot run TypeScript, so the child is bundled (conf included) the way the CLI is.
	await build({
		entryPoints: [fileURLToPath(new URL('../fixtures/profile-store-writer.ts', import.meta.url))],
		outfile: writerScript,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		banner: {js: "import {createRequire as __createRequire} from 'node:module';const require=__createRequire(import.meta.url);"},
		logLevel: 'warning',
	});
});

afterAll(() => {
	fs.rmSync(root, {recursive: true, force: true});
});

function run(args: string[]): Promise<{code: number | null; output: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [writerScript, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout.on('data', chunk => (output += chunk));
		child.stderr.on('data', chunk => (output += chunk));
		child.on('error', reject);
		child.on('close', code => resolve({code, output}));
	});
}

it(`loses nothing when ${writers} processes save ${profilesPerWriter} different profiles each at the same time`, async () => {
	const directory = path.join(root, 'config');
	const startAt = String(Date.now() + 750);
	const results = await Promise.all(Array.from({length: writers}, (_, writer) => run([directory, String(writer), String(profilesPerWriter), startAt])));
	for (const result of results) {
		expect(result.output).toBe('');
		expect(result.code).toBe(0);
	}

	const store = openProfileStore({directory});
	const profiles = store.list();
	const expected = Array.from({length: writers}, (_, writer) =>
		Array.from({length: profilesPerWriter}, (_, index) => `writer${writer}.profile${index}`),
	).flat();
	expect(profiles.map(profile => profile.name).sort()).toEqual(expected.sort());
	for (const profile of profiles) {
		const [, writer, index] = /^writer(\d+)\.profile(\d+)$/.exec(profile.name)!;
		expect(await store.readSecret(profile.name)).toBe(`secret-${writer}-${index}`);
		expect(profile.lastVerification?.userName).toBe(`writer${writer}`);
	}

	// Every temporary file renamed into place and every lock released.
	expect(fs.readdirSync(directory)).toEqual(['profiles.json']);
	expect(fs.statSync(path.join(directory, 'profiles.json')).mode & 0o777).toBe(0o600);
});
