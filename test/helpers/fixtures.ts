// The one set-up of a command-line test: a simulator (started on first use), a profile store in a
// fresh folder, and a CLI runner pointed at that store. Every output the runner saw is searched for
// every piece of every simulator's secret and session tokens when the test ends, so no test forgets to.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test as base} from 'vitest';
import {openProfileStore, type OpenedProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/index.js';
import {runCommand, type CliRun} from './cli.js';
import {expectNoSecrets} from './leaks.js';

export type CliFixtures = {
	/** The folder the profile store lives in (TABLEAU_CONNECT_CONFIG_DIR of every run), removed after the test. */
	configDir: string;
	/** The store in `configDir`, secrets in its file (tests have no keychain). */
	store: OpenedProfileStore;
	/** Starts a simulator that closes after the test; its secrets are then looked for in every output. */
	simulator: (options?: SimulatorOptions) => Promise<Simulator>;
	/**
	The one simulator of these options for every test of the file, closed when the file ends: for
	files of many tests against one server, where a start each (a TLS certificate, mostly) would be
	most of their time. Its secrets are looked for in the outputs of each test that asked for it.
	*/
	sharedSimulator: (options?: SimulatorOptions) => Promise<Simulator>;
	/** Runs the command line in-process against `configDir`; `input` is its standard input, `env` added to the store's. */
	cli: (args: string[], options?: {input?: string; env?: NodeJS.ProcessEnv}) => Promise<CliRun>;
	/** Every run of `cli` in this test, for a file's own leak check of secrets no simulator holds. */
	runs: CliRun[];
};

type Internals = {
	/** The simulators a test asked for, either way: the leak check looks for their secrets. */
	watched: Simulator[];
	fileSimulators: Map<string, Promise<Simulator>>;
};

export const test = base.extend<CliFixtures & Internals>({
	// eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern: none here.
	runs: async ({}, provide) => {
		await provide([]);
	},
	// The check runs here, torn down after the simulators have closed, so a shared simulator is
	// checked as surely as a test's own.
	async watched({runs}, provide) {
		const watched: Simulator[] = [];
		await provide(watched);
		if (watched.length > 0) {
			expectNoSecrets(
				runs.flatMap(run => [run.stdout, run.stderr]),
				...watched,
			);
		}
	},
	fileSimulators: [
		// eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern: none here.
		async ({}, provide) => {
			const simulators = new Map<string, Promise<Simulator>>();
			await provide(simulators);
			// A start that failed has failed its test already; there is nothing of it to close.
			await Promise.all([...simulators.values()].map(async simulator => (await simulator.catch(() => undefined))?.close()));
		},
		{scope: 'file'},
	],
	// eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern: none here.
	async configDir({}, provide) {
		const directory = mkdtempSync(join(tmpdir(), 'tableau-connect-test-'));
		await provide(directory);
		rmSync(directory, {recursive: true, force: true});
	},
	async store({configDir}, provide) {
		await provide(openProfileStore({directory: configDir, env: {}, secretStore: 'file'}));
	},
	async simulator({watched}, provide) {
		const started: Simulator[] = [];
		await provide(async options => {
			const simulator = await startSimulator(options);
			started.push(simulator);
			watched.push(simulator);
			return simulator;
		});
		await Promise.all(started.map(async simulator => simulator.close()));
	},
	async sharedSimulator({watched, fileSimulators}, provide) {
		await provide(async (options = {}) => {
			const key = JSON.stringify(options);
			let simulator = fileSimulators.get(key);
			if (!simulator) {
				simulator = startSimulator(options);
				fileSimulators.set(key, simulator);
			}

			watched.push(await simulator);
			return simulator;
		});
	},
	async cli({configDir, runs}, provide) {
		await provide(async (args, options = {}) => {
			const run = await runCommand(args, {env: {...options.env, TABLEAU_CONNECT_CONFIG_DIR: configDir}, input: options.input});
			runs.push(run);
			return run;
		});
	},
});

export {describe, expect} from 'vitest';
