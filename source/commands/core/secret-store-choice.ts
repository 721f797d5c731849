import type {SecretStore} from '../../profiles/types.js';
import {UsageError} from './usage-error.js';

/** The environment variable that chooses where saved secrets go, as `--secret-store` does. */
export const secretStoreVariable = 'TABLEAU_CONNECT_SECRET_STORE';

/**
Where the person asked for secrets to go: `--secret-store`, else TABLEAU_CONNECT_SECRET_STORE;
undefined when neither says (the keychain when usable, else the file).
*/
export function secretStoreChoice(flag: string | undefined, env: NodeJS.ProcessEnv): SecretStore | undefined {
	const value = flag ?? env[secretStoreVariable];
	if (value === undefined || value === '') {
		return undefined;
	}

	if (value === 'keychain' || value === 'file') {
		return value;
	}

	const source = flag === undefined ? secretStoreVariable : '--secret-store';
	throw new UsageError(
		`${source} must be "keychain" (the operating system's keychain) or "file" (the owner-only profile store), not ${JSON.stringify(value)}.`,
	);
}
