// `tableau-connect rotate NAME` in scripts, against the simulator: the new token is tested first with
// the profile's server, site and CA file, and only a passing one replaces the name and secret. A
// failing one leaves profiles.json byte for byte as it was, and the secret with it.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Simulator, SimulatorOptions} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import type {CliRun} from '../helpers/cli.js';
import {describe, expect, test} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

// Made up, in the shape of Tableau's secrets: the token the profile has before the rotation.
const oldSecret = 'Zm9vYmFyYmF6cXV4MTIzNA==:k3Jd8QmZp2Lx7VtR4cNw9YbH6sFa1GeU';
const oldName = 'Parable Integration 2026';
// A new token's secret that the server does not know.
const wrongSecret = 'cXd4ZWx0eXZ1YmFzbmR6aw==:T5mQ8xRb2Wn7Kp4Lz9Vc3Hd6Jf1Sg0Ay';

const it = test.extend<{
	/** The simulator knows only the new token: its name and secret are what a rotation brings. */
	start: (options?: SimulatorOptions) => Promise<Simulator>;
	/** A profile on the simulator's server and site, with the old token, saved as `profiles add` does (in the file: no keychain here). */
	addOld: (name: string, target: Simulator, extra?: string[]) => Promise<void>;
	rotate: (name: string, tokenName: string, secret: string, extra?: string[]) => Promise<CliRun>;
	storeFile: string;
	/** Every output of every rotate run: neither the old secret nor the new one (the simulators' secrets the fixture looks for). */
	noTokenSecrets: void;
}>({
	async start({simulator}, provide) {
		await provide(async (options = {}) => simulator({tokenName: 'Parable Integration 2027', ...options}));
	},
	async addOld({cli}, provide) {
		await provide(async (name, target, extra = []) => {
			const run = await cli(
				['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', oldName, '--token-secret-stdin', '--no-verify', ...extra],
				{input: oldSecret},
			);
			expect(run.code, run.stderr).toBe(0);
		});
	},
	async rotate({cli}, provide) {
		await provide(async (name, tokenName, secret, extra = []) =>
			cli(['rotate', name, '--token-name', tokenName, '--token-secret-stdin', ...extra], {input: secret}),
		);
	},
	async storeFile({configDir}, provide) {
		await provide(join(configDir, 'profiles.json'));
	},
	noTokenSecrets: [
		async ({runs}, provide) => {
			await provide();
			expectNoSecrets(
				runs.flatMap(run => [run.stdout, run.stderr]),
				oldSecret,
				wrongSecret,
			);
		},
		{auto: true},
	],
});

