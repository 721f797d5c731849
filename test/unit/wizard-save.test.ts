// The wizard's saver over a real profile store in a temporary folder: what an edit leaves on disk.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {wizardSaver} from '../../source/commands/setup/wizard-save.js';
import {openProfileStore} from '../../source/profiles/store.js';

const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function store() {
	const directory = mkdtempSync(join(tmpdir(), 'tableau-connect-wizard-save-'));
	folders.push(directory);
	return openProfileStore({directory, secretStore: 'file'});
}

const values = {server: 'https://tableau.example.com', site: 'acme', tokenName: 'Parable Integration', tokenSecret: 'c2VjcmV0:0123456789abcdef'};

describe('the wizard saver', () => {
	test('an edited profile saved under a new name is renamed, not copied, and keeps its CA file', async () => {
		const opened = store();
		await opened.save({...values, name: 'acme-prod', caFile: '/etc/ssl/company-ca.pem'});
		const notes: string[] = [];
		const save = wizardSaver(async () => opened, notes, {});
		await save({...values, name: 'acme-finance', tokenSecret: 'bmV3:secret0123456789'}, null, {renameFrom: 'acme-prod'});
		expect(opened.list().map(profile => profile.name)).toEqual(['acme-finance']);
		expect(opened.get('acme-finance')).toMatchObject({caFile: '/etc/ssl/company-ca.pem'});
		expect(await opened.readSecret('acme-finance')).toBe('bmV3:secret0123456789');
		expect(notes).toEqual([
			'Renamed the profile "acme-prod" to "acme-finance".',
			`The token secret of "acme-finance" is saved in ${opened.path} (readable only by you), as asked.`,
		]);
	});

	test('a second save replaces what the first one said, and a one-off run adds why it was not recorded', async () => {
		const opened = store();
		const notes: string[] = [];
		const save = wizardSaver(async () => opened, notes, {insecure: true});
		await save({...values, name: 'acme'}, null);
		expect(notes).toEqual([`The token secret of "acme" is saved in ${opened.path} (readable only by you), as asked.`]);
		const verification = {ok: true} as Parameters<typeof save>[1];
		await save({...values, name: 'acme'}, verification);
		expect(notes).toEqual([
			`The token secret of "acme" is saved in ${opened.path} (readable only by you), as asked.`,
			"--insecure applies to this run only: its result is not kept as the profile's last test.",
		]);
		expect(opened.get('acme')?.lastVerification).toBeNull();
	});

	test('a new name that another profile has replaces that one, and the edited one goes', async () => {
		const opened = store();
		await opened.save({...values, name: 'acme-prod'});
		await opened.save({...values, name: 'acme-old', site: 'old'});
		await wizardSaver(async () => opened, [], {})({...values, name: 'acme-old'}, null, {renameFrom: 'acme-prod'});
		expect(opened.list().map(profile => profile.name)).toEqual(['acme-old']);
		expect(opened.get('acme-old')).toMatchObject({site: 'acme'});
	});
});
