import {readFileSync} from 'node:fs';
import path from 'node:path';
import {looksLikeTokenSecret, misplacedSecretMessage} from '../../tableau/secret-shape.js';
import type {CaFileAccess} from '../../ui/wizard/fields.js';

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
			pem = readFileSync(path.resolve(file), 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'error';
			return code === 'ENOENT'
				? `There is no file at ${path.resolve(file)}. Give the path of a PEM file holding your organisation's CA certificate.`
				: `${path.resolve(file)} cannot be read (${code}). Give the path of a PEM file holding your organisation's CA certificate.`;
		}

		return pem.includes('-----BEGIN CERTIFICATE-----')
			? null
			: `${path.resolve(file)} has no "-----BEGIN CERTIFICATE-----" block: export the CA certificate as PEM (Base-64), not DER.`;
	},
	read(file) {
		return readFileSync(path.resolve(file), 'utf8');
	},
	resolve(file) {
		return path.resolve(file);
	},
};
