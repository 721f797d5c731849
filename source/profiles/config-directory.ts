import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import envPaths from 'env-paths';
import {shellQuote} from '../tableau/shell-quote.js';
import {ProfileStoreError} from './store-error.js';

/** The name conf and env-paths build the default folder from. */
export const projectName = 'tableau-connect';

/**
The folder that holds the profile store: `TABLEAU_CONNECT_CONFIG_DIR` when set, else the user's
config folder for tableau-connect (`~/.config/tableau-connect` on Linux, `$XDG_CONFIG_HOME` honoured;
`~/Library/Preferences/tableau-connect` on macOS; `%APPDATA%\tableau-connect\Config` on Windows).

The default comes from env-paths, the library conf itself uses, without conf's `-nodejs` suffix.
env-paths reads `process.env`, so `env` only decides the override.
*/
/** The store's file, inside the config directory. */
export const storeFileName = 'profiles.json';

export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
	const override = env['TABLEAU_CONNECT_CONFIG_DIR'];
	if (override) {
		return path.resolve(override);
	}

	return envPaths(projectName, {suffix: ''}).config;
}

/**
Creates the folder owner-only (0700) when it does not exist, so conf never creates it with the
default 0755. An existing folder is left as it is: its mode is reported, not changed.
*/
export function ensureOwnerOnlyDirectory(directory: string): void {
	try {
		const created = fs.mkdirSync(directory, {recursive: true, mode: 0o700});
		if (created !== undefined && process.platform !== 'win32') {
			// The umask can take bits away from `mode`; it must not leave the folder unusable either.
			fs.chmodSync(directory, 0o700);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
		const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'something that is not a folder is in the way' : code === 'EACCES' ? 'permission denied' : code;
		throw new ProfileStoreError(
			'unwritable',
			directory,
			`Cannot create the folder for saved profiles, ${directory} (${why}). Create it yourself with: mkdir -p ${shellQuote(directory)} && chmod 700 ${shellQuote(directory)}, or choose another folder with TABLEAU_CONNECT_CONFIG_DIR.`,
			{cause: error},
		);
	}
}

/**
Says which of the folder and the file other users can read or change, with the `chmod` that fixes
each; null when both are owner-only (or on Windows, where these modes mean nothing). Nothing is
changed here: tightening someone's permissions behind their back hides the problem.
*/
export function permissionWarning(directory: string, file: string): string | null {
	if (process.platform === 'win32') {
		return null;
	}

	const problems: string[] = [];
	const directoryMode = modeOf(directory);
	if (directoryMode !== undefined && (directoryMode & 0o077) !== 0) {
		problems.push(`The folder ${directory} is open to other users (mode ${octal(directoryMode)}). Run: chmod 700 ${shellQuote(directory)}`);
	}

	const fileMode = modeOf(file);
	if (fileMode !== undefined && (fileMode & 0o077) !== 0) {
		problems.push(`The profile store ${file} holds token secrets and is open to other users (mode ${octal(fileMode)}). Run: chmod 600 ${shellQuote(file)}`);
	}

	return problems.length === 0 ? null : problems.join('\n');
}

function modeOf(target: string): number | undefined {
	try {
		return fs.statSync(target).mode & 0o777;
	} catch {
		return undefined;
	}
}

function octal(mode: number): string {
	return `0${mode.toString(8).padStart(3, '0')}`;
}