describe('rotate, a passing new token', () => {
	it('tests it first, then replaces the token name and secret, and says what is left in order', async ({start, addOld, rotate, store}) => {
		const target = await start({timeToExpiration: '9:02:00'});
		await addOld('acme', target);
		const before = store.get('acme')!;
		const run = await rotate('acme', target.tokenName, target.tokenSecret);
		expect(run.code, run.stderr).toBe(0);
		const after = store.get('acme')!;
		expect(after.tokenName).toBe('Parable Integration 2027');
		expect(await store.readSecret('acme')).toBe(target.tokenSecret);
		expect({server: after.server, site: after.site, createdAt: after.createdAt, secretStore: after.secretStore}).toEqual({
			server: before.server,
			site: before.site,
			createdAt: before.createdAt,
			secretStore: 'file',
		});
		expect(after.lastVerification).toMatchObject({ok: true});
		// The new token signed in once, and signed out.
		expect(target.stats()).toMatchObject({signIns: 1, signOuts: 1, activeSessions: 0});

		const out = run.stdout;
		expect(out).toContain(`Replacing the token "${oldName}" of profile "acme"`);
		expect(out).toContain('Its last test: never tested.');
		expect(out).toContain(`Open ${target.url}/#/site/acme/home and sign in.`);
		expect(out).toContain('Find the Personal Access Tokens section.');
		expect(out).toContain(`Type a token name, for example ${oldName}.`);
		expect(out).toContain('Click Create new token.');
		expect(out).toContain(`Testing profile "acme": ${target.url}, site "acme", token "Parable Integration 2027"`);
		expect(out).toContain('✓ Profile "acme" now uses the token "Parable Integration 2027".');
		const form = out.indexOf("1. In Parable's Tableau form, enter the new token name");
		const deletion = out.indexOf(`2. Then delete the old token "${oldName}" in Tableau`);
		expect(form).toBeGreaterThan(out.indexOf('✓ Profile'));
		expect(deletion).toBeGreaterThan(form);
		expect(out).toContain('It keeps working until you do');
	});

	it('says why now: the expiry and the last test, from the saved verification', async ({start, addOld, rotate, store}) => {
		const target = await start();
		await addOld('acme', target);
		// The profile's last test, as a test of the old token 9 days before its expiry would have left it.
		const expiresAt = new Date(Date.now() + 9 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		store.recordVerification('acme', {
			at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
			ok: true,
			diagnosisCode: null,
			productVersion: '2024.2.1',
			apiVersion: '3.23',
			userName: 'a',
			siteRole: 'SiteAdministratorCreator',
			token: {expiresAt, expiresInDays: 11},
		});
		const run = await rotate('acme', target.tokenName, target.tokenSecret);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain(`Its last test: ✓ verified 2 days ago. The token expires in about 9 days (on ${expiresAt.slice(0, 10)}, Tableau's estimate).`);
	});

	it('--json gives the verification of the new token and changed: true; the words go to stderr', async ({start, addOld, rotate}) => {
		const target = await start();
		await addOld('acme', target);
		const run = await rotate('acme', target.tokenName, target.tokenSecret, ['--json']);
		expect(run.code, run.stderr).toBe(0);
		const parsed = JSON.parse(run.stdout) as {verification: VerificationResult; changed: boolean};
		expect(parsed.changed).toBe(true);
		expect(parsed.verification).toMatchObject({ok: true, profile: 'acme', server: target.url, site: 'acme', diagnosis: null});
		expect(parsed.verification.checks.map(check => check.id)).toEqual(['reach', 'serverinfo', 'signin', 'permissions', 'content', 'signout']);
		expect(run.stderr).toContain('What is left, in this order:');
	});

	it('takes the flags of every command that tests: --trace writes the new token’s test, redacted', async ({start, addOld, rotate, configDir}) => {
		const target = await start();
		await addOld('acme', target);
		const file = join(configDir, 'rotate.har');
		const run = await rotate('acme', target.tokenName, target.tokenSecret, ['--trace', file, '--timeout', '30']);
		expect(run.code, run.stderr).toBe(0);
		const text = readFileSync(file, 'utf8');
		expect(JSON.parse(text).log.entries.some((entry: {request: {url: string}}) => entry.request.url.endsWith('/auth/signin'))).toBe(true);
		expectNoSecrets([text], target, oldSecret);
	});

	it("uses the profile's CA file for the test", async ({start, addOld, rotate, store, configDir}) => {
		const target = await start({tls: true});
		const caFile = join(configDir, 'company-ca.pem');
		writeFileSync(caFile, target.certificatePem!);
		await addOld('tls', target, ['--ca-file', caFile]);
		const run = await rotate('tls', target.tokenName, target.tokenSecret);
		expect(run.code, run.stderr).toBe(0);
		expect(store.get('tls')).toMatchObject({tokenName: 'Parable Integration 2027', caFile});
	});
});

describe('rotate, a failing new token', () => {
	for (const [what, scenario, secret] of [
		['a wrong secret', 'ok', () => wrongSecret],
		['a server that refuses the secret', 'wrong-secret', undefined],
	] as const) {
		it(`${what}: the diagnosis, exit 1, and profiles.json and the secret exactly as they were`, async ({start, addOld, rotate, store, storeFile}) => {
			const target = await start({scenario});
			await addOld('acme', target);
			const bytes = readFileSync(storeFile);
			const run = await rotate('acme', target.tokenName, secret ? secret() : target.tokenSecret);
			expect(run.code).toBe(1);
			expect(run.stdout).toContain('[signin-failed');
			expect(run.stderr).toContain(`Not changed: the new token failed its test, so profile "acme" still has the token "${oldName}"`);
			expect(run.stdout + run.stderr).not.toContain('What is left');
			expect(readFileSync(storeFile).equals(bytes)).toBe(true);
			expect(await store.readSecret('acme')).toBe(oldSecret);
			expect(store.get('acme')?.tokenName).toBe(oldName);
		});
	}

	it('--json: the failed verification and changed: false; the store is untouched', async ({start, addOld, rotate, storeFile}) => {
		const target = await start({scenario: 'wrong-secret'});
		await addOld('acme', target);
		const bytes = readFileSync(storeFile);
		const run = await rotate('acme', target.tokenName, target.tokenSecret, ['--json']);
		expect(run.code).toBe(1);
		const parsed = JSON.parse(run.stdout) as {verification: VerificationResult; changed: boolean};
		expect(parsed.changed).toBe(false);
		expect(parsed.verification.diagnosis?.code).toBe('signin-failed');
		expect(readFileSync(storeFile).equals(bytes)).toBe(true);
	});
});

describe('rotate, usage errors: exit 2 before any request, nothing changed', () => {
	const cases: Array<[string, (target: Simulator) => string[], string | undefined, RegExp]> = [
		['a missing profile', () => ['rotate', 'nope', '--token-name', 'n', '--token-secret-stdin'], 'x', /No profile named "nope"\. Saved profiles: acme/],
		['no profile name', () => ['rotate', '--token-name', 'n', '--token-secret-stdin'], 'x', /takes the name of one saved profile/],
		['two profile names', () => ['rotate', 'acme', 'other', '--token-name', 'n', '--token-secret-stdin'], 'x', /takes the name of one saved profile/],
		['an unknown flag', () => ['rotate', 'acme', '--server', 'https://x.example.com'], 'x', /Unknown option '--server'[\s\S]*rotate --help/],
		['a bad timeout', () => ['rotate', 'acme', '--token-name', 'n', '--token-secret-stdin', '--timeout', 'soon'], 'x', /--timeout 30/],
		['no --token-name in a script', () => ['rotate', 'acme', '--token-secret-stdin'], 'x', /add --token-name NAME\./],
		['no --token-secret-stdin in a script', () => ['rotate', 'acme', '--token-name', 'n'], undefined, /add --token-secret-stdin\./],
		['an empty token name', () => ['rotate', 'acme', '--token-name', '  ', '--token-secret-stdin'], 'x', /name is empty/],
		['an empty piped secret', target => ['rotate', 'acme', '--token-name', target.tokenName, '--token-secret-stdin'], '', /standard input was empty/],
		[
			'a secret given as the token name',
			() => ['rotate', 'acme', '--token-name', 'q7Vd2mXkTz9Lr4BnWc8YhA==:Pk3rT9vLm2QxW7nB5cZs8JdF4hGy6aRe', '--token-secret-stdin'],
			'x',
			/not a token name/,
		],
		['a secret given as a flag', () => ['rotate', 'acme', '--token-secret', 'abc'], undefined, /--token-secret is not an option/],
		['the same token again', () => ['rotate', 'acme', '--token-name', oldName, '--token-secret-stdin'], oldSecret, /already has/],
	];
	for (const [what, args, input, message] of cases) {
		it(what, async ({start, addOld, storeFile, cli}) => {
			const target = await start();
			await addOld('acme', target);
			const bytes = readFileSync(storeFile);
			const run = await cli(args(target), {input});
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(message);
			expect(run.stderr).not.toMatch(/\n\s+at /);
			expect(target.requests).toHaveLength(0);
			expect(readFileSync(storeFile).equals(bytes)).toBe(true);
			expectNoSecrets([run.stdout, run.stderr], 'q7Vd2mXkTz9Lr4BnWc8YhA==:Pk3rT9vLm2QxW7nB5cZs8JdF4hGy6aRe');
		});
	}

	it('--help, and the main help lists it', async ({cli}) => {
		const help = await cli(['rotate', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('TESTS THE NEW TOKEN FIRST');
		expect((await cli(['--help'])).stdout).toContain('tableau-connect rotate NAME [--token-name N] [--token-secret-stdin] [--json]');
	});
});
