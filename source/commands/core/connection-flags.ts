import {trimmedNotice, trimPasted} from '../../tableau/pasted-values.js';
import {looksLikeTokenSecret, misplacedSecretMessage, secretShapeWarning} from '../../tableau/secret-shape.js';
import type {SecretSource as RerunSecret} from '../../verify/remedy-frame.js';
import {readSecretFromStdin, writeWarning, type CommandIo} from './io.js';
import {givenConnection, givenSecretSource, type ConnectionFlagValues} from './given-values.js';
import {UsageError} from './usage-error.js';

type ConnectionValues = ConnectionFlagValues;

/**
The server, site and token name of `test --server …` and `profiles add`, each from its flag or else
its environment variable; a missing one is a usage error that says which flag to add. Says on stderr
which values lost the whitespace around them.
*/
export function connectionFlags(values: ConnectionValues, io: CommandIo): {serverText: string; siteText: string | undefined; tokenName: string} {
	const {notice, ...checked} = checkedConnection(values, io.env);
	if (notice) {
		io.stderr.write(`${notice}\n`);
	}

	return checked;
}

/** `connectionFlags` without writing anything: the values, and the note about whitespace (null when none was removed). */
export function checkedConnection(
	values: ConnectionValues,
	env: NodeJS.ProcessEnv,
): {serverText: string; siteText: string | undefined; tokenName: string; notice: string | null} {
	const {server, site, tokenName: name} = givenConnection(values, env);
	const {values: given, trimmed} = trimPasted({server: server.value, site: site.value, tokenName: name.value});
	const {server: serverText, tokenName} = given;
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

	return {serverText, siteText: given.site, tokenName, notice: trimmedNotice(trimmed)};
}

/** The values that came from environment variables rather than flags, named by variable, so output can say so. */
export type EnvironmentOrigins = Partial<Record<'server' | 'site' | 'tokenName' | 'tokenSecret', string>>;

export function environmentOrigins(values: ConnectionValues, io: CommandIo): EnvironmentOrigins {
	const origins: EnvironmentOrigins = {};
	for (const [key, sourced] of Object.entries(givenConnection(values, io.env))) {
		if (sourced.source.kind === 'env') {
			origins[key as keyof EnvironmentOrigins] = sourced.source.name;
		}
	}

	const secret = givenSecretSource(values, io.env, false).source;
	if (secret.kind === 'env') {
		origins.tokenSecret = secret.name;
	}

	return origins;
}

export const noSecretMessage =
	'No token secret, and no terminal to ask for it on. Pipe it in with --token-secret-stdin (for example: printf \'%s\' "$SECRET" | tableau-connect … --token-secret-stdin), or set TABLEAU_TOKEN_SECRET.';

/**
The token secret: from standard input with --token-secret-stdin, else TABLEAU_TOKEN_SECRET, else
asked for at a hidden prompt when a person is at a terminal (as gh and aws do). Read last, once the
rest is known to be usable. `leftUndone` ends the line a Ctrl-C at the prompt prints.
*/
export async function tokenSecretFrom(values: ConnectionValues, io: CommandIo, leftUndone?: string): Promise<string> {
	const {source} = givenSecretSource(values, io.env, Boolean(io.stdin.isTTY && io.stderr.isTTY));
	if (source.kind === 'env') {
		return asPasted(io.env[source.name]!, io);
	}

	if (source.kind === 'stdin' || source.kind === 'prompt') {
		return asPasted(await readSecretFromStdin(io.stdin, io.stderr, leftUndone), io);
	}

	throw new UsageError(noSecretMessage);
}

/** Where `tokenSecretFrom` takes the secret from, as a remedy's command to run again must take it too. */
export function rerunSecretOf(values: ConnectionValues, io: CommandIo): RerunSecret {
	const {source} = givenSecretSource(values, io.env, Boolean(io.stdin.isTTY && io.stderr.isTTY));
	return source.kind === 'env' ? 'environment' : source.kind === 'prompt' ? 'prompt' : 'stdin';
}

/** The secret without the whitespace around it, saying so once, and warning when it cannot be Tableau's. */
function asPasted(secret: string, io: CommandIo): string {
	const {values, trimmed} = trimPasted({tokenSecret: secret});
	const notes = [trimmedNotice(trimmed), secretShapeWarning(values.tokenSecret)].filter(note => note !== null);
	for (const note of notes) {
		writeWarning(io, note);
	}

	return values.tokenSecret;
}
