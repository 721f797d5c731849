// What the command line makes of the values it is given: the --timeout range, --all --json with nothing
// saved, values from TABLEAU_* labelled, which value wins, roles in words, one-off runs not recorded,
// and international hosts shown in both forms.
import {serverLabel} from '../../source/verify/labels.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';

describe('--timeout', () => {
	it.for(['0', '-1', '601', 'soon'])('%s is refused with the range that is allowed', async (value, {simulator: start, cli}) => {
		const simulator = await start();
		const run = await cli(['test', '--server', simulator.url, '--token-name', 'n', `--timeout=${value}`]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('--timeout takes a number of seconds above 0 and at most 600');
		expect(run.stderr).not.toContain('between 0 and 600');
	});
});

describe('test --all --json with no profiles', () => {
	it('prints an empty array, explains on stderr, exits 2', async ({cli}) => {
		const run = await cli(['test', '--all', '--json']);
		expect(run.code).toBe(2);
		expect(JSON.parse(run.stdout)).toEqual([]);
		expect(run.stderr).toContain('No profiles are saved');
	});
});

describe('values from the environment', () => {
	it('are labelled with their variable; flags are not', async ({simulator: start, cli}) => {
		const simulator = await start();
		const fromEnvironment = await cli(['test'], {
			env: {TABLEAU_SERVER: simulator.url, TABLEAU_SITE: simulator.site, TABLEAU_TOKEN_NAME: simulator.tokenName, TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect(fromEnvironment.code).toBe(0);
		expect(fromEnvironment.stdout).toContain(
			`Testing ${simulator.url} (from TABLEAU_SERVER), site "acme" (from TABLEAU_SITE), token "${simulator.tokenName}" (from TABLEAU_TOKEN_NAME), secret from TABLEAU_TOKEN_SECRET`,
		);

		const fromFlags = await cli(['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin'], {
			input: simulator.tokenSecret,
		});
		expect(fromFlags.code).toBe(0);
		expect(fromFlags.stdout).toContain(`Testing ${simulator.url}, site "acme", token "${simulator.tokenName}"\n`);
	});
});

describe('which value wins', () => {
	it('--site wins over TABLEAU_SITE, and the output says nothing came from the variable', async ({simulator: start, cli}) => {
		const simulator = await start();
		const run = await cli(['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName], {
			env: {TABLEAU_SITE: 'not-the-site', TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`site "${simulator.site}", token`);
		expect(run.stdout).not.toContain('TABLEAU_SITE');
		expect(run.stdout).not.toContain('not-the-site');
	});

	it('an empty --site is said as the Default site', async ({sharedSimulator, cli}) => {
		const simulator = await sharedSimulator({scenario: 'wrong-secret'});
		const run = await cli(['test', '--server', simulator.url, '--site', '', '--token-name', simulator.tokenName], {
			env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect(run.stdout).toContain(`Testing ${simulator.url}, Default site, token "${simulator.tokenName}", secret from TABLEAU_TOKEN_SECRET`);
	});

	it('an empty --site (the Default site) still wins over TABLEAU_SITE', async ({simulator: start, cli}) => {
		const simulator = await start();
		const run = await cli(['test', '--server', simulator.url, '--site', '', '--token-name', simulator.tokenName, '--json'], {
			env: {TABLEAU_SITE: simulator.site, TABLEAU_TOKEN_SECRET: simulator.tokenSecret},
		});
		expect((JSON.parse(run.stdout) as {site: string}).site).toBe('');
	});
});

describe('values for a run given with saved profile names', () => {
	it.for([['--server', 'https://other.example.com'], ['--site', ''], ['--token-name', 'other'], ['--token-secret-stdin']])(
		'%s is refused, not ignored, with how to change the profile instead',
		async (flags, {cli, store}) => {
			store.save({name: 'acme', server: 'https://tableau.example.com', site: 'ops', tokenName: 'ops token', tokenSecret: 'secret'});
			const before = store.get('acme');
			const run = await cli(['test', 'acme', ...flags]);
			expect(run.code).toBe(2);
			expect(run.stderr).toBe(
				'Give either saved profile names (or --all), or --server/--site/--token-name, not both. To change a profile, run "tableau-connect setup --profile NAME".\n',
			);
			expect(store.get('acme')).toEqual(before);
		},
	);
});

describe('what a run is made of (describe --json)', () => {
	type Described = {
		tokenName: {value: string | null; source: {kind: string}};
		site: {value: string; source: {kind: string; name?: string}};
		apiVersion: {value: string | null};
	};
	const described = async (
		cli: (args: string[], options?: {env?: NodeJS.ProcessEnv}) => Promise<{stdout: string}>,
		args: string[],
		env: NodeJS.ProcessEnv = {},
	) => JSON.parse((await cli(['describe', '--server', 'https://tableau.example.com', '--json', ...args], {env})).stdout) as Described;

	it('an empty TABLEAU_TOKEN_NAME is no token name, while an empty TABLEAU_SITE is the Default site', async ({cli}) => {
		const run = await described(cli, [], {TABLEAU_TOKEN_NAME: '', TABLEAU_SITE: ''});
		expect(run.tokenName).toMatchObject({value: null, source: {kind: 'default'}});
		expect(run.site).toMatchObject({value: '', source: {kind: 'env', name: 'TABLEAU_SITE'}});
	});

	it.for([
		[{HTTPS_PROXY: 'http://proxy.example.com:8080'}, 'https://tableau.example.com', 'http://proxy.example.com:8080 (from HTTPS_PROXY)'],
		[{}, 'https://tableau.example.com', 'none (HTTPS_PROXY and HTTP_PROXY are not set)'],
		[{HTTPS_PROXY: 'http://proxy.example.com:8080'}, 'ht!tp://tableau', 'unknown until the server address can be used'],
	] as const)('names the proxy a run would use: %j for %s', async ([env, server, said], {cli}) => {
		const run = await cli(['describe', '--server', server, '--token-name', 'n'], {env});
		expect(run.stdout).toMatch(new RegExp(`^Proxy +${said.replaceAll(/[()]/g, '\\$&')}$`, 'm'));
	});

	it('--api-version is used as typed without the spaces around it', async ({cli}) => {
		expect((await described(cli, ['--token-name', 'n', '--api-version', ' 3.19 '])).apiVersion.value).toBe('3.19');
	});
});

describe('roles', () => {
	it('read as words on screen, and stay raw in JSON', async ({simulator: start, cli}) => {
		const simulator = await start();
		const flags = ['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName];
		const human = await cli(flags, {env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret}});
		expect(human.stdout).toContain('(Site Administrator Creator)');
		expect(human.stdout).not.toContain('SiteAdministratorCreator');
		const json = await cli([...flags, '--json'], {env: {TABLEAU_TOKEN_SECRET: simulator.tokenSecret}});
		expect(JSON.parse(json.stdout).user.siteRole).toBe('SiteAdministratorCreator');
	});
});

describe('one-off overrides', () => {
	it('a run with --api-version is not kept as the profile last result; a plain run is', async ({simulator: start, cli, store}) => {
		const simulator = await start();
		store.save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
		const oneOff = await cli(['test', 'acme', '--api-version', '3.19']);
		expect(oneOff.code).toBe(0);
		expect(oneOff.stderr).toContain("--api-version applies to this run only: its result is not kept as the profile's last test.");
		expect(store.get('acme')?.lastVerification).toBeNull();

		const plain = await cli(['test', 'acme']);
		expect(plain.code).toBe(0);
		expect(store.get('acme')?.lastVerification?.ok).toBe(true);
	});

	it('a run with --insecure is not kept as the profile last result either', async ({simulator: start, cli, store}) => {
		const simulator = await start();
		store.save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret});
		const oneOff = await cli(['test', 'acme', '--insecure']);
		expect(oneOff.code).toBe(0);
		expect(oneOff.stderr).toContain("--insecure applies to this run only: its result is not kept as the profile's last test.");
		expect(store.get('acme')?.lastVerification).toBeNull();
	});
});

describe('international host names', () => {
	it('show both the written and the punycode form', async ({cli}) => {
		expect(serverLabel('https://xn--bcher-kva.example')).toBe('https://bücher.example (xn--bcher-kva.example)');
		expect(serverLabel('https://tableau.example.com:8443')).toBe('https://tableau.example.com:8443');
		const add = await cli(['profiles', 'add', 'books', '--server', 'https://bücher.example', '--token-name', 'n', '--no-verify'], {
			env: {TABLEAU_TOKEN_SECRET: 'x'},
		});
		expect(add.code).toBe(0);
		const list = await cli(['profiles', 'list']);
		expect(list.stdout).toContain('bücher.example (xn--bcher-kva.example)');
		const show = await cli(['profiles', 'show', 'books']);
		expect(show.stdout).toContain('https://bücher.example (xn--bcher-kva.example)');
	});
});
