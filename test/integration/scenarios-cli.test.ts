// Every simulator scenario, through `test --json` as a script would run it: the diagnosis code, the
// warnings, sign-out after every sign-in, and the secret in no output. The command line runs
// in-process (runCommand): the same code as the built CLI, without a Node start-up per run.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {scenarios, type ScenarioId, type ScenarioInfo} from '../../source/simulator/index.js';
import type {VerificationResult} from '../../source/verify/types.js';
import {runCli} from '../helpers/cli.js';
import {describe, expect, test as it, type CliFixtures} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

// What a person reads, written out here rather than taken from the product's own labels.
const checkLines: Record<string, string> = {
	reach: 'Reach server',
	serverinfo: 'Server version',
	signin: 'Sign in',
	permissions: 'Role & users',
	content: 'Content',
	signout: 'Sign out',
};

/** The codes after each failing scenario's diagnosis title (the rate limiter's last answer may be XML or HTML). */
const diagnosisTags: Partial<Record<ScenarioId, string>> = {
	'not-admin': '[insufficient-permissions · HTTP 403 · Tableau 403000]',
	'not-tableau': '[not-tableau · HTTP 200]',
	'old-server': '[api-version-unsupported · HTTP 404 · Tableau 404001]',
	'pats-disabled': '[signin-failed · HTTP 401 · Tableau 401001]',
	'rate-limited-always': '[rate-limited · HTTP 429',
	'redirect-method': '[redirect-method · HTTP 405 · Tableau 405000]',
	'server-error': '[server-error · HTTP 503]',
	'session-stolen': '[session-invalidated · HTTP 401 · Tableau 401002]',
	'site-not-found': '[site-not-found · HTTP 404 · Tableau 404000]',
	slow: '[timeout]',
	'sso-proxy': '[not-tableau · HTTP 200]',
	'tls-expired': '[tls-certificate-expired]',
	'tls-self-signed': '[tls-untrusted-certificate]',
	'tls-wrong-host': '[tls-hostname-mismatch]',
	'unexpected-response': '[unexpected-response · HTTP 418 · Tableau 418000]',
	'wrong-scheme': '[wrong-scheme]',
	'wrong-secret': '[signin-failed · HTTP 401 · Tableau 401001]',
	'wrong-site': '[signin-failed · HTTP 401 · Tableau 401001]',
};

async function runScenario({simulator: start, cli, configDir}: Pick<CliFixtures, 'simulator' | 'cli' | 'configDir'>, scenario: ScenarioInfo) {
	const simulator = await start({scenario: scenario.id, slowMs: 3000, retryAfterSeconds: 1});
	const args = ['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'];
	if (scenario.id === 'slow') {
		args.push('--timeout', '0.5');
	}

	// The wrong-host and expired certificates are trusted, so that only the named fault remains;
	// so is the certificate of a scenario that moves to https://.
	if (scenario.tls === 'wrong-host' || scenario.tls === 'expired' || scenario.needsTls) {
		const caFile = join(configDir, `${scenario.id}.pem`);
		writeFileSync(caFile, simulator.certificatePem!);
		args.push('--ca-file', caFile);
	}

	const run = await cli(args, {input: simulator.tokenSecret});
	const stats = simulator.stats();
	// The same run for a person, with the secret from the environment this time.
	const human = await cli(
		args.filter(arg => arg !== '--json' && arg !== '--token-secret-stdin'),
		{env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret}},
	);
	return {run, human, stats, simulator};
}

