// A command a remedy gives is run as given, against the simulator, and does what the remedy says.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {VerificationResult} from '../../source/verify/types.js';
import type {CliRun} from '../helpers/cli.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';

/** The words of a command as a POSIX shell reads them: single quotes kept together. */
function words(command: string): string[] {
	return [...command.matchAll(/'([^']*)'|(\S+)/g)].map(([, quoted, plain]) => quoted ?? plain!);
}

/** The one `tableau-connect …` command in the remedies that starts with `start`. */
function commandIn(result: VerificationResult, start: string): string[] {
	const remedies = [...(result.diagnosis?.remediation ?? []), ...result.warnings.flatMap(item => item.remediation)].join('\n');
	const found = [...remedies.matchAll(/`tableau-connect ([^`]+)`/g)].map(([, command]) => command!).filter(command => command.startsWith(start));
	expect(found, remedies).toHaveLength(1);
	return words(found[0]!);
}

function parsed(run: CliRun): VerificationResult {
	return JSON.parse(run.stdout) as VerificationResult;
}

describe('a saved profile', () => {
	it('redirected, with a saved CA file: the set-server command moves it, and the next test goes there directly and trusts the CA', async ({
		simulator,
		cli,
		configDir,
	}) => {
		const target = await simulator({scenario: 'cloud-redirect', tls: true});
		const caFile = join(configDir, 'company-ca.pem');
		writeFileSync(caFile, target.certificatePem!);
		const added = await cli(
			[
				'profiles',
				'add',
				'moved',
				'--server',
				target.url,
				'--site',
				target.site,
				'--token-name',
				target.tokenName,
				'--token-secret-stdin',
				'--ca-file',
				caFile,
			],
			{input: target.tokenSecret},
		);
		expect(added.code, added.stderr).toBe(0);
		const first = parsed(await cli(['test', 'moved', '--json']));
		expect(first.warnings.map(item => item.code)).toContain('redirected');
		const move = commandIn(first, 'profiles set-server');
		expect((await cli(move)).code).toBe(0);
		const again = await cli(['test', 'moved', '--json']);
		expect(again.code, again.stderr).toBe(0);
		expect(parsed(again).warnings.map(item => item.code)).not.toContain('redirected');
		expect(parsed(again).server).toBe(move.at(-1));
	});

	it('wrong-scheme: the set-server command gives the profile the scheme its port speaks', async ({simulator, cli}) => {
		const target = await simulator();
		const typed = target.url.replace('http://', 'https://');
		await cli(
			['profiles', 'add', 'scheme', '--server', typed, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', '--no-verify'],
			{input: target.tokenSecret},
		);
		const failed = parsed(await cli(['test', 'scheme', '--json']));
		expect(failed.diagnosis?.code).toBe('wrong-scheme');
		expect((await cli(commandIn(failed, 'profiles set-server'))).code).toBe(0);
		expect((await cli(['test', 'scheme', '--json'])).code).toBe(0);
	});
});

describe('test with flags', () => {
	it('redirected: the test command given runs as given, with the secret on stdin as before, and is not redirected', async ({simulator, cli}) => {
		const target = await simulator({scenario: 'cloud-redirect'});
		const first = parsed(
			await cli(['test', '--server', target.url, '--site', target.site, '--token-name', target.tokenName, '--token-secret-stdin', '--json'], {
				input: target.tokenSecret,
			}),
		);
		const test = commandIn(first, 'test --server');
		expect(test).toContain('--token-secret-stdin');
		const again = await cli([...test, '--json'], {input: target.tokenSecret});
		expect(again.code, again.stderr).toBe(0);
		expect(parsed(again).warnings.map(item => item.code)).not.toContain('redirected');
	});

	it('wrong-scheme with the secret in TABLEAU_TOKEN_SECRET: the command given finds it there again', async ({simulator, cli}) => {
		const target = await simulator();
		const env = {TABLEAU_TOKEN_SECRET: target.tokenSecret};
		const typed = target.url.replace('http://', 'https://');
		const first = await cli(['test', '--server', typed, '--site', target.site, '--token-name', target.tokenName, '--json'], {env});
		const test = commandIn(parsed(first), 'test --server');
		expect(test).not.toContain('--token-secret-stdin');
		const again = await cli([...test, '--json'], {env});
		expect(again.code, again.stderr).toBe(0);
	});
});
