// Why a save would fail, found before the wizard tests anything (issue 11, item 4).
import fs, {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {storeProblem} from '../../source/profiles/peek.js';

const folders: string[] = [];

afterEach(() => {
	vi.restoreAllMocks();
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

	// Made by hand: the tests may run as root, for whom every folder can be written.
	test.each([
		['EACCES', 'permission denied'],
		['EPERM', 'permission denied'],
		['EROFS', 'EROFS'],
		[undefined, 'error'],
	])('a folder that cannot be written (%s) is named, with the chmod that fixes it', (code, why) => {
		const base = folder();
		vi.spyOn(fs, 'accessSync').mockImplementationOnce(() => {
			throw Object.assign(new Error('refused'), code === undefined ? {} : {code});
		});
		expect(storeProblem({TABLEAU_CONNECT_CONFIG_DIR: join(base, 'tableau-connect')})).toBe(
			`Profiles cannot be saved: ${base} cannot be written (${why}). Fix its permissions (for example chmod u+w ${base}) or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`,
		);
	});
});
