// Saved profiles through the command line, as scripts and people use them: add, list, show, rename,
// remove, re-test one or all, and what happens when the store is damaged. Commands run in-process
// (runCommand); the built CLI only where a working directory matters.
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {PassThrough, Writable} from 'node:stream';
import {join} from 'node:path';
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCommandLine} from '../../source/commands/main.js';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {runCli, runCommand, type CliRun} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const simulators: Simulator[] = [];
const outputs: CliRun[] = [];
let configDir: string;

beforeEach(() => {
	configDir = mkdtempSync(join(tmpdir(), 'tableau-connect-profiles-'));
});

afterEach(async () => {
	// Clean up first, so that a failed check below leaves no simulator or folder behind for later tests.
	const ran = outputs.splice(0);
	const used = simulators.splice(0);
	await Promise.all(used.map(async simulator => simulator.close()));
	rmSync(configDir, {recursive: true, force: true});
	// Whatever a test ran, no piece of a simulator's secret or session token may have reached any output.
	if (used.length > 0) {
		expectNoSecrets(
			ran.flatMap(run => [run.stdout, run.stderr]),
			...used,
		);
	}
});

afterAll(() => {
	rmSync(configDir, {recursive: true, force: true});
});

async function simulator(scenario: ScenarioId = 'ok'): Promise<Simulator> {
	const started = await startSimulator({scenario});
	simulators.push(started);
	return started;
}

async function cli(args: string[], input?: string): Promise<CliRun> {
	const run = await runCommand(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: configDir}, input});
	outputs.push(run);
	return run;
}

async function add(name: string, target: Simulator, extra: string[] = []): Promise<CliRun> {
	return cli(
		['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', ...extra],
		target.tokenSecret,
	);
}

const storeFile = () => join(configDir, 'profiles.json');

describe('profiles add', () => {
	it('verifies, then saves owner-only', async () => {
		const target = await simulator();
		const run = await add('acme.prod', target);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('Saved profile "acme.prod"');
		expect(statSync(storeFile()).mode & 0o777).toBe(0o600);
		expect(statSync(configDir).mode & 0o777).toBe(0o700);
		const shown = JSON.parse((await cli(['profiles', 'show', 'acme.prod', '--json'])).stdout);
		expect(shown).toMatchObject({name: 'acme.prod', server: target.url, site: 'acme', tokenName: 'Parable Integration'});
		expect(shown.lastVerification).toMatchObject({ok: true, siteRole: 'SiteAdministratorCreator', apiVersion: '3.23'});
	});

	it('refuses to save a profile that fails, unless --no-verify', async () => {
		const target = await simulator('wrong-secret');
		const refused = await add('broken', target, ['--json']);
		expect(refused.code).toBe(1);
		expect((JSON.parse(refused.stdout) as VerificationResult).diagnosis?.code).toBe('signin-failed');
		expect(refused.stderr).toContain('Not saved');
		expect((await cli(['profiles', 'show', 'broken'])).code).toBe(2);

		const forced = await add('broken', target, ['--no-verify']);
		expect(forced.code).toBe(0);
		expect((await cli(['profiles', 'show', 'broken'])).code).toBe(0);
	});

	it('a failed add says "Not saved" and prints the full command to run again, never a profile that does not exist', async () => {
		const target = await simulator('wrong-secret');
		const refused = await add('oops', target, ['--timeout', '20']);
		expect(refused.code).toBe(1);
		const said = refused.stdout + refused.stderr;
		expect(said).not.toContain('setup --profile oops');
		expect(said).not.toContain('test oops');
		expect(refused.stderr).toContain('Not saved');
		expect(refused.stderr).toContain(
			`printf %s "$SECRET" | tableau-connect profiles add oops --server ${target.url} --site acme --token-name 'Parable Integration' --token-secret-stdin --timeout 20`,
		);
		expect(said).not.toContain(target.tokenSecret);
	});

	it('does not replace an existing profile without --force', async () => {
		const target = await simulator();
		expect((await add('one', target)).code).toBe(0);
		const again = await add('one', target);
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('--force');
		expect((await add('one', target, ['--force'])).code).toBe(0);
	});

	it('rejects bad names and bad servers with exit 2 and saves nothing', async () => {
		const target = await simulator();
		expect((await add('-bad', target)).code).toBe(2);
		const badServer = await cli(['profiles', 'add', 'x', '--server', 'ftp://nope', '--token-name', 'n', '--no-verify'], 'secret');
		expect(badServer.code).toBe(2);
		expect(badServer.stderr).not.toBe('');
		expect(JSON.parse((await cli(['profiles', 'list', '--json'])).stdout)).toEqual([]);
	});
});

