import {shownProxy} from '../../tableau/exchange.js';
import {parseServerInput} from '../../tableau/server-url.js';
import {looksLikeTokenSecret} from '../../tableau/secret-shape.js';
import {trimPasted} from '../../tableau/pasted-values.js';
import {checkedConnection, noSecretMessage} from '../core/connection-flags.js';
import {readCaFile, writeLines, type CommandIo} from '../core/io.js';
import {openStoreFor, profileCaPem, requireProfile, secretPresence} from '../core/profile-access.js';
import {givenConnection, givenSecretSource, type Ignored, type SecretSource, type Sourced, type ValueSource} from '../core/given-values.js';
import {
	caFileOf,
	oneOffOverrides,
	optionSources,
	profileConnection,
	profileSecretSource,
	proxyOf,
	refuseValuesWithProfile,
	resolveTarget,
	storeLocation,
} from '../core/run.js';
import {UsageError} from '../core/usage-error.js';
import {verificationOptionsFrom} from '../core/verification-options.js';
import {parseTestArgs, type ParsedTestArgs} from '../test/test-flags.js';

export const describeHelp = `Usage:
  tableau-connect describe NAME [options]
  tableau-connect describe --server URL [--site SITE] --token-name NAME [--token-secret-stdin] [options]

Shows what "tableau-connect test" with the same arguments and environment would use: each value,
where it came from (a flag, a TABLEAU_* variable, the saved profile, the default), and what was set
but ignored because something else won. Also the CA file, the proxy for that server and why, the
timeout, and the profile store's file. Nothing is sent: no request, no sign-in. The token secret
is never shown: only where it would come from and whether it is there.

Options: those of "tableau-connect test" (see "tableau-connect test --help"), and
  --json                  The same as one JSON object on stdout (fields in docs/reference.md).

Exit codes: 0 a test could start with these values, 2 it could not (the reasons are listed), or a
usage error (an unknown flag, a missing profile).`;

/** The secret of a run: where it would come from and whether it is there, never the secret. */
export type DescribedSecret = {
	source: SecretSource;
	/** true: it is there; false: it is not; null: it is known only when the test runs (standard input, the prompt) or the keychain cannot be asked. */
	present: boolean | null;
	/** Variables that were set but lose to `source` (their values are never shown). */
	ignored: ValueSource[];
};

/** What `describe` prints: a run of `test` with the same arguments, before it starts. */
export type RunDescription = {
	profile: string | null;
	server: Sourced<string | null>;
	site: Sourced<string | null>;
	tokenName: Sourced<string | null>;
	tokenSecret: DescribedSecret;
	caFile: Sourced<string | null>;
	nodeExtraCaCerts: string | null;
	insecure: Sourced<boolean>;
	apiVersion: Sourced<string | null>;
	timeoutSeconds: Sourced<number>;
	expiryWarningDays: Sourced<number>;
	proxy: {url: string | null; from: string | null; noProxyEntry: string | null; noProxyFrom: string | null} | null;
	store: Sourced<string>;
	recorded: boolean;
	notRecordedBecause: string[];
	problems: string[];
};

/** A value as it may be printed: one that looks like a token secret (pasted in the wrong place) is not. */
const hiddenSecret = '(looks like a token secret: not shown)';
function shown(value: string): string {
	return looksLikeTokenSecret(value) ? hiddenSecret : value;
}

function shownIgnored(ignored: Ignored[]): Ignored[] {
	return ignored.map(item => ({...item, value: shown(item.value)}));
}

function messageOf(error: unknown): string {
	if (error instanceof UsageError || (error instanceof Error && error.name === 'ProfileStoreError')) {
		return error.message;
	}

	throw error;
}

/** The server, site and token name of values given now, with the site's source taken from the address when it named one. */
function givenTarget(values: ParsedTestArgs['values'], env: NodeJS.ProcessEnv, problems: string[]) {
	const given = givenConnection(values, env);
	const trimmed = trimPasted({server: given.server.value, site: given.site.value, tokenName: given.tokenName.value}).values;
	try {
		checkedConnection(values, env);
	} catch (error) {
		problems.push(messageOf(error));
	}

	const server: Sourced<string | null> = {...given.server, value: trimmed.server ? shown(trimmed.server) : null, ignored: shownIgnored(given.server.ignored)};
	let usable: string | null = null;
	// No site given and no address to read one from: the Default site, as a test would use.
	let site: Sourced<string | null> = {...given.site, value: trimmed.site ?? '', ignored: shownIgnored(given.site.ignored)};
	if (trimmed.server) {
		const target = resolveTarget(trimmed.server, trimmed.site);
		if ('error' in target) {
			problems.push(target.error);
		} else {
			server.value = target.server;
			usable = target.server;
			const parsed = parseServerInput(trimmed.server);
			const fromAddress = parsed.ok ? parsed.site : null;
			const address: ValueSource = {kind: 'address', name: given.server.source.kind === 'default' ? '' : (given.server.source as {name: string}).name};
			site =
				trimmed.site === undefined
					? {value: target.site, source: fromAddress === null ? {kind: 'default'} : address, ignored: []}
					: {
							...site,
							value: target.site,
							ignored: [...site.ignored, ...(fromAddress !== null && fromAddress !== target.site ? [{source: address, value: fromAddress}] : [])],
						};
		}
	}

	const tokenName: Sourced<string | null> = {
		...given.tokenName,
		value: trimmed.tokenName ? shown(trimmed.tokenName) : null,
		ignored: shownIgnored(given.tokenName.ignored),
	};
	return {server, site: {...site, value: site.value === null ? null : shown(site.value)}, tokenName, usable};
}

