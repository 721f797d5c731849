import {mkdtempSync, rmSync} from 'node:fs';
import {constants, tmpdir} from 'node:os';
import {join} from 'node:path';
import {openProfileStore} from '../../profiles/store.js';
import {isScenarioId, scenarioLines, startSimulator, type ScenarioInfo, type Simulator, type SimulatorOptions} from '../../simulator/index.js';
import type {ProfileInput} from '../../profiles/types.js';
import type {DemoAppProps, DemoOutcome} from '../../ui/demo/DemoApp.js';
import {verifyConnection} from '../../verify/pipeline.js';
import {parseCommandArgs} from '../core/args.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {UsageError} from '../core/usage-error.js';

export const demoHelp = `Usage: tableau-connect demo [--scenario ID] [--list]

The whole setup wizard against a built-in Tableau simulator, for showing tableau-connect without a
Tableau server: every screen, check and diagnosis is the real one. Every value is filled in, so
Enter at each step walks through to the test. On a failure screen, "f" fixes the fault and tests
again, "n" shows the next fault, "p" picks any scenario; after a passing test "n" and "p" work too,
and Enter goes back to the list of scenarios. q ends the demo from every screen (except while a
text field has the cursor, where q is a letter); Ctrl-C ends it anywhere.

Your own profiles are never read or written: the demo saves to a temporary store that is deleted
when it ends, and the simulator stops with it.

Options:
  --scenario ID   Start with this scenario instead of picking one (see --list).
  --list          List the scenarios as the picker shows them (title, id, how it ends), and
                  what each one shows.
  --no-color      No colour (NO_COLOR works too).
  -h, --help      This help.

Exit codes: 0 the demo ended (whatever its test showed), 2 usage error or no terminal, 130 Ctrl-C.`;

const options = {
	scenario: {type: 'string'},
	list: {type: 'boolean'},
	'no-color': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const;

/** Demo pacing: long enough for an audience to read each check. Real runs never wait. */
export const demoMinimumCheckMs = 450;
/** Short enough that the `slow` scenario times out while the audience watches. */
export const demoTimeoutMs = 2500;

// The picker's own lines, with what each scenario shows after them (the picker shows that below its list).
function listScenarios(io: CommandIo): void {
	const lines = scenarioLines();
	const width = Math.max(...lines.map(({line}) => line.length));
	writeLines(
		io.stdout,
		lines.map(({scenario, line}) => `${line.padEnd(width)}  ${scenario.shows}`),
	);
}

/** Scenarios whose certificate is trusted on purpose, so that only their named fault remains. */
function trustsCertificate(scenario: ScenarioInfo): boolean {
	return scenario.tls !== 'self-signed';
}

/** What to run instead when there is no terminal to draw the demo on. */
function noTerminalMessage(scenario: string): string {
	return [
		'tableau-connect demo is interactive: it needs a terminal for both input and output, and this is not one.',
		'Run it in a terminal, or without one start the simulator and test against it:',
		`  tableau-connect simulate --scenario ${scenario}     (prints the server URL, site, token name and secret)`,
		'  printf %s "$SECRET" | tableau-connect test --server URL --site SITE --token-name NAME --token-secret-stdin',
		'The scenarios: tableau-connect demo --list',
	].join('\n');
}

/** Where a demo profile goes, as the success screen shows it: nowhere the person keeps anything. */
export const demoStoreLabel = 'the temporary demo store (deleted when the demo ends)';

/**
HTTPS throughout, as a real server would be (the certificate is trusted except where the scenario
is about not trusting it); `slow` answers well after the demo's timeout; rate limits last a second.
*/
export const demoSimulatorOptions = {tls: true, slowMs: demoTimeoutMs * 2, retryAfterSeconds: 1} as const satisfies SimulatorOptions;

/**
What the demo app needs from a running simulator: its values in every field, live scenario
switching, a verification that trusts the simulator's certificate unless the scenario is about an
untrusted one, and a save that says it went to the temporary store. Tests use it as the command does.
*/
export function demoWiring(
	simulator: Simulator,
	saveToStore: (input: ProfileInput) => Promise<unknown> | void,
): Omit<DemoAppProps, 'initialScenario' | 'color'> {
	return {
		switchScenario(id) {
			simulator.setScenario(id);
		},
		verifyFor: scenario => async (input, verifyOptions) =>
			verifyConnection(input, {...verifyOptions, caPem: trustsCertificate(scenario) ? simulator.certificatePem : null}),
		async save(input) {
			await saveToStore(input);
			return {path: demoStoreLabel};
		},
		values: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, profileName: 'demo'},
		simulatorUrl: simulator.url,
		minimumCheckMs: demoMinimumCheckMs,
		timeoutMs: demoTimeoutMs,
	};
}

/** `tableau-connect demo`: the real wizard against the embedded simulator. */
export async function runDemoCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values} = parseCommandArgs('demo', argv, options, false);
	if (values.help) {
		writeLines(io.stdout, [demoHelp]);
		return 0;
	}

	if (values.list) {
		listScenarios(io);
		return 0;
	}

	const requested = values.scenario ?? null;
	if (requested !== null && !isScenarioId(requested)) {
		throw new UsageError(`Unknown scenario "${requested}". Run "tableau-connect demo --list" to see them.`);
	}

	if (!io.stdin.isTTY || !io.stdout.isTTY) {
		throw new UsageError(noTerminalMessage(requested ?? 'ok'));
	}

	const simulator = await startSimulator({...demoSimulatorOptions, scenario: requested ?? 'ok'});
	const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-demo-'));
	const removeFolder = () => {
		rmSync(folder, {recursive: true, force: true});
	};

	// Closing the terminal or a kill must not leave the temporary store behind either (the port goes
	// with the process). Ctrl-C arrives as a key, not a signal, while the demo has the terminal.
	const onSignal = (signal: NodeJS.Signals) => {
		removeFolder();
		process.exit(128 + (constants.signals[signal] ?? 0));
	};

	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) {
		process.once(signal, onSignal);
	}

	process.once('exit', removeFolder);
	let outcome: DemoOutcome | undefined;
	try {
		// The file, always: a demo must never write to, or ask for, the person's keychain.
		const store = openProfileStore({directory: folder, secretStore: 'file'});
		const {renderDemo} = await import('../../ui/demo/DemoApp.js');
		outcome = await renderDemo(
			{
				...demoWiring(simulator, async input => store.save(input)),
				initialScenario: requested,
				color: !values['no-color'] && !io.env['NO_COLOR'],
			},
			{stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream},
		);
	} finally {
		await simulator.close();
		removeFolder();
		for (const signal of signals) {
			process.off(signal, onSignal);
		}

		process.off('exit', removeFolder);
	}

	writeLines(io.stdout, ['Demo over: simulator stopped, temporary store deleted, your profiles untouched.']);
	return outcome?.kind === 'cancelled' ? 130 : 0;
}
