// Properties that used to rest on one slow test each: no piece of the secret or the session token in
// the pipeline's result or `test --json`, a `--ca-file` that really is trusted, and `profiles remove`
// keeping every other profile. Commands run in-process (runCommand), as a script would run them.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {openProfileStore} from '../../source/profiles/store.js';
import type {ScenarioId, Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import type {VerificationEvent, VerificationResult} from '../../source/verify/types.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

/** The file's one HTTPS simulator, and its certificate in a file of the test's config folder. */
const withCa = it.extend<{tls: {tlsTarget: Simulator; caFile: string}}>({
	async tls({sharedSimulator, configDir}, provide) {
		const tlsTarget = await sharedSimulator({tls: true});
		const caFile = join(configDir, 'private-ca.pem');
		writeFileSync(caFile, tlsTarget.certificatePem!);
		await provide({tlsTarget, caFile});
	},
});

/** Scenarios that get as far as a session (so there is a session token to leak), and some that do not. */
const scenarios: ScenarioId[] = ['ok', 'explorer-role', 'not-admin', 'session-stolen', 'wrong-secret', 'cloud-redirect'];

describe('no piece of the secret or of the session token in the result', () => {
	it.for(scenarios)('the pipeline, against %s: result and every event', async (scenario, {simulator: start}) => {
		const simulator = await start({scenario});
		const events: VerificationEvent[] = [];
		const result = await verifyConnection(
			{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
			{timeoutMs: 5000, onEvent: event => events.push(event)},
		);
		expect(events.filter(event => event.type === 'check-finished')).toHaveLength(6);
		expectNoSecrets([JSON.stringify(result), JSON.stringify(events)], simulator);
	});

	it.for(['ok', 'session-stolen', 'wrong-secret'] as const)('test --json, against %s: stdout and stderr', async (scenario, {simulator: start, cli}) => {
		const simulator = await start({scenario});
		const run = await cli(
			['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'],
			{input: simulator.tokenSecret},
		);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.ok).toBe(scenario === 'ok');
		// Where a session was opened, there was a session token to leak. A stolen session is signed in
		// once more, and the other client takes that one too: two of ours, two of theirs.
		expect(simulator.stats().signIns).toBe(scenario === 'wrong-secret' ? 0 : scenario === 'session-stolen' ? 4 : 1);
		expectNoSecrets([run.stdout, run.stderr], simulator);
	});
});

describe('--ca-file', () => {
	const args = (tlsTarget: Simulator) => ['test', '--server', tlsTarget.url, '--site', tlsTarget.site, '--token-name', tlsTarget.tokenName, '--json'];

	withCa('trusts the private CA it names: the test passes with TLS verified', async ({tls: {tlsTarget, caFile}, cli}) => {
		const run = await cli([...args(tlsTarget), '--ca-file', caFile], {env: {TABLEAU_TOKEN_SECRET: tlsTarget.tokenSecret}});
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const result = JSON.parse(run.stdout) as VerificationResult;
		expect(result.checks[0]?.summary).toMatch(/TLS verified$/);
		expect(result.warnings).toEqual([]);
	});

	withCa('is what makes the difference: without it the same server is untrusted', async ({tls: {tlsTarget}, cli}) => {
		const run = await cli(args(tlsTarget), {env: {TABLEAU_TOKEN_SECRET: tlsTarget.tokenSecret}});
		expect(run.code).toBe(1);
		expect((JSON.parse(run.stdout) as VerificationResult).diagnosis?.code).toBe('tls-untrusted-certificate');
	});

	withCa('is saved with a profile by profiles add, and test NAME uses it', async ({tls: {tlsTarget, caFile}, cli}) => {
		const env = {TABLEAU_CONNECT_SECRET_STORE: 'file'};
		const add = await cli(
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
		const run = await cli(['test', 'private', '--json'], {env});
		expect(run.code, run.stderr).toBe(0);
		expect((JSON.parse(run.stdout) as VerificationResult).checks[0]?.summary).toMatch(/TLS verified$/);
		expectNoSecrets([add.stdout, add.stderr, run.stdout, run.stderr], tlsTarget);
	});
});

describe('profiles remove with several profiles saved', () => {
	it('removes the one named and keeps every other, names that start the same included', async ({store, configDir, cli}) => {
		for (const name of ['acme', 'acme.prod', 'acme-staging', 'beta']) {
			await store.save({name, server: 'https://tableau.example.com', site: name, tokenName: 'Parable Integration', tokenSecret: `Qm7vR2xK9pW4-${name}`});
		}

		const env = {TABLEAU_CONNECT_SECRET_STORE: 'file'};
		const remove = await cli(['profiles', 'remove', 'acme', '--yes'], {env});
		expect(remove.code, remove.stderr).toBe(0);
		const list = await cli(['profiles', 'list', '--json'], {env});
		expect((JSON.parse(list.stdout) as Array<{name: string}>).map(profile => profile.name)).toEqual(['acme-staging', 'acme.prod', 'beta']);
		expect(await openProfileStore({directory: configDir}).readSecret('beta')).toBe('Qm7vR2xK9pW4-beta');
		expectNoSecrets([remove.stdout, remove.stderr, list.stdout, list.stderr], 'Qm7vR2xK9pW4-beta', 'Qm7vR2xK9pW4-acme');
	});
});
