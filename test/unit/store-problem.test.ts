// Why a save would fail, found before the wizard tests anything (issue 11, item 4).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {storeProblem} from '../../source/profiles/peek.js';

const folders: string[] = [];

afterEach(() => {
	for (const folder of folders.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function folder(): string {
	const made = mkdtempSync(join(tmpdir(), 'tableau-connect-store-problem-'));
	folders.push(made);
	return made;
}

describe('storeProblem', () => {
	test('none for a folder that does not exist yet under one that can be written', () => {
		expect(storeProblem({TABLEAU_CONNECT_CONFIG_DIR: join(folder(), 'a', 'b')})).toBeNull();
	});

	test('a file in the way of the folder is found, and nothing is created', () => {
		const base = folder();
		writeFileSync(join(base, 'config'), 'not a folder');
		const problem = storeProblem({TABLEAU_CONNECT_CONFIG_DIR: join(base, 'config', 'tableau-connect')});
		expect(problem).toContain(join(base, 'config'));
		expect(storeProblem({TABLEAU_CONNECT_CONFIG_DIR: join(base, 'config')})).toContain(join(base, 'config'));
	});

	test('a damaged store is found with the store’s own message', () => {
		const base = folder();
		writeFileSync(join(base, 'profiles.json'), '{"schemaVersion": 1, "profiles": ');
		expect(storeProblem({TABLEAU_CONNECT_CONFIG_DIR: base})).toContain('profiles.json');
	});
});
