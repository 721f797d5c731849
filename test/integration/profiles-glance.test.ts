// "Profiles at a glance": `profiles list` as a table from the store (no network), at 80 and 120
// columns, with `--json` grown by the table's fields; `test --all` starting with the same table, live.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Simulator} from '../../source/simulator/index.js';
import {describe, expect, test} from '../helpers/fixtures.js';

const longServer = 'https://analytics-reporting.eu-west-1.internal.example-corporation.com';

// Every test starts from the same three profiles, one of them failed: acme on `good`, badsecret on
// `bad`, and eu-finance never tested.
const it = test.extend<{saved: {good: Simulator; bad: Simulator}}>({
	saved: [
		async ({sharedSimulator, cli, configDir}, provide) => {
			// HTTPS, as real servers are: the table leaves out the https:// that goes without saying.
			const [good, bad] = await Promise.all([sharedSimulator({tls: true}), sharedSimulator({scenario: 'wrong-secret', tls: true})]);
			const caFile = join(configDir, 'ca.pem');
			writeFileSync(caFile, good.certificatePem!);
			for (const [name, target, extra] of [
				['acme', good, []],
				['badsecret', bad, ['--no-verify']],
			] as const) {
				const run = await cli(
					[
						'profiles',
						'add',
						name,
						'--server',
						target.url,
						'--site',
						target.site,
						'--token-name',
						target.tokenName,
						'--token-secret-stdin',
						'--ca-file',
						caFile,
						...extra,
					],
					{input: target.tokenSecret},
				);
				expect(run.code, run.stderr).toBe(0);
			}

			const untested = await cli(
				['profiles', 'add', 'eu-finance', '--server', longServer, '--site', 'finance-quarterly-reporting', '--token-name', 'EU', '--no-verify'],
				{env: {TABLEAU_TOKEN_SECRET: 'not-used-here'}},
			);
			expect(untested.code, untested.stderr).toBe(0);
			expect((await cli(['test', 'badsecret'])).code).toBe(1);
			await provide({good, bad});
		},
		{auto: true},
	],
});

const widest = (text: string) =>
	Math.max(
		...text
			.trimEnd()
			.split('\n')
			.map(line => [...line].length),
	);

describe('profiles list', () => {
	it('at 80 columns: one row each, every line within 80, the long server shortened by whole labels', async ({saved: {good, bad}, cli}) => {
		const requestsBefore = good.requests.length + bad.requests.length;
		const run = await cli(['profiles', 'list'], {env: {COLUMNS: '80'}});
		expect(run.code).toBe(0);
		expect(widest(run.stdout)).toBeLessThanOrEqual(80);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toMatch(/^NAME +SERVER +SITE +LAST RESULT +WHEN +EXPIRES$/);
		expect(lines[1]).toMatch(/^acme +127\.0\.0\.1:\d+ +acme +✓ verified +(just )?now +\d{4}-\d{2}-\d{2}$/);
		expect(lines[2]).toMatch(/^badsecret .*✗ signin-failed +(just )?now +unknown$/);
		expect(lines[3]).toMatch(/^eu-finance +analytics-reporting….+ +finance-…? .*never tested +— +—$/);
		expect(lines[3]).not.toContain('https://');
		// No network: the list reads only the store.
		expect(good.requests.length + bad.requests.length).toBe(requestsBefore);
	});

	it('at 120 columns: the days left beside the date, and more of the server', async ({cli}) => {
		const at80 = (await cli(['profiles', 'list'], {env: {COLUMNS: '80'}})).stdout;
		const run = await cli(['profiles', 'list'], {env: {COLUMNS: '120'}});
		expect(widest(run.stdout)).toBeLessThanOrEqual(120);
		expect(widest(run.stdout)).toBeGreaterThan(widest(at80));
		expect(run.stdout).toMatch(/^NAME +SERVER +SITE +LAST RESULT +WHEN +TOKEN EXPIRES\n/);
		expect(run.stdout).toMatch(/\nacme .*✓ verified +just now +\d{4}-\d{2}-\d{2} \(177 days\)\n/);
		expect(run.stdout).toMatch(/ analytics-reporting….*\.example-corporation\.com /);
		expect(at80).not.toContain('example-corporation');
	});

	it.for(['', '0', 'wide'])('COLUMNS=%j is no width: every value whole, as in a pipe', async (columns, {cli}) => {
		const run = await cli(['profiles', 'list'], {env: {COLUMNS: columns}});
		expect(run.stdout).toContain(longServer.replace('https://', ''));
		expect(run.stdout).toContain(' finance-quarterly-reporting ');
	});

	it('--json: the profile as before, plus the table fields', async ({cli}) => {
		const listed = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
		expect(listed.map(item => [item['name'], item['lastResult'], item['lastResultCode'], item['tokenExpiresInDays']])).toEqual([
			['acme', 'verified', null, 177],
			['badsecret', 'failed', 'signin-failed', null],
			['eu-finance', 'never-tested', null, null],
		]);
		const acme = listed[0]!;
		// Nothing renamed or removed: today's fields are all there.
		for (const field of ['server', 'site', 'tokenName', 'secretStore', 'caFile', 'createdAt', 'updatedAt', 'lastVerification', 'tokenSecretSaved']) {
			expect(acme).toHaveProperty(field);
		}

		expect(acme['lastTestedAt']).toBe((acme['lastVerification'] as {at: string}).at);
		expect(acme['tokenExpiresAt']).toBe((acme['lastVerification'] as {token: {expiresAt: string}}).token.expiresAt);
		expect(listed[2]!['lastTestedAt']).toBeNull();
	});
});

