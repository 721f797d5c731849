// The smaller paths of `profiles`: its default action, missing arguments, where a secret is said to
// be, --json of add, the secret store chosen by flag or variable, set-server's bad input, and a store
// open to other users. Nothing here needs a server: every add is --no-verify.
import {chmodSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from '../helpers/fixtures.js';

// The shape of a Tableau secret, so no warning about it gets in the way of what is checked.
const secret = 'aGVsbG8gdGFibGVhdQ==:Q2VjaSBuJ2VzdCBwYXMgdW4gc2VjcmV0';
const addArgs = (name: string, ...extra: string[]) => [
	'profiles',
	'add',
	name,
	'--server',
	'https://tableau.example.com',
	'--site',
	'ops',
	'--token-name',
	'ops token',
	'--token-secret-stdin',
	'--no-verify',
	...extra,
];

describe('profiles', () => {
	test('with no action lists, as "profiles list" does', async ({cli}) => {
		await cli(addArgs('acme'), {input: secret});
		const bare = await cli(['profiles']);
		expect(bare.code).toBe(0);
		expect(bare.stdout).toMatch(/^NAME +SERVER +SITE +TOKEN NAME/);
		expect(bare.stdout).toBe((await cli(['profiles', 'list'])).stdout);
	});

	test('show without NAME says what it takes, with an example', async ({cli}) => {
		const run = await cli(['profiles', 'show']);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('"profiles show" takes NAME. Example: tableau-connect profiles show NAME\n');
	});

	test('show says a secret in the file is there, owner-only', async ({cli}) => {
		await cli(addArgs('acme'), {input: secret});
		const run = await cli(['profiles', 'show', 'acme']);
		expect(run.stdout).toMatch(/^Token secret +saved in profiles\.json \(readable only by you\)$/m);
		expect(run.stdout).toMatch(/^Created +\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/m);
		expect(run.stdout).toMatch(/^Last test +never tested$/m);
		expect(run.stdout).not.toContain(secret);
	});

	test('move-secrets into the file says there is nothing to move when every secret is there already', async ({cli, configDir}) => {
		await cli(addArgs('acme'), {input: secret});
		const run = await cli(['profiles', 'move-secrets', 'acme', '--secret-store', 'file']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`Nothing to move: every secret asked for is already in ${join(configDir, 'profiles.json')}.\n`);
	});
});

describe('profiles add', () => {
	test('--json prints the saved profile, without its secret', async ({cli}) => {
		const run = await cli(addArgs('acme', '--json'), {input: secret});
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({
			name: 'acme',
			server: 'https://tableau.example.com',
			site: 'ops',
			tokenName: 'ops token',
			secretStore: 'file',
			lastVerification: null,
			tokenSecretSaved: true,
		});
		expect(run.stdout).not.toContain(secret);
	});

	test('without a keychain, says the secret went to the file in plain text, why, and how to move it later', async ({cli, configDir}) => {
		const run = await cli(addArgs('acme'), {input: secret});
		const [saved, where] = run.stdout.split('\n');
		expect(saved).toBe('Saved profile "acme" without testing it. Test it with: tableau-connect test acme');
		expect(where).toContain(`The token secret of "acme" is saved in plain text in ${join(configDir, 'profiles.json')} (readable only by you), because `);
		expect(run.stdout).toMatch(/Once a keychain is usable, move it there with: tableau-connect profiles move-secrets acme\n$/);
	});

	test('--secret-store file wins over TABLEAU_CONNECT_SECRET_STORE=keychain', async ({cli, store, configDir}) => {
		const run = await cli(addArgs('acme', '--secret-store', 'file'), {input: secret, env: {TABLEAU_CONNECT_SECRET_STORE: 'keychain'}});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`\nThe token secret of "acme" is saved in ${join(configDir, 'profiles.json')} (readable only by you), as asked.\n`);
		expect(store.get('acme')?.secretStore).toBe('file');
	});

	test("a secret that cannot be Tableau's is warned about, without promising a test that --no-verify leaves out", async ({cli}) => {
		const run = await cli(addArgs('acme'), {input: 'hunter2'});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('Warning: The token secret does not look like one from Tableau');
		expect(run.stderr).not.toMatch(/test/i);
	});
});

describe('profiles set-server', () => {
	test('refuses an address that is not one, says why, and changes nothing', async ({cli, configDir}) => {
		await cli(addArgs('acme'), {input: secret});
		const before = readFileSync(join(configDir, 'profiles.json'));
		const run = await cli(['profiles', 'set-server', 'acme', 'ht!tp://tableau example']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('contains "!", which cannot be part of a host name');
		expect(readFileSync(join(configDir, 'profiles.json'))).toEqual(before);
	});
});

test('a store that other users can read is named with the command that closes it, on every command that opens it', async ({cli, configDir}) => {
	await cli(addArgs('acme'), {input: secret});
	const file = join(configDir, 'profiles.json');
	chmodSync(file, 0o644);
	const run = await cli(['profiles', 'list']);
	expect(run.code).toBe(0);
	expect(run.stderr).toBe(`Warning: The profile store ${file} holds token secrets and is open to other users (mode 0644). Run: chmod 600 ${file}\n`);
	const json = await cli(['profiles', 'list', '--json']);
	expect(json.stderr).toContain('Warning: The profile store');
	expect(JSON.parse(json.stdout)).toHaveLength(1);
});
