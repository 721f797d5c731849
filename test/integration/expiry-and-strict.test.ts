// `test --expiry-warning-days N` (the `token-expiring` threshold) and `--strict` (a warning fails the
// run), through the command line against the simulator: values as flags, one saved profile, --all.
import type {Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import type {CliRun} from '../helpers/cli.js';
import {describe, expect, test, type CliFixtures} from '../helpers/fixtures.js';

type Targets = {
	/** 20 days and a bit left: inside a 30-day threshold, outside the default 14. */
	twentyDays: Simulator;
	/** 9 days left, and nothing else to warn about. */
	nineDays: Simulator;
};

// Both simulators for every test, so the outputs of each are searched for the secrets of both.
const it = test.extend<{targets: Targets}>({
	async targets({sharedSimulator}, provide) {
		const [twentyDays, nineDays] = await Promise.all([sharedSimulator({timeToExpiration: '20:03:00'}), sharedSimulator({scenario: 'token-expiring'})]);
		await provide({twentyDays, nineDays});
	},
});

async function testValues(cli: CliFixtures['cli'], target: Simulator, extra: string[]): Promise<CliRun> {
	return cli(['test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', ...extra], {
		input: target.tokenSecret,
	});
}

async function addProfile(cli: CliFixtures['cli'], name: string, target: Simulator): Promise<void> {
	const run = await cli(['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin'], {
		input: target.tokenSecret,
	});
	expect(run.code, run.stderr).toBe(0);
}

const codes = (result: VerificationResult) => result.warnings.map(item => item.code);

describe('--expiry-warning-days', () => {
	it('the default (14) does not warn 20 days ahead; 30 does, in --json with the signin check at warn', async ({targets: {twentyDays}, cli}) => {
		const quiet = await testValues(cli, twentyDays, ['--json']);
		expect(quiet.code).toBe(0);
		expect(codes(JSON.parse(quiet.stdout) as VerificationResult)).toEqual([]);

		const early = await testValues(cli, twentyDays, ['--json', '--expiry-warning-days', '30']);
		expect(early.code).toBe(0);
		const result = JSON.parse(early.stdout) as VerificationResult;
		expect(result.ok).toBe(true);
		expect(result.token?.expiresInDays).toBe(20);
		expect(codes(result)).toEqual(['token-expiring']);
		expect(result.checks.find(check => check.id === 'signin')?.status).toBe('warn');
	});

	it('decides at exactly N days: 20 days left warns at 21, not at 20', async ({targets: {twentyDays}, cli}) => {
		const at21 = JSON.parse((await testValues(cli, twentyDays, ['--json', '--expiry-warning-days=21'])).stdout) as VerificationResult;
		const at20 = JSON.parse((await testValues(cli, twentyDays, ['--json', '--expiry-warning-days=20'])).stdout) as VerificationResult;
		expect(codes(at21)).toEqual(['token-expiring']);
		expect(codes(at20)).toEqual([]);
	});

	it('0 never warns, even 9 days ahead; plain output shows the warning only when it applies', async ({targets: {nineDays}, cli}) => {
		const off = await testValues(cli, nineDays, ['--expiry-warning-days', '0']);
		expect(off.code).toBe(0);
		expect(off.stdout).not.toContain('token-expiring');
		const on = await testValues(cli, nineDays, []);
		expect(on.stdout).toContain('[token-expiring]');
	});

	it('reaches saved profiles: test NAME and test --all', async ({targets: {twentyDays}, cli}) => {
		await addProfile(cli, 'twenty', twentyDays);
		const one = await cli(['test', 'twenty', '--json', '--expiry-warning-days', '30']);
		expect(codes(JSON.parse(one.stdout) as VerificationResult)).toEqual(['token-expiring']);
		const all = await cli(['test', '--all', '--json', '--expiry-warning-days', '30']);
		expect((JSON.parse(all.stdout) as VerificationResult[]).map(result => codes(result))).toEqual([['token-expiring']]);
		const plain = await cli(['test', '--all', '--expiry-warning-days', '30']);
		expect(plain.code).toBe(0);
		expect(plain.stdout).toContain('[token-expiring]');
	});

	for (const value of ['abc', '-1', '366', '1.5', '', '1e2', '30days']) {
		it(`"${value}" is a usage error (exit 2) before any request, on values and on --all`, async ({targets: {twentyDays}, cli}) => {
			const before = twentyDays.requests.length;
			const flag = `--expiry-warning-days=${value}`;
			const run = await testValues(cli, twentyDays, [flag, '--json']);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('--expiry-warning-days takes a whole number of days from 0 to 365');
			expect(run.stdout).toBe('');
			await addProfile(cli, 'twenty', twentyDays);
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
	it('a run that verified with warnings exits 1, and says why on stderr; the JSON still says ok', async ({targets: {nineDays}, cli}) => {
		const lenient = await testValues(cli, nineDays, ['--json']);
		expect(lenient.code).toBe(0);
		const strict = await testValues(cli, nineDays, ['--json', '--strict']);
		expect(strict.code).toBe(1);
		expect((JSON.parse(strict.stdout) as VerificationResult).ok).toBe(true);
		expect(strict.stderr).toContain('--strict: exit code 1');
		expect(strict.stderr).toContain('token-expiring');
	});

	it('a run with no warning still exits 0', async ({targets: {twentyDays}, cli}) => {
		const run = await testValues(cli, twentyDays, ['--strict']);
		expect(run.code).toBe(0);
		expect(run.stderr).not.toContain('--strict');
	});

	it('with the threshold: a nightly test --all --strict --expiry-warning-days 30 fails a month ahead', async ({targets: {twentyDays, nineDays}, cli}) => {
		await addProfile(cli, 'twenty', twentyDays);
		await addProfile(cli, 'nine', nineDays);
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
