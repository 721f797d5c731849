// Values as people paste them: whitespace around the server, site, token name and secret is dropped
// wherever it comes from (flags, TABLEAU_* variables, stdin, a saved profile), inner spaces stay, the
// person is told once, and a secret that cannot be Tableau's gets a warning that never repeats it.
import {trimmedNotice, trimPasted} from '../../source/tableau/pasted-values.js';
import {secretShapeWarning} from '../../source/tableau/secret-shape.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {expectNoSecrets} from '../helpers/leaks.js';

const env = {TABLEAU_CONNECT_SECRET_STORE: 'file'};

describe('trimPasted', () => {
	it('drops spaces, tabs, CR and LF around each value, keeps inner spaces, and names what it changed', () => {
		expect(trimPasted({server: ' https://a.example.com\t', site: 'acme', tokenName: 'Parable Integration \r\n', tokenSecret: '\ns:e\n'})).toEqual({
			values: {server: 'https://a.example.com', site: 'acme', tokenName: 'Parable Integration', tokenSecret: 's:e'},
			trimmed: ['server', 'token name', 'token secret'],
		});
		expect(trimPasted({tokenName: 'Parable Integration'}).trimmed).toEqual([]);
		expect(trimmedNotice([])).toBeNull();
		expect(trimmedNotice(['token name', 'token secret'])).toContain('around the token name and token secret');
	});

	it('warns about a secret that cannot be Tableau’s, never about one that could', async ({simulator: start}) => {
		const simulator = await start({scenario: 'ok'});
		for (const bad of ['abc', 'nope', 'correct horse battery', 'a:b']) {
			expect(secretShapeWarning(bad)).toContain('does not look like one from Tableau');
			expect(secretShapeWarning(bad)).not.toContain(bad);
		}

		expect(secretShapeWarning(simulator.tokenSecret)).toBeNull();
	});
});

describe('test --server with values pasted with whitespace around them', () => {
	it('a token name with a trailing space and a secret piped with spaces around it verify, and the person is told once', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const run = await cli(
			['test', '--server', ` ${simulator.url} `, '--site', simulator.site, '--token-name', `${simulator.tokenName} `, '--token-secret-stdin', '--json'],
			{input: ` ${simulator.tokenSecret} \n`, env},
		);
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true, diagnosis: null});
		expect(run.code).toBe(0);
		expect(run.stderr.match(/removed the spaces/g)).toHaveLength(2);
		expect(run.stderr).toContain('around the server and token name');
		expect(run.stderr).toContain('around the token secret');
		expectNoSecrets([run.stdout, run.stderr], simulator);
	});

	it('from TABLEAU_* variables too, plain output', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const run = await cli(['test'], {
			env: {
				...env,
				TABLEAU_SERVER: simulator.url,
				TABLEAU_SITE: `${simulator.site}\t`,
				TABLEAU_TOKEN_NAME: `\t${simulator.tokenName}`,
				TABLEAU_TOKEN_SECRET: `${simulator.tokenSecret}\r\n`,
			},
		});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('around the site and token name');
		expectNoSecrets([run.stdout, run.stderr], simulator);
	});

	it('a secret that cannot be Tableau’s is warned about before the test, without repeating it, and still tested', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const run = await cli(
			['test', '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json'],
			{
				input: 'nopezz',
				env,
			},
		);
		expect(run.code).toBe(1);
		expect(JSON.parse(run.stdout).diagnosis.code).toBe('signin-failed');
		expect(run.stderr).toContain('Warning: The token secret does not look like one from Tableau');
		expect(run.stdout + run.stderr).not.toContain('nopezz');
		expect(simulator.requests.some(request => request.path.endsWith('/auth/signin'))).toBe(true);
	});
});

describe('saved values', () => {
	it('profiles add saves them without the whitespace; profiles set-secret too', async ({simulator: start, cli, store}) => {
		const simulator = await start({scenario: 'ok'});
		const add = await cli(
			['profiles', 'add', 'acme', '--server', simulator.url, '--site', ` ${simulator.site}`, '--token-name', `${simulator.tokenName} `, '--token-secret-stdin'],
			{input: `  ${simulator.tokenSecret}\n`, env},
		);
		expect(add.code).toBe(0);
		expect(store.get('acme')).toMatchObject({site: simulator.site, tokenName: simulator.tokenName});
		expect(await store.readSecret('acme')).toBe(simulator.tokenSecret);

		const set = await cli(['profiles', 'set-secret', 'acme', '--token-secret-stdin'], {input: `\t${simulator.tokenSecret} `, env});
		expect(set.code).toBe(0);
		expect(set.stderr).toContain('around the token secret');
		expect(await store.readSecret('acme')).toBe(simulator.tokenSecret);
		expectNoSecrets([add.stdout, add.stderr, set.stdout, set.stderr], simulator);
	});

	it('profiles set-secret reads the pipe when TABLEAU_TOKEN_SECRET holds only whitespace, as test does', async ({simulator: start, cli, store}) => {
		const simulator = await start({scenario: 'ok'});
		await store.save({name: 'acme', server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: 'old:secret'});
		const set = await cli(['profiles', 'set-secret', 'acme'], {input: `${simulator.tokenSecret}\n`, env: {...env, TABLEAU_TOKEN_SECRET: '  '}});
		expect(set.stderr).toBe('');
		expect(set.code).toBe(0);
		expect(await store.readSecret('acme')).toBe(simulator.tokenSecret);
	});

	it('a profile saved with spaces by an earlier version still verifies', async ({simulator: start, cli, store}) => {
		const simulator = await start({scenario: 'ok'});
		await store.save({
			name: 'old',
			server: simulator.url,
			site: simulator.site,
			tokenName: `${simulator.tokenName} `,
			tokenSecret: ` ${simulator.tokenSecret}\n`,
		});
		const run = await cli(['test', 'old', '--json'], {env});
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true});
		expectNoSecrets([run.stdout, run.stderr], simulator);
	});
});
