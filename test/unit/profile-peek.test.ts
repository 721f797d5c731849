import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fs from 'node:fs';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {peekProfileNames} from '../../source/profiles/peek.js';
import {openProfileStore} from '../../source/profiles/store.js';

let directory: string;
const env = () => ({TABLEAU_CONNECT_CONFIG_DIR: directory});

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'tableau-connect-peek-'));
});

afterEach(() => {
	vi.restoreAllMocks();
	rmSync(directory, {recursive: true, force: true});
});

describe('peekProfileNames', () => {
	it('finds no names where no store exists, and creates nothing', () => {
		expect(peekProfileNames(env())).toMatchObject({names: [], path: join(directory, 'profiles.json')});
		expect(() => readFileSync(join(directory, 'profiles.json'))).toThrow();
	});

	it('reads the names the store saved, dots included', async () => {
		const store = openProfileStore({directory, secretStore: 'file'});
		await store.save({name: 'acme.prod', server: 'https://a.example.com', site: 'acme', tokenName: 'n', tokenSecret: 's'});
		await store.save({name: 'beta', server: 'https://b.example.com', site: '', tokenName: 'n', tokenSecret: 's'});
		expect(peekProfileNames(env()).names.sort()).toEqual(['acme.prod', 'beta']);
	});

	it('refuses a damaged store as opening it would, and leaves it as it was', () => {
		const file = join(directory, 'profiles.json');
		writeFileSync(file, '{"schemaVersion":1,"profiles":', {mode: 0o600});
		expect(() => peekProfileNames(env())).toThrow(/not valid JSON/);
		writeFileSync(file, JSON.stringify({schemaVersion: 7, profiles: {}}), {mode: 0o600});
		expect(() => peekProfileNames(env())).toThrow(file);
		expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({schemaVersion: 7, profiles: {}}));
	});

	it('warns about a store open to other users', async () => {
		const store = openProfileStore({directory, secretStore: 'file'});
		await store.save({name: 'x', server: 'https://a.example.com', site: '', tokenName: 'n', tokenSecret: 's'});
		chmodSync(join(directory, 'profiles.json'), 0o644);
		expect(peekProfileNames(env()).permissionWarning).toContain('chmod 600');
	});

	it('finds no names in a store that is empty or only white space, as opening it would', () => {
		const file = join(directory, 'profiles.json');
		for (const text of ['', ' \n\t\n']) {
			writeFileSync(file, text, {mode: 0o600});
			expect(peekProfileNames(env()).names).toEqual([]);
		}
	});

	it('a store it may not read: the message of a read refused, with the commands that look and fix', () => {
		const file = join(directory, 'profiles.json');
		writeFileSync(file, '{}', {mode: 0o600});
		// Made by hand: the tests may run as root, whom chmod 000 does not stop.
		vi.spyOn(fs, 'readFileSync').mockImplementationOnce(() => {
			throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'});
		});
		expect(() => peekProfileNames(env())).toThrow(
			`Cannot read the profile store ${file} (permission denied). Check who owns it with: ls -l ${file}; if it is yours, run: chmod 600 ${file}`,
		);
	});
});
