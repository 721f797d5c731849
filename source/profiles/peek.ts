import fs from 'node:fs';
import path from 'node:path';
import {configDirectory, permissionWarning, storeFileName} from './config-directory.js';
import {parseStoreText} from './store-document.js';
import {toStoreError} from './store-error.js';

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
