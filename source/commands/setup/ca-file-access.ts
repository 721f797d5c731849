import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../tableau/secret-shape.js';
import type {CaFileAccess} from '../../ui/wizard/fields.js';

/**
The wizard's CA file field over the file system: a path is usable when it can be read and holds a PEM
certificate (the same rule as --ca-file). Read each time, so a file fixed while the wizard waits counts.
A path is read as a person types it: `~` is their home folder, as a shell would read it (the field
has no shell in front of it), and the rest is from the folder the wizard runs in.
*/
export function caFilesUnder(home: () => string): CaFileAccess {
	const resolvePath = (file: string) => (file === '~' || file.startsWith('~/') ? path.join(home(), file.slice(1)) : path.resolve(file));
	return {
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
}

/** The field over this user's files. */
export const caFileAccess = caFilesUnder(homedir);
