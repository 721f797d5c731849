import path from 'node:path';
import {shellQuote} from '../../tableau/shell-quote.js';
import {parseServerInput} from '../../tableau/server-url.js';
import {tokenSecretFrom} from '../core/connection-flags.js';
import {secretInEnvironment} from '../core/given-values.js';
import {readCaFile, writeLines, type CommandIo} from '../core/io.js';
import {describeSavedSecret, openStoreFor, publicView, requireProfile, secretStoreChoice} from '../core/profile-access.js';
import type {ProfilesValues} from './profiles-flags.js';
import {UsageError} from '../core/usage-error.js';

// The `profiles` actions that change one part of a saved profile in place: its secret, where the
// secret lives, its CA file, its address.

/** `profiles set-secret NAME`: a new secret for a saved profile (a rotated token, or one gone from the keychain). */
export async function setSecret(io: CommandIo, values: ProfilesValues, name: string): Promise<number> {
	const store = openStoreFor(io, {secretStore: values['secret-store']});
	const profile = requireProfile(store, name);
	// Asked for at a hidden prompt (or read from a pipe) unless TABLEAU_TOKEN_SECRET holds it: never a flag.
	const tokenSecret = await tokenSecretFrom(
		{'token-secret-stdin': values['token-secret-stdin'] ?? !secretInEnvironment(io.env)},
		io,
		'the saved secret is unchanged',
	);
	const saved = await store.save({name, server: profile.server, site: profile.site, tokenName: profile.tokenName, tokenSecret});
	const note = describeSavedSecret(saved, store.path);
	writeLines(io.stdout, values.json ? [JSON.stringify(publicView(saved.profile), null, 2)] : [note]);
	writeLines(io.stderr, [...(values.json && saved.fallbackReason ? [note] : []), ...(saved.warning ? [saved.warning] : [])]);
	return 0;
}

/** `profiles move-secrets [NAME…]`: saved secrets into the keychain (or the file), only when asked. */
export async function moveSecrets(io: CommandIo, values: ProfilesValues, names: string[]): Promise<number> {
	const store = openStoreFor(io);
	const to = secretStoreChoice(values['secret-store'], io.env) ?? 'keychain';
	const profiles = names.length === 0 ? store.list() : [...new Set(names)].map(name => requireProfile(store, name));
	const moved: string[] = [];
	for (const profile of profiles) {
		const result = await store.moveSecret(profile.name, to);
		if (result.moved) {
			moved.push(profile.name);
		}

		writeLines(io.stderr, result.warning ? [result.warning] : []);
	}

	const where = to === 'keychain' ? 'the keychain' : store.path;
	writeLines(
		io.stdout,
		values.json
			? [JSON.stringify({moved, to})]
			: [
					moved.length === 0
						? `Nothing to move: every secret asked for is already in ${where}.`
						: `Moved to ${where}: the token secrets of ${moved.map(name => `"${name}"`).join(', ')}.`,
				],
	);
	return 0;
}

/** `profiles set-ca-file NAME PATH|--none`: the CA certificates a profile's tests trust. */
export async function setCaFile(io: CommandIo, values: ProfilesValues, name: string, file: string | undefined): Promise<number> {
	if ((file === undefined) === !values.none) {
		throw new UsageError(
			`Give the path of a PEM file, or --none to drop the saved one. Example: tableau-connect profiles set-ca-file ${name} ./company-ca.pem`,
		);
	}

	const store = openStoreFor(io);
	requireProfile(store, name);
	const caFile = file === undefined ? null : path.resolve(file);
	if (caFile) {
		await readCaFile(caFile);
	}

	const profile = store.setCaFile(name, caFile);
	writeLines(
		io.stdout,
		values.json
			? [JSON.stringify(publicView(profile), null, 2)]
			: [
					caFile
						? `Profile "${name}" now trusts the CA certificates in ${caFile}, read at each test.`
						: `Profile "${name}" now trusts only the system's certificates.`,
				],
	);
	return 0;
}

/**
`profiles set-server NAME URL`: the address a profile tests, as the remedies for a moved or
mistyped address give it. Only the address changes: the secret stays where it lives, and the CA file
and site stay as saved.
*/
export function setServer(io: CommandIo, values: ProfilesValues, name: string, address: string): number {
	const parsed = parseServerInput(address);
	if (!parsed.ok) {
		throw new UsageError(parsed.error);
	}

	const store = openStoreFor(io);
	requireProfile(store, name);
	const profile = store.setServer(name, parsed.server);
	writeLines(
		io.stdout,
		values.json
			? [JSON.stringify(publicView(profile), null, 2)]
			: [...parsed.notes, `Profile "${name}" now uses ${parsed.server}. Test it there with: tableau-connect test ${shellQuote(name)}`],
	);
	return 0;
}
