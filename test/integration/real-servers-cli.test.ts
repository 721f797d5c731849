// The real-server cases through the command line (run in-process), every way a person or script
// meets them: `test --json`, `test NAME` (plain output), and `profiles add`, which saves only what
// passed.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {ScenarioId, Simulator} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {describe, expect, test} from '../helpers/fixtures.js';

const it = test.extend<{
	/** A simulator of the scenario, and the flags that trust its certificate when it has one. */
	target: (scenario: ScenarioId) => Promise<{target: Simulator; caArgs: string[]}>;
}>({
	async target({simulator, configDir}, provide) {
		await provide(async scenario => {
			const target = await simulator({scenario});
			if (!target.certificatePem) {
				return {target, caArgs: []};
			}

			const caFile = join(configDir, `${scenario}.pem`);
			writeFileSync(caFile, target.certificatePem);
			return {target, caArgs: ['--ca-file', caFile]};
		});
	},
});

const cases: Array<{scenario: ScenarioId; code: string; warnings: string[]}> = [
	{scenario: 'http-upgrade', code: 'ok', warnings: ['redirected']},
	{scenario: 'compressed', code: 'ok', warnings: []},
	{scenario: 'sso-proxy', code: 'not-tableau', warnings: []},
	{scenario: 'wrong-scheme', code: 'wrong-scheme', warnings: []},
];

describe('profiles add, then test NAME, against servers as they really are', () => {
	for (const {scenario, code, warnings} of cases) {
		it(`${scenario} → ${code}`, async ({target: start, cli}) => {
			const {target, caArgs} = await start(scenario);
			const name = `real-${scenario}`;
			const add = await cli(
				['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', '--json', ...caArgs],
				{input: target.tokenSecret},
			);
			const added = JSON.parse(add.stdout) as VerificationResult;
			expect(added.diagnosis?.code ?? 'ok').toBe(code);
			expect(added.warnings.map(item => item.code)).toEqual(warnings);
			expect(add.code).toBe(code === 'ok' ? 0 : 1);
			if (code !== 'ok') {
				expect(add.stderr).toContain('Not saved');
				// Save it anyway, to see `test NAME` name the profile in its remedies.
				const forced = await cli(
					['profiles', 'add', name, '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', '--no-verify'],
					{input: target.tokenSecret},
				);
				expect(forced.code).toBe(0);
			}

			const json = await cli(['test', name, '--json', ...caArgs]);
			const result = JSON.parse(json.stdout) as VerificationResult;
			expect(result.diagnosis?.code ?? 'ok').toBe(code);
			expect(result.server).toBe(target.url);
			const human = await cli(['test', name, ...caArgs]);
			expect(human.code).toBe(json.code);
			expect(human.stdout).toContain(code === 'ok' ? '✓ Verified' : `[${code}`);
			for (const warning of warnings) {
				expect(human.stdout).toContain(`[${warning}]`);
			}

			if (scenario === 'http-upgrade') {
				const to = target.url.replace('http://', 'https://');
				expect(human.stdout).toContain(`tableau-connect profiles set-server ${name} ${to}`);
			}

			if (scenario === 'wrong-scheme') {
				expect(human.stdout).toContain(`tableau-connect profiles set-server ${name} ${target.url.replace('https://', 'http://')}`);
				expect(human.stdout).toContain(`tableau-connect test ${name}`);
			}
		});
	}
});

describe('what is refused before any request', () => {
	it.for([
		['test', '--server', 'https://acme.example.com'],
		['profiles', 'add', 'acme', '--server', 'https://acme.example.com'],
	])('--api-version 3.4 is a usage error for %s', async (command, {cli}) => {
		const run = await cli([...command, '--token-name', 'Parable', '--api-version', '3.4'], {input: 'secret'});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('older than REST API 3.6');
		expect(run.stdout).toBe('');
	});

	it('refuses a Tableau Cloud Manager address with what to use instead', async ({cli}) => {
		const run = await cli(['test', '--server', 'https://acme.cloudmanager.tableau.com', '--token-name', 'Parable', '--token-secret-stdin', '--json'], {
			input: 'secret',
		});
		expect(run.code).toBe(2);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.diagnosis?.code).toBe('invalid-url');
		expect(result.diagnosis?.explanation).toContain('Tableau Cloud Manager');
		expect(result.diagnosis?.explanation).toContain('pod address');
	});

	it('puts plain-http in the JSON warnings, and says it once in plain output', async ({cli}) => {
		const json = await cli(['test', '--server', 'http://tableau.invalid', '--token-name', 'Parable', '--json', '--timeout', '3']);
		expect(json.code).toBe(2);
		const run = await cli(['test', '--server', 'http://tableau.invalid', '--token-name', 'Parable', '--json', '--timeout', '3'], {
			env: {TABLEAU_TOKEN_SECRET: 'secret'},
		});
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.warnings.map(item => item.code)).toContain('plain-http');
		const human = await cli(['test', '--server', 'http://tableau.invalid', '--token-name', 'Parable', '--timeout', '3'], {
			env: {TABLEAU_TOKEN_SECRET: 'secret'},
		});
		expect(human.stdout.match(/\[plain-http\]/g)).toHaveLength(1);
		expect(human.stderr).not.toContain('unencrypted');
	});
});
