// The smaller paths of `profiles`: its default action, missing arguments, where a secret is said to
// be, --json of add, the secret store chosen by flag or variable, set-server's bad input, and a store
// open to other users. Nothing here needs a server: every add is --no-verify.
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
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

describe('profiles edits in place: set-secret, set-ca-file, set-server, move-secrets', () => {
	const newSecret = 'c2Vjb25kIHNlY3JldA==:U2Vjb25kIHNlY3JldCB2YWx1ZSBoZXJl';

	test('set-secret says where the new secret went, or prints the profile with --json; the secret itself never', async ({cli, store, configDir}) => {
		await cli(addArgs('acme', '--secret-store', 'file'), {input: secret});
		const plain = await cli(['profiles', 'set-secret', 'acme', '--secret-store', 'file'], {input: newSecret});
		expect(plain.code).toBe(0);
		expect(plain.stdout).toBe(`The token secret of "acme" is saved in ${join(configDir, 'profiles.json')} (readable only by you), as asked.\n`);
		expect(plain.stderr).toBe('');
		expect(await store.readSecret('acme')).toBe(newSecret);

		const json = await cli(['profiles', 'set-secret', 'acme', '--secret-store', 'file', '--json'], {input: secret});
		expect(JSON.parse(json.stdout)).toMatchObject({name: 'acme', server: 'https://tableau.example.com', secretStore: 'file'});
		expect(json.stderr).toBe('');
		expect(json.stdout + plain.stdout).not.toContain(newSecret);
	});

	test('set-ca-file saves the file by its full path, --none drops it, and it takes exactly one of the two', async ({cli, store, configDir}) => {
		await cli(addArgs('acme'), {input: secret});
		const pem = join(configDir, 'company-ca.pem');
		writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
		const saved = await cli(['profiles', 'set-ca-file', 'acme', pem]);
		expect(saved.stdout).toBe(`Profile "acme" now trusts the CA certificates in ${pem}, read at each test.\n`);
		expect(store.get('acme')?.caFile).toBe(pem);

		const dropped = await cli(['profiles', 'set-ca-file', 'acme', '--none', '--json']);
		expect(JSON.parse(dropped.stdout)).toMatchObject({name: 'acme', caFile: null});
		expect(store.get('acme')?.caFile ?? null).toBeNull();
		expect((await cli(['profiles', 'set-ca-file', 'acme', '--none'])).stdout).toBe(`Profile "acme" now trusts only the system's certificates.\n`);

		for (const args of [['acme'], ['acme', pem, '--none']]) {
			const refused = await cli(['profiles', 'set-ca-file', ...args]);
			expect(refused.code, args.join(' ')).toBe(2);
			expect(refused.stderr).toBe(
				'Give the path of a PEM file, or --none to drop the saved one. Example: tableau-connect profiles set-ca-file acme ./company-ca.pem\n',
			);
		}

		expect(store.get('acme')?.caFile ?? null).toBeNull();
	});

	test('set-secret --json still says, on stderr, that the secret fell back to the file, and why', async ({cli}) => {
		await cli(addArgs('acme'), {input: secret});
		const json = await cli(['profiles', 'set-secret', 'acme', '--json'], {input: newSecret});
		expect(json.code).toBe(0);
		expect(JSON.parse(json.stdout)).toMatchObject({name: 'acme', secretStore: 'file'});
		expect(json.stderr).toMatch(/^The token secret of "acme" is saved in plain text in .*profiles\.json \(readable only by you\), because /);
	});

	test('set-ca-file refuses a file that holds no certificate, and keeps the profile as it was', async ({cli, store, configDir}) => {
		await cli(addArgs('acme'), {input: secret});
		const der = join(configDir, 'company-ca.der');
		writeFileSync(der, 'not a PEM file');
		const refused = await cli(['profiles', 'set-ca-file', 'acme', der]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('no "-----BEGIN CERTIFICATE-----" block in it');
		expect(store.get('acme')?.caFile ?? null).toBeNull();
	});

	test('set-server says what it saved and how to test it there, or prints the profile with --json', async ({cli, store}) => {
		await cli(addArgs('acme'), {input: secret});
		const plain = await cli(['profiles', 'set-server', 'acme', 'https://tableau2.example.com']);
		expect(plain.code).toBe(0);
		expect(plain.stdout).toBe('Profile "acme" now uses https://tableau2.example.com. Test it there with: tableau-connect test acme\n');
		expect(store.get('acme')?.server).toBe('https://tableau2.example.com');

		const json = await cli(['profiles', 'set-server', 'acme', 'https://tableau3.example.com', '--json']);
		expect(JSON.parse(json.stdout)).toMatchObject({name: 'acme', server: 'https://tableau3.example.com'});
	});

	test('move-secrets with no names asks about every profile, and names each one once', async ({cli, configDir}) => {
		await cli(addArgs('acme', '--secret-store', 'file'), {input: secret});
		await cli(addArgs('beta', '--secret-store', 'file'), {input: secret});
		const every = await cli(['profiles', 'move-secrets', '--secret-store', 'file', '--json']);
		expect(every.code).toBe(0);
		expect(JSON.parse(every.stdout)).toEqual({moved: [], to: 'file'});
		const twice = await cli(['profiles', 'move-secrets', 'acme', 'acme', '--secret-store', 'file']);
		expect(twice.stdout).toBe(`Nothing to move: every secret asked for is already in ${join(configDir, 'profiles.json')}.\n`);
		const missing = await cli(['profiles', 'move-secrets', 'gamma', '--secret-store', 'file']);
		expect(missing.code).toBe(2);
	});
});
