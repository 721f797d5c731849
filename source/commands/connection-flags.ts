import {readSecretFromStdin, type CommandIo} from './io.js';
import {UsageError} from './usage-error.js';

type ConnectionValues = {server?: string; site?: string; 'token-name'?: string; 'token-secret-stdin'?: boolean};

/**
The server, site and token name of `test --server …` and `profiles add`, each from its flag or else
its environment variable; a missing one is a usage error that says which flag to add.
*/
export function connectionFlags(values: ConnectionValues, io: CommandIo): {serverText: string; siteText: string | undefined; tokenName: string} {
	const serverText = values.server ?? io.env['TABLEAU_SERVER'];
	const tokenName = values['token-name'] ?? io.env['TABLEAU_TOKEN_NAME'];
	if (!serverText) {
		throw new UsageError('Say which server to use: --server https://your-server (or TABLEAU_SERVER), or a saved profile: tableau-connect test NAME.');
	}

	if (!tokenName) {
		throw new UsageError('Say which token to use: --token-name "Parable Integration" (or TABLEAU_TOKEN_NAME).');
	}

	return {serverText, siteText: values.site ?? io.env['TABLEAU_SITE'], tokenName};
}

/** The token secret: from standard input with --token-secret-stdin, else TABLEAU_TOKEN_SECRET. Read last, once the rest is known to be usable. */
export async function tokenSecretFrom(values: ConnectionValues, io: CommandIo): Promise<string> {
	const tokenSecret = values['token-secret-stdin'] ? await readSecretFromStdin(io.stdin, io.stderr) : io.env['TABLEAU_TOKEN_SECRET'];
	if (!tokenSecret) {
		throw new UsageError(
			'No token secret: pipe it in with --token-secret-stdin (or type it at the prompt it shows on a terminal), or set TABLEAU_TOKEN_SECRET. It is never accepted as a flag, so it stays out of shell history.',
		);
	}

	return tokenSecret;
}