describe('profiles list, show, rename, remove', () => {
	it('lists with the last result, and never shows the secret', async () => {
		const target = await simulator();
		await add('first', target);
		await add('second', target, ['--no-verify']);
		const table = await cli(['profiles', 'list']);
		expect(table.stdout).toMatch(/first .*✓ verified +just now/);
		expect(table.stdout).toMatch(/second .*never tested/);
		const listed = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
		expect(listed.map(item => item['name'])).toEqual(['first', 'second']);
		// Whether a secret is saved, and where; never the secret, nor a mask standing in for it.
		expect(listed.map(item => [item['tokenSecretSaved'], item['secretStore'], 'tokenSecret' in item])).toEqual([
			[true, 'file', false],
			[true, 'file', false],
		]);
	});

	it('renames and removes, with confirmation required off a terminal', async () => {
		const target = await simulator();
		await add('old.name', target, ['--no-verify']);
		expect((await cli(['profiles', 'rename', 'old.name', 'new.name'])).code).toBe(0);
		const withoutYes = await cli(['profiles', 'remove', 'new.name']);
		expect(withoutYes.code).toBe(2);
		expect(withoutYes.stderr).toContain('--yes');
		expect((await cli(['profiles', 'remove', 'new.name', '--yes'])).code).toBe(0);
		expect(JSON.parse((await cli(['profiles', 'list', '--json'])).stdout)).toEqual([]);
	});

	it('show --json reports a keychain entry it cannot read on stderr, with tokenSecretSaved null (not known) in the JSON', async () => {
		// Saved to a keychain (one in memory); the command's own keychain has no session bus here.
		const keychain = {label: 'a test keychain', get: async () => 'Zq9-secret', set: async () => {}, delete: async () => true};
		await openProfileStore({directory: configDir, keychain, secretStore: 'keychain'}).save({
			name: 'locked',
			server: 'https://tableau.example.com',
			site: 'acme',
			tokenName: 'Parable Integration',
			tokenSecret: 'Zq9-secret',
		});
		const shown = await cli(['profiles', 'show', 'locked', '--json']);
		expect(shown.code).toBe(0);
		expect(JSON.parse(shown.stdout)).toMatchObject({name: 'locked', secretStore: 'keychain', tokenSecretSaved: null});
		expect(shown.stderr).toContain('Cannot read the token secret of profile "locked" from the keychain');
		expect(shown.stderr).toContain('tableau-connect profiles set-secret locked --secret-store file');
		// In text, the same problem sits under the secret's line, on stdout.
		expect((await cli(['profiles', 'show', 'locked'])).stdout).toContain('Cannot read the token secret of profile "locked"');
	});

	it('names the profiles that exist when one is missing', async () => {
		const target = await simulator();
		await add('alpha', target, ['--no-verify']);
		const run = await cli(['test', 'beta']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('alpha');
	});
});

describe('test NAME and test --all', () => {
	it('re-tests every profile, reports each one, and records the results', async () => {
		const good = await simulator('ok');
		const bad = await simulator('wrong-secret');
		const limited = await simulator('not-admin');
		await add('good', good);
		await add('bad', bad, ['--no-verify']);
		await add('limited', limited, ['--no-verify']);
		const run = await cli(['test', '--all', '--json']);
		expect(run.code).toBe(1);
		const results = JSON.parse(run.stdout) as VerificationResult[];
		expect(results.map(result => [result.profile, result.diagnosis?.code ?? 'ok'])).toEqual([
			['bad', 'signin-failed'],
			['good', 'ok'],
			['limited', 'insufficient-permissions'],
		]);
		const listed = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as Array<{
			name: string;
			lastVerification: {ok: boolean; diagnosisCode: string | null};
		}>;
		expect(listed.map(item => [item.name, item.lastVerification.diagnosisCode])).toEqual([
			['bad', 'signin-failed'],
			['good', null],
			['limited', 'insufficient-permissions'],
		]);

		const human = await cli(['test', '--all']);
		expect(human.stdout).toContain('1 of 3 profiles verified; failed: bad, limited');
		// The table of all three first, then the details of only those that failed, in list order.
		expect(human.stdout).toMatch(
			/^NAME +SERVER +SITE +TOKEN NAME +LAST RESULT +WHEN +TOKEN EXPIRES\nbad .*✗ signin-failed +just now +unknown\ngood .*✓ verified +just now +\d{4}-\d{2}-\d{2} \(177 days\)\nlimited .*✗ insufficient-permissions/,
		);
		const order = ['bad', 'limited'].map(name => human.stdout.indexOf(`profile "${name}"`));
		expect(order.every(index => index > human.stdout.indexOf('\nlimited '))).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(human.stdout).not.toContain('profile "good"');
	});

	it('takes turns with a token that several profiles share, so they do not sign each other out', async () => {
		const shared = await simulator('ok');
		for (const name of ['one', 'two', 'three', 'four']) {
			await add(name, shared, ['--no-verify']);
		}

		const run = await cli(['test', '--all', '--json']);
		const results = JSON.parse(run.stdout) as VerificationResult[];
		expect(results.map(result => result.diagnosis?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok']);
		expect(run.code).toBe(0);
		expect(shared.stats()).toMatchObject({signIns: 4, signOuts: 4, activeSessions: 0});
	});

	it('names the soonest token expiry in the summary of test --all, and keeps expiry and counts with each profile', async () => {
		await add('later', await simulator('ok'), ['--no-verify']);
		await add('soon', await simulator('token-expiring'), ['--no-verify']);
		await add('explorer', await simulator('explorer-role'), ['--no-verify']);
		const human = await cli(['test', '--all']);
		expect(human.code).toBe(0);
		expect(human.stdout).toContain('3 of 3 profiles verified.');
		expect(human.stdout).toMatch(/\nSoonest token expiry: soon, in about 9 days \(on \d{4}-\d{2}-\d{2}\)\.\n/);
		// Each block ends with what Parable will see and when the token expires.
		// Blocks only for the profiles that warned ("soon", "explorer"); the one that passed is its table row.
		expect(human.stdout).toContain('  Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.');
		expect(human.stdout).not.toContain('profile "later"');
		expect(human.stdout).toMatch(/\nlater .*✓ verified +just now +\d{4}-\d{2}-\d{2} \(177 days\)\n/);
		expect(human.stdout).toMatch(/\nsoon .*! token-expiring +just now +\d{4}-\d{2}-\d{2} \(9 days\)\n/);
		expect(human.stdout).toContain(
			"  Parable will see 38 workbooks, 311 views, 12 data sources and 1 user; view counts are available; these are what this token's user can see, not the whole site.",
		);
		expect(human.stdout).toMatch(/ {2}The token expires in about 64 days \(on \d{4}-\d{2}-\d{2}, Tableau's estimate\)\./);
		expect(human.stdout).toContain('[token-expiring]');
		expect(human.stdout).toContain('tableau-connect rotate soon');

		const shown = JSON.parse((await cli(['profiles', 'show', 'soon', '--json'])).stdout) as {lastVerification: Record<string, unknown>};
		expect(shown.lastVerification['token']).toMatchObject({expiresInDays: 9});
		expect(shown.lastVerification['access']).toEqual({workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true});
		const plain = (await cli(['profiles', 'show', 'soon'])).stdout;
		expect(plain).toContain('              Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.');
		expect(plain).toMatch(/ {14}The token expires in about 9 days \(on \d{4}-\d{2}-\d{2}, Tableau's estimate\)\./);
	});

	it('prints a single object for one profile and exits 0 when it works', async () => {
		const target = await simulator();
		await add('solo', target, ['--no-verify']);
		const run = await cli(['test', 'solo', '--json']);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true, profile: 'solo'});
	});

	it('says how to start when nothing is saved', async () => {
		const run = await cli(['test', '--all']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('tableau-connect setup');
	});
});

describe('a damaged store', () => {
	it('is never rewritten: exit 2, the file named, the bytes unchanged', async () => {
		writeFileSync(storeFile(), '{"schemaVersion":1,"profiles":{', {mode: 0o600});
		const before = readFileSync(storeFile());
		for (const args of [
			['profiles', 'list'],
			['test', '--all'],
			['profiles', 'add', 'x', '--server', 'https://a.example.com', '--token-name', 'n', '--no-verify'],
		]) {
			const run = await cli(args, 'secret-value');
			expect(run.code).toBe(2);
			expect(run.stderr).toContain(storeFile());
			expect(run.stderr).not.toMatch(/\n\s+at /);
		}

		expect(readFileSync(storeFile()).equals(before)).toBe(true);
	});

	it('refuses a store written by a newer version', async () => {
		writeFileSync(storeFile(), JSON.stringify({schemaVersion: 99, profiles: {}}), {mode: 0o600});
		const run = await cli(['profiles', 'list']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/newer/i);
	});
});

describe('a profile remembers its CA file', () => {
	async function tlsSimulatorWithCaFile(): Promise<{target: Simulator; caFile: string}> {
		const target = await startSimulator({tls: true});
		simulators.push(target);
		const caFile = join(configDir, 'company-ca.pem');
		writeFileSync(caFile, target.certificatePem!);
		return {target, caFile};
	}

	it('add --ca-file saves the path; test NAME and --all trust it without the flag; show shows it; --insecure is never saved', async () => {
		const {target, caFile} = await tlsSimulatorWithCaFile();
		const added = await add('tls', target, ['--ca-file', caFile]);
		expect(added.code, added.stderr).toBe(0);
		await add('loose', target, ['--insecure']);
		const stored = JSON.parse(readFileSync(storeFile(), 'utf8')) as {profiles: Record<string, Record<string, unknown>>};
		expect(stored.profiles['tls']).toMatchObject({caFile});
		expect(JSON.stringify(stored)).not.toMatch(/insecure/i);
		expect(stored.profiles['loose']).not.toHaveProperty('caFile');

		const one = await cli(['test', 'tls', '--json']);
		expect(one.code, one.stderr).toBe(0);
		const all = await cli(['test', '--all', '--json']);
		const results = JSON.parse(all.stdout) as VerificationResult[];
		expect(results.map(result => [result.profile, result.ok, result.diagnosis?.code ?? null])).toEqual([
			['loose', false, 'tls-untrusted-certificate'],
			['tls', true, null],
		]);

		expect((await cli(['profiles', 'show', 'tls'])).stdout).toContain(`CA file       ${caFile}`);
		expect(JSON.parse((await cli(['profiles', 'show', 'tls', '--json'])).stdout)).toMatchObject({caFile});
	});

	it('a CA file given as a relative path is saved as an absolute one', async () => {
		const {target} = await tlsSimulatorWithCaFile();
		const run = await runCli(
			[
				'profiles',
				'add',
				'relative',
				'--server',
				target.url,
				'--site',
				target.site,
				'--token-name',
				target.tokenName,
				'--token-secret-stdin',
				'--ca-file',
				'company-ca.pem',
			],
			{env: {TABLEAU_CONNECT_CONFIG_DIR: configDir}, input: target.tokenSecret, cwd: configDir},
		);
		outputs.push(run);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(readFileSync(storeFile(), 'utf8')).profiles.relative.caFile).toBe(join(configDir, 'company-ca.pem'));
	});

	it('a saved CA file that is gone: exit 2 naming the profile and the fix; set-ca-file changes or drops it', async () => {
		const {target, caFile} = await tlsSimulatorWithCaFile();
		await add('tls', target, ['--ca-file', caFile]);
		rmSync(caFile);
		const run = await cli(['test', 'tls', '--json']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain(`Profile "tls" trusts the CA file ${caFile}: cannot read it (ENOENT)`);
		expect(run.stderr).toContain('tableau-connect profiles set-ca-file tls PATH');

		const elsewhere = join(configDir, 'renewed-ca.pem');
		writeFileSync(elsewhere, target.certificatePem!);
		expect((await cli(['profiles', 'set-ca-file', 'tls', elsewhere])).code).toBe(0);
		expect((await cli(['test', 'tls', '--json'])).code).toBe(0);

		expect((await cli(['profiles', 'set-ca-file', 'tls', '--none'])).code).toBe(0);
		const untrusted = JSON.parse((await cli(['test', 'tls', '--json'])).stdout) as VerificationResult;
		expect(untrusted.diagnosis?.code).toBe('tls-untrusted-certificate');
		// A one-off --ca-file still works, and is not saved.
		expect((await cli(['test', 'tls', '--json', '--ca-file', elsewhere])).code).toBe(0);
		expect(JSON.parse(readFileSync(storeFile(), 'utf8')).profiles.tls).not.toHaveProperty('caFile');
	});
});

describe('Ctrl-C at the hidden secret prompt', () => {
	/** Runs a command whose standard input is a terminal (a stream that says so), presses Ctrl-C at the prompt. */
	async function interruptAtPrompt(args: string[]): Promise<{code: number; stderr: string}> {
		const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin});
		let stderr = '';
		const stream = (append: (text: string) => void) =>
			Object.assign(
				new Writable({
					write(chunk: Buffer, _encoding, done) {
						append(chunk.toString());
						done();
					},
				}),
				{isTTY: true},
			);
		const running = runCommandLine(args, {
			stdin,
			stdout: stream(() => {}),
			stderr: stream(text => {
				stderr += text;
				if (text.includes('typing is hidden')) {
					stdin.write('half\u0003');
				}
			}),
			env: {TABLEAU_CONNECT_CONFIG_DIR: configDir, NO_COLOR: '1'},
			interrupts: createInterrupts(),
		});
		return {code: await running, stderr};
	}

	it('profiles set-secret says the saved secret is unchanged, and it is', async () => {
		const target = await simulator();
		expect((await add('keep', target)).code).toBe(0);
		const before = readFileSync(storeFile(), 'utf8');
		const run = await interruptAtPrompt(['profiles', 'set-secret', 'keep']);
		expect(run.code).toBe(130);
		expect(run.stderr).toContain('Interrupted: no secret was read, the saved secret is unchanged.');
		expect(run.stderr).not.toContain('nothing was tested');
		expect(readFileSync(storeFile(), 'utf8')).toBe(before);
	});

	it('test says nothing was tested', async () => {
		const run = await interruptAtPrompt(['test', '--server', 'https://tableau.example.com', '--token-name', 'n', '--token-secret-stdin']);
		expect(run.code).toBe(130);
		expect(run.stderr).toContain('Interrupted: no secret was read, nothing was tested.');
	});
});
