// What the store says when the system refuses to read or write it, or to create its folder: the
// whole message, with the command that fixes it. The system errors are made by hand, since the tests
// may run as root, for whom no permission is ever denied.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {ensureOwnerOnlyDirectory} from '../../source/profiles/config-directory.js';
import {ProfileStoreError, setSecretCommand, toStoreError} from '../../source/profiles/store-error.js';

const file = '/home/ada/.config/tableau-connect/profiles.json';

function systemError(code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: refused`), {code});
}

describe('toStoreError', () => {
	it('passes its own errors through and rethrows what is not a system error', () => {
		const own = new ProfileStoreError('corrupt', file, 'damaged');
		expect(toStoreError(own, file, 'read')).toBe(own);
		const bug = new TypeError('not a system error');
		expect(() => toStoreError(bug, file, 'write')).toThrow(bug);
	});

	it('a folder where the file should be: unreadable, with the mv that moves it aside, and the cause kept', () => {
		const cause = systemError('EISDIR');
		const error = toStoreError(cause, file, 'write');
		expect(error.reason).toBe('unreadable');
		expect(error.path).toBe(file);
		expect(error.message).toBe(
			`The profile store ${file} is a folder, not a file. Move it aside and run the command again (the old file stays for you to inspect): mv ${file} ${file}.bak`,
		);
		expect(error.cause).toBe(cause);
	});

	it.each([
		['EACCES', 'permission denied'],
		['EPERM', 'permission denied'],
		['EIO', 'error EIO'],
	])('reading refused with %s: says why, and how to look and fix', (code, why) => {
		const cause = systemError(code);
		const error = toStoreError(cause, file, 'read');
		expect(error.reason).toBe('unreadable');
		expect(error.message).toBe(`Cannot read the profile store ${file} (${why}). Check who owns it with: ls -l ${file}; if it is yours, run: chmod 600 ${file}`);
		expect(error.cause).toBe(cause);
	});

	it.each([
		['EACCES', 'permission denied'],
		['EPERM', 'permission denied'],
		['EROFS', 'read-only file system'],
		['ENOSPC', 'error ENOSPC'],
	])('writing refused with %s: says why, and to make the folder writable', (code, why) => {
		const cause = systemError(code);
		const error = toStoreError(cause, file, 'write');
		expect(error.reason).toBe('unwritable');
		expect(error.path).toBe(file);
		expect(error.message).toBe(
			`Cannot write the profile store ${file} (${why}). Make its folder yours and writable (chmod 700 /home/ada/.config/tableau-connect), or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`,
		);
		expect(error.cause).toBe(cause);
	});

	it('quotes a folder with a space in the chmod', () => {
		expect(toStoreError(systemError('EACCES'), '/home/ada/my config/profiles.json', 'write').message).toContain("(chmod 700 '/home/ada/my config')");
	});
});

describe('setSecretCommand', () => {
	it('names the profile, and the file only when asked', () => {
		expect(setSecretCommand('acme')).toBe('tableau-connect profiles set-secret acme');
		expect(setSecretCommand('acme', 'file')).toBe('tableau-connect profiles set-secret acme --secret-store file');
		expect(setSecretCommand("ada's")).toBe(`tableau-connect profiles set-secret 'ada'\\''s'`);
	});
});

describe('ensureOwnerOnlyDirectory', () => {
	let root: string;

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-folder-'));
	});

	afterEach(() => {
		vi.restoreAllMocks();
		fs.rmSync(root, {recursive: true, force: true});
	});

	const message = (directory: string, why: string) =>
		`Cannot create the folder for saved profiles, ${directory} (${why}). Create it yourself with: mkdir -p ${directory} && chmod 700 ${directory}, or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`;

	function refusal(directory: string): ProfileStoreError {
		try {
			ensureOwnerOnlyDirectory(directory);
		} catch (error) {
			expect(error).toBeInstanceOf(ProfileStoreError);
			expect((error as ProfileStoreError).reason).toBe('unwritable');
			expect((error as ProfileStoreError).path).toBe(directory);
			return error as ProfileStoreError;
		}

		throw new Error(`${directory} was created`);
	}

	it('a file where the folder should be (EEXIST) is in the way', () => {
		const directory = path.join(root, 'config');
		fs.writeFileSync(directory, 'not a folder');
		expect(refusal(directory).message).toBe(message(directory, 'something that is not a folder is in the way'));
	});

	it('a file where a parent folder should be (ENOTDIR) is in the way', () => {
		fs.writeFileSync(path.join(root, 'config'), 'not a folder');
		const directory = path.join(root, 'config', 'tableau-connect');
		expect(refusal(directory).message).toBe(message(directory, 'something that is not a folder is in the way'));
	});

	it('says permission denied, another code as it is, and an error without one as unknown', () => {
		const directory = path.join(root, 'config');
		const mkdir = vi.spyOn(fs, 'mkdirSync');
		mkdir.mockImplementationOnce(() => {
			throw systemError('EACCES');
		});
		expect(refusal(directory).message).toBe(message(directory, 'permission denied'));
		mkdir.mockImplementationOnce(() => {
			throw systemError('ENOSPC');
		});
		expect(refusal(directory).message).toBe(message(directory, 'ENOSPC'));
		mkdir.mockImplementationOnce(() => {
			throw new Error('something odd');
		});
		expect(refusal(directory).message).toBe(message(directory, 'unknown error'));
		expect(fs.existsSync(directory)).toBe(false);
	});
});
