import fs from 'node:fs';
import path from 'node:path';
import {configDirectory, permissionWarning, storeFileName} from './config-directory.js';
import {parseStoreText} from './store-document.js';
import {toStoreError} from './store-error.js';
import {shellQuote} from '../tableau/shell-quote.js';

/** What the wizard needs to know of the store before its first frame. */
export type StorePeek = {path: string; names: string[]; permissionWarning: string | null};

/**
Reads the saved profile names without conf. conf (with ajv behind it) takes about 40 ms to load,
which the wizard's first frame should not wait for; the store is opened for real when the wizard
saves. The same checks run as when the store opens, so a damaged file is reported before anyone
types anything, and nothing is written.
*/
export function peekProfileNames(env: NodeJS.ProcessEnv = process.env): StorePeek {
	const directory = path.resolve(configDirectory(env));
	const file = path.join(directory, storeFileName);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {path: file, names: [], permissionWarning: permissionWarning(directory, file)};
		}

		throw toStoreError(error, file, 'read');
	}

	const names = text.trim() === '' ? [] : Object.keys(parseStoreText(text, file).profiles);
	return {path: file, names, permissionWarning: permissionWarning(directory, file)};
}

/**
Why a save would fail, found before anything is tested: the store cannot be read (damaged, from a
newer release) or its folder cannot be written. Null when a save can go ahead. Nothing is created or
written: the nearest existing folder is asked whether it could be.
*/
export function storeProblem(env: NodeJS.ProcessEnv = process.env): string | null {
	const directory = path.resolve(configDirectory(env));
	try {
		peekProfileNames(env);
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}

	let existing = directory;
	while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
		existing = path.dirname(existing);
	}

	try {
		if (!fs.statSync(existing).isDirectory()) {
			return `Profiles cannot be saved: ${existing} is in the way of the folder ${directory}, and it is not a folder.`;
		}

		fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
		const file = path.join(directory, storeFileName);
		if (existing === directory && fs.existsSync(file)) {
			fs.accessSync(file, fs.constants.W_OK);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'error';
		return `Profiles cannot be saved: ${existing} cannot be written (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code}). Fix its permissions (for example chmod u+w ${shellQuote(existing)}) or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`;
	}

	return null;
}
