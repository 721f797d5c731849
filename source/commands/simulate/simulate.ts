import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {isScenarioId, scenarios, startSimulator, type Simulator} from '../../simulator/index.js';
import {parseCommandArgs} from '../core/args.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {UsageError} from '../core/usage-error.js';

export const simulateHelp = `Usage: tableau-connect simulate [--port N] [--host H] [--scenario ID] [--tls] [--json]

Runs a local Tableau REST API simulator until Ctrl-C, and prints the values to point any client at it.

Options:
  --port N         Port to listen on (default 0: any free port).
  --host H         Interface to listen on (default 127.0.0.1).
  --scenario ID    How the server behaves (default ok). "tableau-connect demo --list" lists them.
  --tls            Serve HTTPS with a self-signed certificate (written to a file for --ca-file).
  --json           First line of stdout: {"url","site","tokenName","tokenSecret","scenario"}.
  -h, --help       This help.

Exit codes: 0 stopped with Ctrl-C or SIGTERM (its normal end), 2 usage error or port unavailable.`;

const options = {
	port: {type: 'string'},
	host: {type: 'string'},
	scenario: {type: 'string'},
	tls: {type: 'boolean'},
	json: {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const;

function parsePort(value: string | undefined): number {
	if (value === undefined) {
		return 0;
	}

	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		throw new UsageError(`--port takes a port number from 0 to 65535 (0 picks a free one); got "${value}".`);
	}

	return port;
}

/** The two requests of Parable's "Verify your setup" section, filled in for this simulator. */
export function curlCommands(simulator: Simulator, caFile: string | null): string[] {
	const ca = caFile ? ` --cacert '${caFile}'` : '';
	const body = JSON.stringify({
		credentials: {personalAccessTokenName: simulator.tokenName, personalAccessTokenSecret: simulator.tokenSecret, site: {contentUrl: simulator.site}},
	});
	return [
		`curl${ca} -X POST '${simulator.url}/api/3.23/auth/signin' -H 'Content-Type: application/json' -H 'Accept: application/json' -d '${body}'`,
		`curl${ca} -H 'Accept: application/json' -H 'X-Tableau-Auth: TOKEN_FROM_SIGN_IN' '${simulator.url}/api/3.23/sites/SITE_ID_FROM_SIGN_IN/users'`,
	];
}

/** `tableau-connect simulate`: a Tableau to point anything at, for demos, scripts and tests. */
export async function runSimulateCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values} = parseCommandArgs('simulate', argv, options, false);
	if (values.help) {
		writeLines(io.stdout, [simulateHelp]);
		return 0;
	}

	const scenario = values.scenario ?? 'ok';
	if (!isScenarioId(scenario)) {
		throw new UsageError(`Unknown scenario "${scenario}". Scenarios: ${scenarios.map(item => item.id).join(', ')}.`);
	}

	let simulator: Simulator;
	try {
		simulator = await startSimulator({port: parsePort(values.port), host: values.host, scenario, tls: values.tls});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
			throw new UsageError(
				`Cannot listen on --host ${values.host ?? '127.0.0.1'} (${code}): it is not an address of this computer. Leave --host out for 127.0.0.1, or give one of this computer's addresses (0.0.0.0 for all).`,
			);
		}

		if (code === 'EADDRINUSE' || code === 'EACCES') {
			throw new UsageError(
				`Cannot listen on ${values.host ?? '127.0.0.1'}:${values.port ?? 0} (${code}). Pick another --port, or leave it out for a free one.`,
			);
		}

		throw error;
	}

	let caFolder: string | null = null;
	let caFile: string | null = null;
	if (simulator.certificatePem) {
		caFolder = mkdtempSync(join(tmpdir(), 'tableau-connect-simulator-'));
		caFile = join(caFolder, 'certificate.pem');
		writeFileSync(caFile, simulator.certificatePem, {mode: 0o600});
	}

	const info = {url: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, scenario, caFile};
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(info)]);
	} else {
		const scenarioInfo = scenarios.find(item => item.id === scenario)!;
		writeLines(io.stdout, [
			`Tableau simulator listening on ${simulator.url} (scenario ${scenario}: ${scenarioInfo.shows})`,
			'',
			`  Server URL     ${simulator.url}`,
			`  Site           ${simulator.site}`,
			`  Token name     ${simulator.tokenName}`,
			`  Token secret   ${simulator.tokenSecret}   (a simulator secret, not a real one)`,
			...(caFile ? [`  CA file        ${caFile}   (pass it with --ca-file)`] : []),
			'',
			"Sign in, then list users (the two checks of Parable's Tableau page):",
			...curlCommands(simulator, caFile).map(command => `  ${command}`),
			'',
			'Press Ctrl-C to stop.',
		]);
	}

	// Ctrl-C or SIGTERM is its normal end, and reaches it through io like every command's Ctrl-C: a
	// test stops it in-process. Nothing to announce: closing takes no time.
	await io.interrupts.whileInterruptible(
		async signal =>
			new Promise<void>(resolve => {
				signal.addEventListener('abort', () => resolve(), {once: true});
			}),
		() => undefined,
	);
	await simulator.close();
	if (caFolder) {
		rmSync(caFolder, {recursive: true, force: true});
	}

	return 0;
}