describe.concurrent('test --json against every simulator scenario', () => {
	for (const scenario of scenarios) {
		it(`${scenario.id} → ${scenario.expected}`, async ({simulator: start, cli, configDir}) => {
			const {run, human, stats, simulator} = await runScenario({simulator: start, cli, configDir}, scenario);
			expect(run.stderr).toBe('');
			const result = JSON.parse(run.stdout) as VerificationResult;
			expect(result.diagnosis?.code ?? 'ok').toBe(scenario.expected);
			expect(run.code).toBe(scenario.expected === 'ok' ? 0 : 1);
			expect(result.ok).toBe(scenario.expected === 'ok');
			expect(result.warnings.map(item => item.code).sort()).toEqual([...(scenario.expectedWarnings ?? [])].sort());
			expect(result.checks.map(check => check.id)).toEqual(['reach', 'serverinfo', 'signin', 'permissions', 'content', 'signout']);
			// The shape only grows: token and access are always there, null when unknown.
			expect(Object.keys(result)).toEqual(expect.arrayContaining(['token', 'access']));
			if (scenario.expected === 'ok') {
				expect(result.access?.workbooks).toBeGreaterThan(0);
				expect(result.token?.expiresInDays).toBeGreaterThan(0);
			}

			if (result.diagnosis) {
				expect(result.diagnosis.remediation.length).toBeGreaterThanOrEqual(2);
				expect(result.checks.some(check => check.status === 'fail')).toBe(true);
			}

			// Every session we opened was closed again. Two exceptions, both the server's doing: in
			// session-stolen the other client's session stays; in slow the sign-in we gave up on lands later.
			if (scenario.id !== 'slow') {
				expect(stats.activeSessions).toBe(scenario.id === 'session-stolen' ? 1 : 0);
			}

			if (scenario.expected === 'ok') {
				expect(stats.signOuts).toBe(1);
			}
			expect(human.code).toBe(run.code);
			expect(human.stdout).toContain(result.diagnosis ? `[${result.diagnosis.code}` : '✓ Verified');
			// The plain output uses the live view's words: its check labels and its diagnosis tag.
			for (const check of result.checks) {
				expect(human.stdout).toMatch(new RegExp(`^ {2}\\S ${checkLines[check.id]} `, 'm'));
			}

			expect(Boolean(diagnosisTags[scenario.id])).toBe(Boolean(result.diagnosis));
			if (result.diagnosis) {
				expect(human.stdout).toContain(diagnosisTags[scenario.id]);
			}

			expectNoSecrets([run.stdout, run.stderr, human.stdout, human.stderr], simulator);
		});
	}
});

describe('slow, as a newcomer runs it (issue 11, item 6)', () => {
	it('times out a plain test run: the simulator started without options outlasts the default 15 s timeout', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'slow'});
		const run = await cli(
			['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'],
			{input: simulator.tokenSecret},
		);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.diagnosis?.code).toBe('timeout');
		expect(result.diagnosis?.explanation).toContain('did not answer within 15 seconds');
	}, 45_000);
});

describe('the built CLI, as a separate process', () => {
	// The table above runs the command line in-process; these two runs check that the bundle gives a
	// script the same: the JSON on stdout, nothing on stderr, and the exit code of the process.
	it.concurrent.for([
		['ok', 0],
		['wrong-secret', 1],
	] as const)('%s: exit %i, with the result in-process runs give', async ([scenario, code], {simulator: start, cli}) => {
		const simulator = await start({scenario});
		const args = ['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'];
		const built = await runCli(args, {input: simulator.tokenSecret});
		const inProcess = await cli(args, {input: simulator.tokenSecret});
		expect(built.code).toBe(code);
		expect(built.stderr).toBe('');
		const fromBuilt = JSON.parse(built.stdout) as VerificationResult;
		const fromInProcess = JSON.parse(inProcess.stdout) as VerificationResult;
		expect(fromBuilt.diagnosis?.code ?? 'ok').toBe(scenario === 'ok' ? 'ok' : 'signin-failed');
		expect({code: built.code, diagnosis: fromBuilt.diagnosis?.code, checks: fromBuilt.checks.map(check => check.status)}).toEqual({
			code: inProcess.code,
			diagnosis: fromInProcess.diagnosis?.code,
			checks: fromInProcess.checks.map(check => check.status),
		});
		expectNoSecrets([built.stdout, built.stderr], simulator);
	});
});

describe('redirect-method, as a person reads it', () => {
	it('names where the sign-in was sent, and does not blame the scheme when the move was to another host', async ({simulator: start, cli, configDir}) => {
		const scenario = scenarios.find(item => item.id === 'redirect-method')!;
		const {run} = await runScenario({simulator: start, cli, configDir}, scenario);
		const {diagnosis} = JSON.parse(run.stdout) as VerificationResult;
		expect(diagnosis?.explanation).toMatch(
			/redirected the sign-in to http:\/\/localhost:\d+\/api\/[\d.]+\/auth\/signin, and the request arrived there as a GET/,
		);
		expect(diagnosis?.remediation[0]).toBe(
			'Use the host that serves Tableau itself rather than one that redirects to another: the sign-in is never sent on to another host.',
		);
		expect(diagnosis?.remediation.join(' ')).not.toContain('Change http:// to https://');
		expect(diagnosis?.remediation[1]).toMatch(/^If http:\/\/localhost:\d+ is really your Tableau server/);
	});
});
