// `test --expiry-warning-days N` (the `token-expiring` threshold) and `--strict` (a warning fails the
// run), through the command line against the simulator: values as flags, one saved profile, --all.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {runCommand, type CliRun} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';

// 20 days and a bit left: inside a 30-day threshold, outside the default 14.
let twentyDays: Simulator;
// 9 days left, and nothing else to warn about.
let nineDays: Simulator;
let configDir: string;
const runs: CliRun[] = [];

beforeAll(async () => {
	[twentyDays, nineDays] = await Promise.all([startSimulator({timeToExpiration: '20:03:00'}), startSimulator({scenario: 'token-expiring'})]);
});

afterAll(async () => {
	await Promise.all([twentyDays.close(), nineDays.close()]);
});

beforeEach(() => {
	configDir = mkdtempSync(join(tmpdir(), 'tableau-connect-expiry-'));
});

afterEach(() => {
	rmSync(configDir, {recursive: true, force: true});
	expectNoSecrets(
		runs.splice(0).flatMap(run => [run.stdout, run.stderr]),
		twentyDays,
		nineDays,
	);
});

async function cli(args: string[], input?: string): Promise<CliRun> {
	const run = await runCommand(args, {env: {TABLEAU_CONNECT_CONFIG_DIR: configDir}, input});
	runs.push(run);
	return run;
}

async function testValues(target: Simulator, extra: string[]): Promise<CliRun> {
	return cli(['test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', ...extra], target.tokenSecret);
}

async function addProfile(name: string, target: Simulator): Promise<void> {
	const run = await cli(
		['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin'],
		target.tokenSecret,
	);
	expect(run.code, run.stderr).toBe(0);
}

const codes = (result: VerificationResult) => result.warnings.map(item => item.code);

describe('--expiry-warning-days', () => {
	it('the default (14) does not warn 20 days ahead; 30 does, in --json with the signin check at warn', async () => {
		const quiet = await testValues(twentyDays, ['--json']);
		expect(quiet.code).toBe(0);
		expect(codes(JSON.parse(quiet.stdout) as VerificationResult)).toEqual([]);

		const early = await testValues(twentyDays, ['--json', '--expiry-warning-days', '30']);
		expect(early.code).toBe(0);
		const result = JSON.parse(early.stdout) as VerificationResult;
		expect(result.ok).toBe(true);
		expect(result.token?.expiresInDays).toBe(20);
		expect(codes(result)).toEqual(['token-expiring']);
		expect(result.checks.find(check => check.id === 'signin')?.status).toBe('warn');
	});

	it('decides at exactly N days: 20 days left warns at 21, not at 20', async () => {
		const at21 = JSON.parse((await testValues(twentyDays, ['--json', '--expiry-warning-days=21'])).stdout) as VerificationResult;
		const at20 = JSON.parse((await testValues(twentyDays, ['--json', '--expiry-warning-days=20'])).stdout) as VerificationResult;
		expect(codes(at21)).toEqual(['token-expiring']);
		expect(codes(at20)).toEqual([]);
	});

	it('0 never warns, even 9 days ahead; plain output shows the warning only when it applies', async () => {
		const off = await testValues(nineDays, ['--expiry-warning-days', '0']);
		expect(off.code).toBe(0);
		expect(off.stdout).not.toContain('token-expiring');
		const on = await testValues(nineDays, []);
		expect(on.stdout).toContain('[token-expiring]');
	});

	it('reaches saved profiles: test NAME and test --all', async () => {
		await addProfile('twenty', twentyDays);
		const one = await cli(['test', 'twenty', '--json', '--expiry-warning-days', '30']);
		expect(codes(JSON.parse(one.stdout) as VerificationResult)).toEqual(['token-expiring']);
		const all = await cli(['test', '--all', '--json', '--expiry-warning-days', '30']);
		expect((JSON.parse(all.stdout) as VerificationResult[]).map(result => codes(result))).toEqual([['token-expiring']]);
		const plain = await cli(['test', '--all', '--expiry-warning-days', '30']);
		expect(plain.code).toBe(0);
		expect(plain.stdout).toContain('[token-expiring]');
	});

	for (const value of ['abc', '-1', '366', '1.5', '', '1e2', '30days']) {
		it(`"${value}" is a usage error (exit 2) before any request, on values and on --all`, async () => {
			const before = twentyDays.requests.length;
			const flag = `--expiry-warning-days=${value}`;
			const run = await testValues(twentyDays, [flag, '--json']);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('--expiry-warning-days takes a whole number of days from 0 to 365');
			expect(run.stdout).toBe('');
			await addProfile('twenty', twentyDays);
			const afterAdd = twentyDays.requests.length;
			const all = await cli(['test', '--all', flag]);
			expect(all.code).toBe(2);
			expect(all.stderr).toContain('--expiry-warning-days takes a whole number');
			expect(twentyDays.requests.length - afterAdd).toBe(0);
			expect(afterAdd).toBeGreaterThan(before);
		});
	}
});

describe('--strict', () => {
	it('a run that verified with warnings exits 1, and says why on stderr; the JSON still says ok', async () => {
		const lenient = await testValues(nineDays, ['--json']);
		expect(lenient.code).toBe(0);
		const strict = await testValues(nineDays, ['--json', '--strict']);
		expect(strict.code).toBe(1);
		expect((JSON.parse(strict.stdout) as VerificationResult).ok).toBe(true);
		expect(strict.stderr).toContain('--strict: exit code 1');
		expect(strict.stderr).toContain('token-expiring');
	});

	it('a run with no warning still exits 0', async () => {
		const run = await testValues(twentyDays, ['--strict']);
		expect(run.code).toBe(0);
		expect(run.stderr).not.toContain('--strict');
	});

	it('with the threshold: a nightly test --all --strict --expiry-warning-days 30 fails a month ahead', async () => {
		await addProfile('twenty', twentyDays);
		await addProfile('nine', nineDays);
		const nightly = await cli(['test', '--all', '--strict', '--expiry-warning-days', '30']);
		expect(nightly.code).toBe(1);
		expect(nightly.stderr).toContain('"nine", "twenty" verified with warnings (token-expiring)');
		const json = await cli(['test', '--all', '--strict', '--json', '--expiry-warning-days', '30']);
		expect(json.code).toBe(1);
		expect((JSON.parse(json.stdout) as VerificationResult[]).every(result => result.ok)).toBe(true);
		// Without --strict the same warnings pass; without the longer threshold only one profile warns, and that fails.
		expect((await cli(['test', '--all', '--expiry-warning-days', '30'])).code).toBe(0);
		const one = await cli(['test', 'twenty', 'nine', '--strict']);
		expect(one.code).toBe(1);
		expect(one.stderr).toContain('"nine" verified');
		expect((await cli(['test', 'twenty', '--strict'])).code).toBe(0);
	});
});