/** Everything a `test` with these arguments would use, found without the network. */
export async function describeRun(values: ParsedTestArgs['values'], positionals: string[], io: CommandIo): Promise<RunDescription> {
	if (values.all) {
		throw new UsageError(
			'describe takes one profile name, or the values of one test: not --all. Run it once for each profile, or "tableau-connect profiles list".',
		);
	}

	if (positionals.length > 1) {
		throw new UsageError('describe takes one profile name at a time. Example: tableau-connect describe acme');
	}

	// Bad flags are usage errors, as for `test`; the CA file is read below, as one of the run's problems.
	const options = await verificationOptionsFrom({...values, 'ca-file': undefined}, io.env);
	const sources = optionSources(values);
	const problems: string[] = [];
	const name = positionals[0];
	let connection: Pick<RunDescription, 'server' | 'site' | 'tokenName'>;
	// The origin a test would connect to, once the address is known to be usable: the proxy depends on it.
	let usableServer: string | null = null;
	let tokenSecret: DescribedSecret;
	let caFile: Sourced<string | null>;
	if (name === undefined) {
		const target = givenTarget(values, io.env, problems);
		({usable: usableServer, ...connection} = target);
		const secret = givenSecretSource(values, io.env, Boolean(io.stdin.isTTY && io.stderr.isTTY));
		tokenSecret = {...secret, present: secret.source.kind === 'env' ? true : secret.source.kind === 'none' ? false : null};
		if (secret.source.kind === 'none') {
			problems.push(noSecretMessage);
		}

		caFile = caFileOf(values['ca-file'], null);
		await readCaFile(caFile.value ?? undefined).catch((error: unknown) => problems.push(messageOf(error)));
	} else {
		refuseValuesWithProfile(values, 'a saved profile name');
		const store = openStoreFor(io, {quiet: true});
		const profile = requireProfile(store, name);
		const own = profileConnection(profile, io.env);
		usableServer = profile.server;
		connection = {
			server: {...own.server, ignored: shownIgnored(own.server.ignored)},
			site: {...own.site, ignored: shownIgnored(own.site.ignored)},
			tokenName: {...own.tokenName, ignored: shownIgnored(own.tokenName.ignored)},
		};
		const {found, problem} = await secretPresence(store, profile);
		tokenSecret = {...profileSecretSource(profile, store.path, io.env), present: found};
		if (problem) {
			problems.push(problem);
		}

		caFile = caFileOf(values['ca-file'], profile);
		const reading = caFile.source.kind === 'profile' ? profileCaPem(profile) : readCaFile(caFile.value ?? undefined);
		await reading.catch((error: unknown) => problems.push(messageOf(error)));
	}

	const proxy = usableServer === null ? null : proxyOf(usableServer, io.env);
	const overrides = oneOffOverrides(options);
	return {
		profile: name ?? null,
		...connection,
		tokenSecret,
		caFile,
		nodeExtraCaCerts: io.env['NODE_EXTRA_CA_CERTS'] || null,
		insecure: sources.insecure,
		apiVersion: sources.apiVersion,
		timeoutSeconds: {...sources.timeoutSeconds, value: (options.timeoutMs ?? 15_000) / 1000},
		expiryWarningDays: sources.expiryWarningDays,
		proxy: proxy && {
			url: proxy.proxy === undefined ? null : shownProxy(proxy.proxy),
			from: proxy.from,
			noProxyEntry: proxy.noProxyEntry,
			noProxyFrom: proxy.noProxyFrom,
		},
		store: storeLocation(io.env),
		recorded: name !== undefined && overrides.length === 0,
		notRecordedBecause: name === undefined ? [] : overrides,
		problems,
	};
}

function sourceText(source: ValueSource): string {
	switch (source.kind) {
		case 'flag':
		case 'env': {
			return source.name;
		}

		case 'profile': {
			return `profile "${source.name}"`;
		}

		case 'address': {
			return source.name === '' ? 'the server address' : `the ${source.name} address`;
		}

		case 'default': {
			return 'default';
		}
	}
}

