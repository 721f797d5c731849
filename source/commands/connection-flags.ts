import {looksLikeTokenSecret, misplacedSecretMessage} from '../tableau/secret-shape.js';
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

	if (looksLikeTokenSecret(tokenName)) {
		// Flags end up in shell history and CI logs: say so, and how to pass the secret instead.
		throw new UsageError(
			`--token-name: ${misplacedSecretMessage('token name')} Pass the secret with --token-secret-stdin or TABLEAU_TOKEN_SECRET, and consider revoking this token if the command line was logged.`,
		);
	}

	return {serverText, siteText: values.site ?? io.env['TABLEAU_SITE'], tokenName};
}

/** The values that came from environment variables rather than flags, named by variable, so output can say so. */
export type EnvironmentOrigins = Partial<Record<'server' | 'site' | 'tokenName' | 'tokenSecret', string>>;

export function environmentOrigins(values: ConnectionValues, io: CommandIo): EnvironmentOrigins {
	const origins: EnvironmentOrigins = {};
	const from = (key: keyof EnvironmentOrigins, flagGiven: boolean, variable: string) => {
		if (!flagGiven && io.env[variable] !== undefined && (key === 'site' || io.env[variable] !== '')) {
			origins[key] = variable;
		}
	};

	from('server', values.server !== undefined, 'TABLEAU_SERVER');
	from('site', values.site !== undefined, 'TABLEAU_SITE');
	from('tokenName', values['token-name'] !== undefined, 'TABLEAU_TOKEN_NAME');
	from('tokenSecret', values['token-secret-stdin'] === true, 'TABLEAU_TOKEN_SECRET');
	return origins;
}

/**
The token secret: from standard input with --token-secret-stdin, else TABLEAU_TOKEN_SECRET, else
asked for at a hidden prompt when a person is at a terminal (as gh and aws do). Read last, once the
rest is known to be usable. `leftUndone` ends the line a Ctrl-C at the prompt prints.
*/
export async function tokenSecretFrom(values: ConnectionValues, io: CommandIo, leftUndone?: string): Promise<string> {
	if (values['token-secret-stdin']) {
		return readSecretFromStdin(io.stdin, io.stderr, leftUndone);
	}

	const fromEnvironment = io.env['TABLEAU_TOKEN_SECRET'];
	if (fromEnvironment) {
		return fromEnvironment;
	}

	if (io.stdin.isTTY && io.stderr.isTTY) {
		return readSecretFromStdin(io.stdin, io.stderr, leftUndone);
	}

	throw new UsageError(
		'No token secret, and no terminal to ask for it on. Pipe it in with --token-secret-stdin (for example: printf \'%s\' "$SECRET" | tableau-connect … --token-secret-stdin), or set TABLEAU_TOKEN_SECRET.',
	);
}
