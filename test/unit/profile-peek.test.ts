import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {peekProfileNames} from '../../source/profiles/peek.js';
import {openProfileStore} from '../../source/profiles/store.js';

let directory: string;
const env = () => ({TABLEAU_CONNECT_CONFIG_DIR: directory});

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'tableau-connect-peek-'));
});

afterEach(() => {
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
});
