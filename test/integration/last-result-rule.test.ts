// One rule for whether a run becomes a profile's last result, asked by every path that tests a
// saved or saving profile: `test NAME`, the home screen, `profiles add`, the wizard's save and
// `rotate`. A run with a one-off --insecure or --api-version is not the profile's own and is not
// recorded; an interrupted run found nothing out and is never recorded. Each path runs against
// the simulator with each set of flags, and must give the run module's answer.
import {homeDependencies} from '../../source/commands/home/home-dependencies.js';
import {wizardSaver} from '../../source/commands/setup/wizard-save.js';
import {createInterrupts} from '../../source/commands/core/interrupt.js';
import {recordsLastResult} from '../../source/commands/core/run.js';
import {verificationOptionsFrom} from '../../source/commands/core/verification-options.js';
import type {Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {runCommand} from '../helpers/cli.js';
import {describe, expect, test} from '../helpers/fixtures.js';

const it = test.extend<{ok: Simulator}>({
	async ok({sharedSimulator}, provide) {
		await provide(await sharedSimulator({scenario: 'ok'}));
	},
});

const env = {TABLEAU_CONNECT_SECRET_STORE: 'file'};
const connection = (simulator: Simulator) => ({
	server: simulator.url,
	site: simulator.site,
	tokenName: simulator.tokenName,
	tokenSecret: simulator.tokenSecret,
});

const flagSets: Array<{flags: string[]; values: {insecure?: boolean; 'api-version'?: string}}> = [
	{flags: [], values: {}},
	{flags: ['--insecure'], values: {insecure: true}},
	{flags: ['--api-version', '3.19'], values: {'api-version': '3.19'}},
	{flags: ['--insecure', '--api-version', '3.19'], values: {insecure: true, 'api-version': '3.19'}},
];

/** What the run module says for these flags and a run that verified. */
async function expected(simulator: Simulator, values: (typeof flagSets)[number]['values']): Promise<boolean> {
	const options = await verificationOptionsFrom(values, {});
	const result = await verifyConnection(connection(simulator), {...options, timeoutMs: 5000});
	expect(result.ok).toBe(true);
	return recordsLastResult(options, result);
}

describe.each(flagSets)('with $flags', ({flags, values}) => {
	it('the rule: recorded only without a one-off override', async ({ok: simulator}) => {
		expect(await expected(simulator, values)).toBe(flags.length === 0);
	});

	it('test NAME gives the same answer', async ({ok: simulator, store, cli}) => {
		await store.save({name: 'acme', ...connection(simulator)});
		const run = await cli(['test', 'acme', ...flags], {env});
		expect(run.code, run.stderr).toBe(0);
		expect(store.get('acme')?.lastVerification !== null).toBe(await expected(simulator, values));
	});

	it('profiles add gives the same answer, and says so', async ({ok: simulator, store, cli}) => {
		const run = await cli(
			['profiles', 'add', 'acme', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', ...flags],
			{env, input: simulator.tokenSecret},
		);
		expect(run.code, run.stderr).toBe(0);
		const recorded = await expected(simulator, values);
		expect(store.get('acme')?.lastVerification !== null).toBe(recorded);
		expect(run.stderr.includes('to this run only: its result is not kept')).toBe(!recorded);
	});

	it('the home screen gives the same answer', async ({ok: simulator, store}) => {
		await store.save({name: 'acme', ...connection(simulator)});
		const verification = await verificationOptionsFrom(values, {});
		const home = homeDependencies(store, verification);
		const result = await home.verify('acme', () => {});
		home.record('acme', result);
		expect(store.get('acme')?.lastVerification !== null).toBe(await expected(simulator, values));
	});

	it("the wizard's save gives the same answer, and says so", async ({ok: simulator, store}) => {
		const verifyOptions = await verificationOptionsFrom(values, {});
		const notes: string[] = [];
		const result = await verifyConnection(connection(simulator), {...verifyOptions, timeoutMs: 5000});
		await wizardSaver(async () => store, notes, verifyOptions)({name: 'acme', ...connection(simulator), caFile: null}, result);
		const recorded = await expected(simulator, values);
		expect(store.get('acme')?.lastVerification !== null).toBe(recorded);
		expect(notes.some(note => note.includes('to this run only: its result is not kept'))).toBe(!recorded);
	});

	it('rotate gives the same answer', async ({ok: simulator, store, cli}) => {
		await store.save({name: 'acme', ...connection(simulator), tokenName: 'Old token', tokenSecret: 'old-secret'});
		const run = await cli(['rotate', 'acme', '--token-name', simulator.tokenName, '--token-secret-stdin', ...flags], {
			env,
			input: simulator.tokenSecret,
		});
		expect(run.code, run.stderr).toBe(0);
		expect(store.get('acme')?.tokenName).toBe(simulator.tokenName);
		expect(store.get('acme')?.lastVerification !== null).toBe(await expected(simulator, values));
	});
});

describe('an interrupted run is never recorded', () => {
	it('by the rule, by the home screen and by the wizard', async ({ok: simulator, store}) => {
		const interrupted = await verifyConnection(connection(simulator), {signal: AbortSignal.abort()});
		expect(interrupted.diagnosis?.code).toBe('interrupted');
		expect(recordsLastResult({}, interrupted)).toBe(false);
		await store.save({name: 'acme', ...connection(simulator)});
		homeDependencies(store, {}).record('acme', interrupted);
		await wizardSaver(async () => store, [], {})({name: 'acme', ...connection(simulator), caFile: null}, interrupted);
		expect(store.get('acme')?.lastVerification).toBeNull();
	});

	it('by test NAME, stopped with Ctrl-C while the server is slow (exit 130)', async ({simulator: start, store, configDir}) => {
		const slow = await start({scenario: 'slow'});
		await store.save({name: 'acme', server: slow.url, site: slow.site, tokenName: slow.tokenName, tokenSecret: slow.tokenSecret});
		const interrupts = createInterrupts();
		const running = runCommand(['test', 'acme', '--timeout', '30'], {env: {...env, TABLEAU_CONNECT_CONFIG_DIR: configDir}, interrupts});
		// Pressed once the test runs: before that, Ctrl-C would end the process.
		while (interrupts.interrupt() === 'exit') {
			await new Promise(resolve => {
				setTimeout(resolve, 20);
			});
		}

		const run = await running;
		expect(run.code).toBe(130);
		expect(run.stderr).toContain('Interrupted: stopping now');
		expect(store.get('acme')?.lastVerification).toBeNull();
	});
});
