// The smaller promises of a first hour: an honest --timeout range, an empty array for --all --json with
// nothing saved, values from TABLEAU_* labelled, roles in words, one-off runs not recorded, and
// international hosts shown in both forms.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {serverLabel} from '../../source/verify/labels.js';
import {runCommand} from '../helpers/cli.js';

let simulator: Simulator;
let configDirectory = '';

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'ok'});
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(() => {
	configDirectory = mkdtempSync(join(tmpdir(), 'tableau-connect-small-'));
});

afterEach(() => {
	rmSync(configDirectory, {recursive: true, force: true});
});

const store = () => openProfileStore({directory: configDirectory, env: {}});
const env = () => ({TABLEAU_CONNECT_CONFIG_DIR: configDirectory});

describe('--timeout', () => {
	it.each(['0', '-1', '601', 'soon'])('%s is refused with the range that is allowed', async value => {
		const run = await runCommand(['test', '--server', simulator.url, '--token-name', 'n', `--timeout=${value}`]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--timeout takes a number of seconds above 0 and at most 600');
		expect(run.stderr).not.toContain('between 0 and 600');
	});
});

describe('test --all --json with no profiles', () => {
	it('prints an empty array, explains on stderr, exits 2', async () => {
		const run = await runCommand(['test', '--all', '--json'], {env: env()});
		expect(run.code).toBe(2);
		expect(JSON.parse(run.stdout)).toEqual([]);
		expect(run.stderr).toContain('No profiles are saved');
	});
});

describe('values from the environment', () => {
	it('are labelled with their variable; flags are not', async () => {
		const fromEnvironment = await runCommand(['test'], {
			env: {TABLEAU_SERVER: simulator.url, TABLEAU_SITE: simulator.site, TABLEAU_TOKEN_NAME: simulator.tokenName, TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect(fromEnvironment.code).toBe(0);
		expect(fromEnvironment.stdout).toContain(
			`Testing ${simulator.url} (from TABLEAU_SERVER), site "acme" (from TABLEAU_SITE), token "${simulator.tokenName}" (from TABLEAU_TOKEN_NAME), secret from TABLEAU_TOKEN_SECRET`,
		);

		const fromFlags = await runCommand(
			['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin'],
			{
				input: simulator.tokenSecret,
			},
		);
		expect(fromFlags.code).toBe(0);
		expect(fromFlags.stdout).toContain(`Testing ${simulator.url}, site "acme", token "${simulator.tokenName}"\n`);
	});
});

describe('which value wins', () => {
	it('--site wins over TABLEAU_SITE, and the output says nothing came from the variable', async () => {
		const run = await runCommand(['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName], {
			env: {TABLEAU_SITE: 'not-the-site', TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`site "${simulator.site}", token`);
		expect(run.stdout).not.toContain('TABLEAU_SITE');
		expect(run.stdout).not.toContain('not-the-site');
	});

	it('an empty --site (the Default site) still wins over TABLEAU_SITE', async () => {
		const run = await runCommand(['test', '--server', simulator.url, '--site', '', '--token-name', simulator.tokenName, '--json'], {
			env: {TABLEAU_SITE: simulator.site, TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect((JSON.parse(run.stdout) as {site: string}).site).toBe('');
	});
});

describe('roles', () => {
	it('read as words on screen, and stay raw in JSON', async () => {
		const flags = ['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName];
		const human = await runCommand(flags, {env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret}});
		expect(human.stdout).toContain('(Site Administrator Creator)');
		expect(human.stdout).not.toContain('SiteAdministratorCreator');
		const json = await runCommand([...flags, '--json'], {env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret}});
		expect(JSON.parse(json.stdout).user.siteRole).toBe('SiteAdministratorCreator');
	});
});

describe('one-off overrides', () => {
	it('a run with --api-version is not kept as the profile last result; a plain run is', async () => {
		store().save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
		const oneOff = await runCommand(['test', 'acme', '--api-version', '3.19'], {env: env()});
		expect(oneOff.code).toBe(0);
		expect(oneOff.stderr).toContain("--api-version applies to this run only: its result is not kept as the profile's last test.");
		expect(store().get('acme')?.lastVerification).toBeNull();

		const plain = await runCommand(['test', 'acme'], {env: env()});
		expect(plain.code).toBe(0);
		expect(store().get('acme')?.lastVerification?.ok).toBe(true);
	});

	it('a run with --insecure is not kept as the profile last result either', async () => {
		store().save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
		const oneOff = await runCommand(['test', 'acme', '--insecure'], {env: env()});
		expect(oneOff.code).toBe(0);
		expect(oneOff.stderr).toContain("--insecure applies to this run only: its result is not kept as the profile's last test.");
		expect(store().get('acme')?.lastVerification).toBeNull();
	});
});

describe('international host names', () => {
	it('show both the written and the punycode form', async () => {
		expect(serverLabel('https://xn--bcher-kva.example')).toBe('https://bücher.example (xn--bcher-kva.example)');
		expect(serverLabel('https://tableau.example.com:8443')).toBe('https://tableau.example.com:8443');
		const add = await runCommand(['profiles', 'add', 'books', '--server', 'https://bücher.example', '--token-name', 'n', '--no-verify'], {
			env: {...env(), TABLEAU_TOKEN_SECRET: 'x'},
		});
		expect(add.code).toBe(0);
		const list = await runCommand(['profiles', 'list'], {env: env()});
		expect(list.stdout).toContain('bücher.example (xn--bcher-kva.example)');
		const show = await runCommand(['profiles', 'show', 'books'], {env: env()});
		expect(show.stdout).toContain('https://bücher.example (xn--bcher-kva.example)');
	});
});
