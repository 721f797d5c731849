import {mkdtempSync, rmSync} from 'node:fs';
import {constants, tmpdir} from 'node:os';
import {join} from 'node:path';
import {openProfileStore} from '../../profiles/store.js';
import {demoNames, demoRoute} from '../../simulator/demo-names.js';
import {isScenarioId, scenarioOutcome, scenarios, startSimulator, type ScenarioInfo, type Simulator, type SimulatorOptions} from '../../simulator/index.js';
import type {ProfileInput} from '../../profiles/types.js';
import type {Autoplay, AutoplayOptions} from '../../ui/demo/autoplay.js';
import type {DemoAppProps, DemoOutcome} from '../../ui/demo/DemoApp.js';
import {verifyConnection} from '../../verify/pipeline.js';
import {parseCommandArgs} from '../core/args.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {wrapWords} from '../core/wrap.js';
import {UsageError} from '../core/usage-error.js';

export const demoHelp = `Usage: tableau-connect demo [--autoplay] [--scenario ID] [--pace FACTOR] [--list]

The whole setup wizard against a built-in Tableau simulator, for showing tableau-connect without a
Tableau server: every screen, check and diagnosis is the real one. The addresses are a customer's
(https://tableau.example-corp.com, https://10ay.online.tableau.com, the site acme-corp): they lead
to the simulator inside this process, and nowhere else. Every value is filled in, so Enter at each
step walks through to the test. On a failure screen, "f" fixes the fault and tests again, "n" goes
on to the next fault, "p" picks any scenario; after a passing test "n" and "p" work too, and Enter
goes back to the list of scenarios, which marks those already shown. f, n, f, n… shows every fault
once, in the list's order. Esc on a scenario's first step goes back to the list. q ends the demo
from every screen (except while a text field has the cursor, where q is a letter); Ctrl-C ends it
anywhere.

--autoplay plays the story by itself, for a booth or a recording: it types the values, pauses to
read, says in one line what is happening, and goes through the success and every fault with its
fix, round after round. q ends it; any other key hands control to you where it is.

Your own profiles and keychain are never read or written: the demo saves to a temporary store that
is deleted when it ends, and the simulator stops with it.

Options:
  --scenario ID    Start with this scenario instead of picking one (see --list); with
                   --autoplay, play only this one.
  --autoplay       Play the demo by itself until q.
  --pace FACTOR    Autoplay speed: 2 is twice as fast, 0.5 half as fast (default 1).
  --list           List the scenarios (id, title, how it ends, what it shows).
  --no-color       No colour (NO_COLOR works too).
  -h, --help       This help.

Exit codes: 0 the demo ended (whatever its test showed), 2 usage error or no terminal, 130 Ctrl-C.`;

const options = {
	scenario: {type: 'string'},
	autoplay: {type: 'boolean'},
	pace: {type: 'string'},
	list: {type: 'boolean'},
	'no-color': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const;

/** Demo pacing: long enough for an audience to read each check. Real runs never wait. */
export const demoMinimumCheckMs = 450;
/** Short enough that the `slow` scenario times out while the audience watches; whole seconds, as undici's timers count. */
export const demoTimeoutMs = 3000;

/**
One block per scenario: its id (to type after --scenario), then its title, how it ends and what it
shows, wrapped between words beside the id. Fits the terminal, or 80 columns when there is none.
*/
export function scenarioListing(columns: number): string[] {
	const idWidth = Math.max(...scenarios.map(scenario => scenario.id.length)) + 2;
	const width = Math.max(30, columns - idWidth);
	return scenarios.flatMap(scenario =>
		wrapWords(`${scenario.title} → ${scenarioOutcome(scenario)}. ${scenario.shows}`, width).map(
			(line, index) => `${index === 0 ? scenario.id.padEnd(idWidth) : ' '.repeat(idWidth)}${line}`,
		),
	);
}

function listScenarios(io: CommandIo): void {
	const {columns} = io.stdout as Partial<NodeJS.WriteStream>;
	writeLines(io.stdout, scenarioListing(io.stdout.isTTY && columns ? Math.min(columns, 100) : 80));
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
export const demoSimulatorOptions = {
	tls: true,
	slowMs: demoTimeoutMs * 2,
	retryAfterSeconds: 1,
	site: demoNames.site,
	siteName: demoNames.siteName,
	publicNames: {server: demoNames.server, pod: demoNames.pod, aliases: [demoNames.cloud]},
} as const satisfies SimulatorOptions;

/**
What the demo app needs from a running simulator: its values in every field, live scenario
switching, a verification that trusts the simulator's certificate unless the scenario is about an
untrusted one, and a save that says it went to the temporary store. Tests use it as the command does.
*/
export function demoWiring(
	simulator: Simulator,
	saveToStore: (input: ProfileInput) => Promise<unknown> | void,
): Omit<DemoAppProps, 'initialScenario' | 'color'> {
	// The demo's addresses reach this simulator, for the demo's own runs only.
	const route = demoRoute(simulator.port);
	return {
		switchScenario(id) {
			simulator.setScenario(id);
		},
		verifyFor: scenario => async (input, verifyOptions) =>
			verifyConnection(input, {
				...verifyOptions,
				caPem: trustsCertificate(scenario) ? simulator.certificatePem : null,
				transportOptions: {...verifyOptions.transportOptions, route},
			}),
		async save(input) {
			await saveToStore(input);
			return {path: demoStoreLabel};
		},
		token: {tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
		minimumCheckMs: demoMinimumCheckMs,
		timeoutMs: demoTimeoutMs,
	};
}

/** The demo's input while it plays itself: the script types, the presenter's q ends it, any other key takes over. */
async function autoplayFor(terminal: NodeJS.ReadStream, options: Omit<AutoplayOptions, 'write'>) {
	const [{startAutoplay}, {autoplayInput}] = await Promise.all([import('../../ui/demo/autoplay.js'), import('../../ui/demo/autoplay-input.js')]);
	let autoplay: Autoplay | null = null;
	const input = autoplayInput(terminal, {
		onQuit: () => autoplay?.quit(),
		onTakeOver: () => autoplay?.stop(),
	});
	autoplay = startAutoplay({...options, write: keys => input.write(keys)});
	const playing = autoplay;
	return {
		autoplay: playing,
		stdin: input.stdin,
		close() {
			playing.stop();
			input.close();
		},
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

	const pace = values.pace === undefined ? 1 : Number(values.pace);
	if (!Number.isFinite(pace) || pace <= 0 || pace > 100) {
		throw new UsageError(`--pace wants a number above 0 and up to 100, such as 2 (twice as fast) or 0.5; not "${values.pace ?? ''}".`);
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
		const wiring = demoWiring(simulator, async input => store.save(input));
		const played = values.autoplay ? await autoplayFor(io.stdin as NodeJS.ReadStream, {pace, scenario: requested, token: wiring.token}) : null;
		try {
			outcome = await renderDemo(
				{
					...wiring,
					initialScenario: played ? null : requested,
					autoplay: played?.autoplay ?? null,
					// Autoplay's pace holds the checks on screen too: a faster pace is faster throughout.
					minimumCheckMs: played ? demoMinimumCheckMs / pace : demoMinimumCheckMs,
					color: !values['no-color'] && !io.env['NO_COLOR'],
				},
				{stdin: played?.stdin ?? (io.stdin as NodeJS.ReadStream), stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream},
			);
		} finally {
			played?.close();
		}
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
