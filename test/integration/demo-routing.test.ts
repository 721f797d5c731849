// The demo's customer-looking addresses reach its simulator through the transport's route, TLS
// checked against the name typed, and only there: a real run to the same name never reaches it.
import {afterEach, describe, expect, it} from 'vitest';
import {demoNames, demoRoute} from '../../source/simulator/demo-names.js';
import {startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {runCli} from '../helpers/cli.js';

let simulator: Simulator | undefined;

afterEach(async () => {
	await simulator?.close();
	simulator = undefined;
});

async function demoSimulator(scenario: ScenarioId): Promise<Simulator> {
	simulator = await startSimulator({
		scenario,
		tls: true,
		site: demoNames.site,
		siteName: demoNames.siteName,
		publicNames: {server: demoNames.server, pod: demoNames.pod, aliases: [demoNames.cloud]},
	});
	return simulator;
}

async function verifyRouted(target: Simulator, server: string) {
	return verifyConnection(
		{server, site: target.site, tokenName: target.tokenName, tokenSecret: target.tokenSecret},
		{caPem: target.certificatePem, timeoutMs: 5000, transportOptions: {route: demoRoute(target.port)}},
	);
}

describe('the demo route', () => {
	it('takes https://tableau.example-corp.com to the simulator, with the certificate checked against that name', async () => {
		const target = await demoSimulator('ok');
		expect(target.url).toBe('https://tableau.example-corp.com');
		const result = await verifyRouted(target, target.url);
		expect(result.ok).toBe(true);
		expect(result.checks[0]?.summary).toBe('Connected to tableau.example-corp.com, TLS verified');
		expect(target.requests.every(request => request.headers['host'] === 'tableau.example-corp.com')).toBe(true);
	});

	it('follows Tableau Cloud to its pod: online.tableau.com, then 10ay.online.tableau.com', async () => {
		const target = await demoSimulator('cloud-redirect');
		const result = await verifyRouted(target, 'https://online.tableau.com');
		expect(result.ok).toBe(true);
		expect(result.warnings.map(warning => warning.code)).toEqual(['redirected']);
		expect(result.warnings[0]?.remediation.join(' ')).toContain('https://10ay.online.tableau.com');
		expect(new Set(target.requests.map(request => request.headers['host']))).toEqual(new Set(['online.tableau.com', '10ay.online.tableau.com']));
	});

	it('still tells a certificate for another host from the one typed', async () => {
		const target = await demoSimulator('tls-wrong-host');
		const result = await verifyRouted(target, target.url);
		expect(result.diagnosis?.code).toBe('tls-hostname-mismatch');
	});

	it('still finds a plain HTTP port behind https://', async () => {
		const target = await demoSimulator('wrong-scheme');
		const result = await verifyRouted(target, 'https://tableau.example-corp.com');
		expect(result.diagnosis?.code).toBe('wrong-scheme');
	});

	it('is the demo’s alone: a real `test` run to the same address never reaches the simulator', async () => {
		const target = await demoSimulator('ok');
		const run = await runCli(
			[
				'test',
				'--server',
				'https://tableau.example-corp.com',
				'--site',
				target.site,
				'--token-name',
				target.tokenName,
				'--token-secret-stdin',
				'--timeout',
				'3',
				'--json',
			],
			{input: target.tokenSecret, timeoutMs: 20_000},
		);
		expect(run.code).toBe(1);
		expect(JSON.parse(run.stdout)).toMatchObject({ok: false, server: 'https://tableau.example-corp.com'});
		expect(target.stats()).toMatchObject({requests: 0, connections: 0, signIns: 0});
	});
});