function secretText({source, present}: DescribedSecret): string {
	const there = present === true ? 'it is there' : present === false ? 'it is NOT there' : 'read when the test runs';
	switch (source.kind) {
		case 'stdin': {
			return `from standard input (--token-secret-stdin), ${there}`;
		}

		case 'env': {
			return `from ${source.name}, ${there}`;
		}

		case 'prompt': {
			return 'asked for at a hidden prompt when the test runs';
		}

		case 'keychain': {
			return `in the keychain (service "tableau-connect", account "${source.profile}"), ${present === null ? 'which cannot be asked here' : there}`;
		}

		case 'profile-file': {
			return `in the profile store ${source.path}, ${there}`;
		}

		case 'none': {
			return 'none: no --token-secret-stdin, no TABLEAU_TOKEN_SECRET, and no terminal to ask on';
		}
	}
}

function proxyText(proxy: RunDescription['proxy']): string {
	if (proxy === null) {
		return 'unknown until the server address can be used';
	}

	if (proxy.url !== null) {
		return `${proxy.url || '(empty: none)'} (from ${proxy.from})`;
	}

	if (proxy.noProxyEntry !== null) {
		return `none: ${proxy.noProxyFrom} has "${proxy.noProxyEntry}", which matches the server`;
	}

	return 'none (HTTPS_PROXY and HTTP_PROXY are not set)';
}

const indent = ' '.repeat(16);

function ignoredText({source, value}: Ignored): string {
	return source.kind === 'address' ? `the site "${value}" in ${sourceText(source)}` : `${sourceText(source)}: ${JSON.stringify(value)}`;
}

/** One value: its label, the value, where it came from, then each value it won over on a line of its own. */
function row(label: string, text: string, source?: ValueSource, ignored: readonly Ignored[] = []): string[] {
	return [
		`${label.padEnd(indent.length)}${text}${source ? `  (${sourceText(source)})` : ''}`,
		...ignored.map(item => `${indent}ignored: ${ignoredText(item)}`),
	];
}

function sourcedRow(label: string, sourced: Sourced<string | null>, missing: string): string[] {
	return row(label, sourced.value ?? missing, sourced.value === null && sourced.source.kind === 'default' ? undefined : sourced.source, sourced.ignored);
}

/** The description for people: one line per value, its source, and what it won over. */
export function formatDescription(description: RunDescription): string[] {
	const {profile, server, site, tokenName, tokenSecret, caFile, insecure, apiVersion, timeoutSeconds, expiryWarningDays, store} = description;
	const missing = 'missing';
	const lines = [
		profile === null
			? 'What "tableau-connect test" with these values would use (nothing was sent):'
			: `What "tableau-connect test ${profile}" would use (nothing was sent):`,
		'',
		...sourcedRow('Server', server, missing),
		...sourcedRow('Site', {...site, value: site.value === '' ? '(Default site)' : site.value}, missing),
		...sourcedRow('Token name', tokenName, missing),
		...row('Token secret', `not shown; ${secretText(tokenSecret)}`),
		...tokenSecret.ignored.map(source => `${indent}ignored: ${sourceText(source)} (its value is not shown)`),
		...sourcedRow('CA file', {...caFile, value: caFile.value ?? "none (the system's trusted certificates)"}, ''),
		...(description.nodeExtraCaCerts ? [`${indent}and NODE_EXTRA_CA_CERTS: ${description.nodeExtraCaCerts}, which Node trusts as well`] : []),
		...row('TLS', insecure.value ? 'NOT verified' : 'verified', insecure.source),
		...row('API version', apiVersion.value ?? "the server's own", apiVersion.source),
		...row('Timeout', `${timeoutSeconds.value} s per request`, timeoutSeconds.source),
		...row('Expiry warning', `fewer than ${expiryWarningDays.value} days left`, expiryWarningDays.source),
		...row('Proxy', proxyText(description.proxy)),
		...row('Profile store', store.value, store.source),
	];
	if (profile !== null) {
		const overrides = description.notRecordedBecause;
		lines.push(
			...row(
				'Last result',
				description.recorded
					? `the test is kept as the last result of "${profile}"`
					: `not kept: ${overrides.join(' and ')} ${overrides.length === 1 ? 'applies' : 'apply'} to this run only`,
			),
		);
	}

	if (description.problems.length > 0) {
		lines.push('', 'A test would stop before sending anything:', ...description.problems.map(problem => `- ${problem}`));
	}

	return lines;
}

/** `tableau-connect describe [NAME]`: what a test would use and why, without the network. */
export async function runDescribeCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values, positionals} = parseTestArgs(argv, 'describe');
	if (values.help) {
		writeLines(io.stdout, [describeHelp]);
		return 0;
	}

	const description = await describeRun(values, positionals, io);
	writeLines(io.stdout, values.json ? [JSON.stringify(description, null, 2)] : formatDescription(description));
	return description.problems.length > 0 ? 2 : 0;
}
