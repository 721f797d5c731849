import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../tableau/secret-shape.js';
import type {CaFileAccess} from '../../ui/wizard/fields.js';

/**
A path as a person types it into the field: `~` is their home folder, as a shell would read it
(the field has no shell in front of it), and the rest is from the folder the wizard runs in.
*/
function resolvePath(file: string): string {
	return file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : path.resolve(file);
}

/**
The wizard's CA file field over the file system: a path is usable when it can be read and holds a PEM
certificate (the same rule as --ca-file). Read each time, so a file fixed while the wizard waits counts.
*/
export const caFileAccess: CaFileAccess = {
	check(file) {
		if (looksLikeTokenSecret(file)) {
			return misplacedSecretMessage('CA file path');
		}

		let pem: string;
		try {
			pem = readFileSync(resolvePath(file), 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			return code === 'ENOENT'
				? `There is no file at ${resolvePath(file)}. Give the path of a PEM file holding your organisation's CA certificate.`
				: `${resolvePath(file)} cannot be read (${code}). Give the path of a PEM file holding your organisation's CA certificate.`;
		}

		return pem.includes('-----BEGIN CERTIFICATE-----')
			? null
			: `${resolvePath(file)} has no "-----BEGIN CERTIFICATE-----" block: export the CA certificate as PEM (Base-64), not DER.`;
	},
	read(file) {
		return readFileSync(resolvePath(file), 'utf8');
	},
	resolve(file) {
		return resolvePath(file);
	},
};
