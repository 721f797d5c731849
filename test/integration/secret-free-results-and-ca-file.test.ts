// Properties that used to rest on one slow test each: no piece of the secret or the session token in
// the pipeline's result or `test --json`, a `--ca-file` that really is trusted, and `profiles remove`
// keeping every other profile. Commands run in-process (runCommand), as a script would run them.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import type {VerificationEvent, VerificationResult} from '../../source/verify/types.js';
import {runCommand} from '../helpers/cli.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-results-'));
let tlsTarget: Simulator;
let caFile: string;

beforeAll(async () => {
	tlsTarget = await startSimulator({tls: true});
	caFile = join(folder, 'private-ca.pem');
	writeFileSync(caFile, tlsTarget.certificatePem!);
});

afterAll(async () => {
	await tlsTarget.close();
	rmSync(folder, {recursive: true, force: true});
});

/** Scenarios that get as far as a session (so there is a session token to leak), and some that do not. */
const scenarios: ScenarioId[] = ['ok', 'explorer-role', 'not-admin', 'session-stolen', 'wrong-secret', 'cloud-redirect'];

describe('no piece of the secret or of the session token in the result', () => {
	it.each(scenarios)('the pipeline, against %s: result and every event', async scenario => {
		const simulator = await startSimulator({scenario});
		try {
			const events: VerificationEvent[] = [];
			const result = await verifyConnection(
				{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
				{timeoutMs: 5000, onEvent: event => events.push(event)},
			);
			expect(events.filter(event => event.type === 'check-finished')).toHaveLength(6);
			expectNoSecrets([JSON.stringify(result), JSON.stringify(events)], simulator);
		} finally {
			await simulator.close();
		}
	});

	it.each(['ok', 'session-stolen', 'wrong-secret'] as const)('test --json, against %s: stdout and stderr', async scenario => {
		const simulator = await startSimulator({scenario});
		try {
			const run = await runCommand(
				['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'],
				{input: simulator.tokenSecret},
			);
			const result = JSON.parse(run.stdout) as VerificationResult;
			expect(result.ok).toBe(scenario === 'ok');
			// Where a session was opened, there was a session token to leak. A stolen session is signed in
			// once more, and the other client takes that one too: two of ours, two of theirs.
			expect(simulator.stats().signIns).toBe(scenario === 'wrong-secret' ? 0 : scenario === 'session-stolen' ? 4 : 1);
			expectNoSecrets([run.stdout, run.stderr], simulator);
		} finally {
			await simulator.close();
		}
	});
});

describe('--ca-file', () => {
	const args = () => ['test', '--server', tlsTarget.url, '--site', tlsTarget.site, '--token-name', tlsTarget.tokenName, '--json'];

	it('trusts the private CA it names: the test passes with TLS verified', async () => {
		const run = await runCommand([...args(), '--ca-file', caFile], {env: {TABLEAU_TOKEN_SECRET: tlsTarget.tokenSecret}});
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.checks[0]?.summary).toMatch(/TLS verified$/);
		expect(result.warnings).toEqual([]);
	});

	it('is what makes the difference: without it the same server is untrusted', async () => {
		const run = await runCommand(args(), {env: {TABLEAU_TOKEN_SECRET: tlsTarget.tokenSecret}});
		expect(run.code).toBe(1);
		expect((JSON.parse(run.stdout) as VerificationResult).diagnosis?.code).toBe('tls-untrusted-certificate');
	});

	it('is saved with a profile by profiles add, and test NAME uses it', async () => {
		const env = {TABLEAU_CONNECT_CONFIG_DIR: mkdtempSync(join(folder, 'config-')), TABLEAU_CONNECT_SECRET_STORE: 'file'};
		const add = await runCommand(
			[
				'profiles',
				'add',
				'private',
				'--server',
				tlsTarget.url,
				'--site',
				tlsTarget.site,
				'--token-name',
				tlsTarget.tokenName,
				'--token-secret-stdin',
				'--ca-file',
				caFile,
			],
			{env, input: tlsTarget.tokenSecret},
		);
		expect(add.code, add.stderr).toBe(0);
		const run = await runCommand(['test', 'private', '--json'], {env});
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as VerificationResult).checks[0]?.summary).toMatch(/TLS verified$/);
		expectNoSecrets([add.stdout, add.stderr, run.stdout, run.stderr], tlsTarget);
	});
});

describe('profiles remove with several profiles saved', () => {
	it('removes the one named and keeps every other, names that start the same included', async () => {
		const configDir = mkdtempSync(join(folder, 'config-'));
		const store = openProfileStore({directory: configDir, secretStore: 'file'});
		for (const name of ['acme', 'acme.prod', 'acme-staging', 'beta']) {
			await store.save({name, server: 'https://tableau.example.com', site: name, tokenName: 'Parable Integration', tokenSecret: `Qm7vR2xK9pW4-${name}`});
		}

		const env = {TABLEAU_CONNECT_CONFIG_DIR: configDir, TABLEAU_CONNECT_SECRET_STORE: 'file'};
		const remove = await runCommand(['profiles', 'remove', 'acme', '--yes'], {env});
		expect(remove.code, remove.stderr).toBe(0);
		const list = await runCommand(['profiles', 'list', '--json'], {env});
		expect((JSON.parse(list.stdout) as Array<{name: string}>).map(profile => profile.name)).toEqual(['acme-staging', 'acme.prod', 'beta']);
		expect(await openProfileStore({directory: configDir}).readSecret('beta')).toBe('Qm7vR2xK9pW4-beta');
		expectNoSecrets([remove.stdout, remove.stderr, list.stdout, list.stderr], 'Qm7vR2xK9pW4-beta', 'Qm7vR2xK9pW4-acme');
	});
});
