import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {openProfileStore} from '../profiles/store.js';
import {isScenarioId, scenarios, startSimulator, type ScenarioId, type ScenarioInfo} from '../simulator/index.js';
import {verifyConnection} from '../verify/pipeline.js';
import {parseCommandArgs} from './args.js';
import {writeLines, type CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

export const demoHelp = `Usage: tableau-connect demo [--scenario ID] [--list]

The whole setup wizard against a built-in Tableau simulator: every screen, check and diagnosis is
the real one. Every value is filled in, so Enter walks through to the end. On a failure screen,
"f" fixes the fault and retries, "n" shows the next one. Your own profiles are never read or
written: the demo saves to a temporary store that is deleted when it ends.

Options:
  --scenario ID   Start with this scenario instead of picking one.
  --list          List the scenarios and what each shows.
  -h, --help      This help.`;

const options = {
	scenario: {type: 'string'},
	list: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const;

/** Demo pacing: long enough for an audience to read each check. Real runs never wait. */
export const demoMinimumCheckMs = 450;
/** Short enough that the `slow` scenario times out while the audience watches. */
const demoTimeoutMs = 2500;

function listScenarios(io: CommandIo): void {
	const width = Math.max(...scenarios.map(scenario => scenario.id.length));
	writeLines(
		io.stdout,
		scenarios.map(scenario => `${scenario.id.padEnd(width)}  ${(scenario.expected === 'ok' ? 'ok' : scenario.expected).padEnd(26)}  ${scenario.shows}`),
	);
}

/** Scenarios whose certificate is trusted on purpose, so that only their named fault remains. */
function trustsCertificate(scenario: ScenarioInfo): boolean {
	return scenario.tls !== 'self-signed';
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
		throw new UsageError(
			`The demo is interactive and needs a terminal. Without one, run a scenario with:\n  tableau-connect simulate --scenario ${requested ?? 'ok'} --json\nthen point "tableau-connect test --server URL --site SITE --token-name NAME --token-secret-stdin" at it.`,
		);
	}

	// HTTPS throughout, as a real server would be; the certificate is trusted except where the
	// scenario is about not trusting it.
	const simulator = await startSimulator({tls: true, scenario: (requested as ScenarioId | null) ?? 'ok', slowMs: demoTimeoutMs * 2, retryAfterSeconds: 1});
	const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-demo-'));
	try {
		const store = openProfileStore({directory: folder});
		const {renderDemo} = await import('../ui/demo/DemoApp.js');
		await renderDemo({
			initialScenario: requested as ScenarioId | null,
			switchScenario: id => {
				simulator.setScenario(id);
			},
			verifyFor: scenario => async (input, verifyOptions) =>
				verifyConnection(input, {...verifyOptions, caPem: trustsCertificate(scenario) ? simulator.certificatePem : null}),
			save(input) {
				store.save(input);
				return {path: store.path};
			},
			values: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, profileName: 'demo'},
			simulatorUrl: simulator.url,
			color: !io.env['NO_COLOR'],
			minimumCheckMs: demoMinimumCheckMs,
			timeoutMs: demoTimeoutMs,
		});
		writeLines(io.stdout, ['Demo over: the simulator is stopped and the temporary profile store is deleted.']);
		return 0;
	} finally {
		await simulator.close();
		rmSync(folder, {recursive: true, force: true});
	}
}