describe('test --all, plain', () => {
	it('starts with the same table filled in live, then the details of only the profiles that failed', async ({cli}) => {
		// Its server is made up: testing it would look its name up in the DNS.
		expect((await cli(['profiles', 'remove', 'eu-finance', '--yes'])).code).toBe(0);
		const run = await cli(['test', '--all'], {env: {COLUMNS: '80'}});
		expect(run.code).toBe(1);
		const lines = run.stdout.split('\n');
		expect(lines[0]).toMatch(/^NAME +SERVER +SITE +LAST RESULT +WHEN +EXPIRES$/);
		expect(lines[1]).toMatch(/^acme .*✓ verified +(just )?now +\d{4}-\d{2}-\d{2}/);
		expect(lines[2]).toMatch(/^badsecret .*✗ signin-failed +(just )?now +unknown$/);
		expect(lines[3]).toBe('');
		expect(lines[4]).toMatch(/^Testing profile "badsecret"/);
		expect(run.stdout).not.toContain('profile "acme"');
		expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual([
			'1 of 2 profiles verified; failed: badsecret.',
			expect.stringMatching(/^Soonest token expiry: acme/),
		]);
		const list = await cli(['profiles', 'list'], {env: {COLUMNS: '80'}});
		// The same renderer: the rows of the list are the rows the test printed.
		expect(list.stdout.split('\n').slice(0, 3)).toEqual(lines.slice(0, 3));
	});
});

describe('test with several names', () => {
	it('tests each, as --all does: JSON is an array in the order given, plain output starts with the table', async ({cli}) => {
		const json = await cli(['test', 'badsecret', 'acme', '--json']);
		expect(json.code).toBe(1);
		const results = JSON.parse(json.stdout) as Array<{profile: string; ok: boolean}>;
		expect(results.map(result => [result.profile, result.ok])).toEqual([
			['badsecret', false],
			['acme', true],
		]);
		const plain = await cli(['test', 'acme', 'badsecret'], {env: {COLUMNS: '80'}});
		expect(plain.stdout).toMatch(/^NAME +SERVER +SITE +LAST RESULT +WHEN +EXPIRES\n/);
		expect(plain.stdout.trimEnd()).toMatch(/\n1 of 2 profiles verified; failed: badsecret\.\n/);
	});
});
