import path from 'node:path';
import {configDirectory, storeFileName} from '../../profiles/config-directory.js';
import type {Profile} from '../../profiles/types.js';
import {proxyDecision, type ProxyDecision} from '../../tableau/proxy.js';
import {parseServerInput, parseSiteInput} from '../../tableau/server-url.js';
import {defaultExpiryWarningDays} from '../../verify/findings.js';
import {wasInterrupted} from '../../verify/interrupted.js';
import type {VerificationResult} from '../../verify/types.js';
import {UsageError} from './usage-error.js';
import {variables, type ConnectionFlagValues, type Ignored, type SecretSource, type Sourced, type ValueSource} from './given-values.js';

// What a run is: the values a test uses, where each came from and what lost to it, and whether its
// result becomes the profile's last result. `test`, `describe`, `profiles add`, `rotate`, the home
// screen and the wizard all ask here, so that what `describe` prints is what a test does.
//
// Precedence, for a run of values given now (`test --server …`, `profiles add`, a new profile in the
// wizard): a flag, else its TABLEAU_* variable, else the default (the site: the one in the server
// address, else the Default site); given-values.ts holds that part. For a saved profile (`test
// NAME`, the home screen, `rotate`): the profile's own server, site, token name and secret; the
// TABLEAU_* variables are for values given now and are ignored; `--ca-file` wins over the profile's
// CA file for that run.

/** A saved profile's run takes its values from the profile: flags for values given now are a usage error, not ignored. */
export function refuseValuesWithProfile(values: ConnectionFlagValues, names = 'saved profile names (or --all)'): void {
	if (values.server || values['token-name'] || values.site !== undefined || values['token-secret-stdin']) {
		throw new UsageError(`Give either ${names}, or --server/--site/--token-name, not both. To change a profile, run "tableau-connect setup --profile NAME".`);
	}
}

/** The variables a saved profile's run ignores, with what they hold (the secret's only as "set"). */
function ignoredForProfile(env: NodeJS.ProcessEnv, key: 'server' | 'site' | 'tokenName'): Ignored[] {
	const value = env[variables[key]];
	return value === undefined || (value === '' && key !== 'site') ? [] : [{source: {kind: 'env', name: variables[key]}, value}];
}

/** A saved profile's server, site and token name: its own, whatever TABLEAU_* say (they are listed as ignored). */
export function profileConnection(profile: Profile, env: NodeJS.ProcessEnv) {
	const own = (value: string, key: 'server' | 'site' | 'tokenName'): Sourced<string> => ({
		value,
		source: {kind: 'profile', name: profile.name},
		ignored: ignoredForProfile(env, key),
	});
	return {server: own(profile.server, 'server'), site: own(profile.site, 'site'), tokenName: own(profile.tokenName, 'tokenName')};
}

/** Where a saved profile's secret lives; TABLEAU_TOKEN_SECRET, when set, is ignored. */
export function profileSecretSource(profile: Profile, storePath: string, env: NodeJS.ProcessEnv): {source: SecretSource; ignored: ValueSource[]} {
	return {
		source: profile.secretStore === 'keychain' ? {kind: 'keychain', profile: profile.name} : {kind: 'profile-file', profile: profile.name, path: storePath},
		ignored: env[variables.tokenSecret] === undefined ? [] : [{kind: 'env', name: variables.tokenSecret}],
	};
}

/** The CA file a run trusts besides the system's roots: --ca-file, else the profile's saved one, else none. */
export function caFileOf(flag: string | undefined, profile: Profile | null): Sourced<string | null> {
	const saved = profile?.caFile ?? null;
	if (flag !== undefined) {
		return {
			value: flag,
			source: {kind: 'flag', name: '--ca-file'},
			ignored: saved === null ? [] : [{source: {kind: 'profile', name: profile!.name}, value: saved}],
		};
	}

	return saved === null ? {value: null, source: {kind: 'default'}, ignored: []} : {value: saved, source: {kind: 'profile', name: profile!.name}, ignored: []};
}

/** The flags of a run that say how it talks to the server (already checked by verificationOptionsFrom). */
export type RunFlagValues = {
	timeout?: string | undefined;
	insecure?: boolean | undefined;
	'api-version'?: string | undefined;
	'expiry-warning-days'?: string | undefined;
};

/** Where the timeout, TLS, API version and expiry threshold of a run come from: the flag, or the default. */
export function optionSources(values: RunFlagValues) {
	const flagOrDefault = <T>(flag: string, given: string | boolean | undefined, fallback: T, parse: (given: string) => T): Sourced<T> =>
		given === undefined || given === false
			? {value: fallback, source: {kind: 'default'}, ignored: []}
			: {value: parse(String(given)), source: {kind: 'flag', name: flag}, ignored: []};
	return {
		timeoutSeconds: flagOrDefault('--timeout', values.timeout, 15, Number),
		insecure: flagOrDefault('--insecure', values.insecure, false, () => true),
		apiVersion: flagOrDefault<string | null>('--api-version', values['api-version'], null, given => given.trim()),
		expiryWarningDays: flagOrDefault('--expiry-warning-days', values['expiry-warning-days'], defaultExpiryWarningDays, given => Number(given.trim())),
	};
}

/** The profile store's file, and whether TABLEAU_CONNECT_CONFIG_DIR chose its folder. */
export function storeLocation(env: NodeJS.ProcessEnv): Sourced<string> {
	const file = path.join(configDirectory(env), storeFileName);
	return env['TABLEAU_CONNECT_CONFIG_DIR']
		? {value: file, source: {kind: 'env', name: 'TABLEAU_CONNECT_CONFIG_DIR'}, ignored: []}
		: {value: file, source: {kind: 'default'}, ignored: []};
}

/** The proxy a run to `server` goes through, by the transport's own decision (null when the address cannot be used). */
export function proxyOf(server: string, env: NodeJS.ProcessEnv): ProxyDecision | null {
	try {
		return proxyDecision(new URL(server), undefined, env);
	} catch {
		return null;
	}
}

/** Turns the typed server and site into what the pipeline needs, or says what to type instead. */
export function resolveTarget(serverText: string, siteText: string | undefined): {server: string; site: string; notes: string[]} | {error: string} {
	const parsed = parseServerInput(serverText);
	if (!parsed.ok) {
		return {error: parsed.error};
	}

	// Plain http:// is the result's `plain-http` warning, in every mode; a note on stderr would say it twice.
	const server = {...parsed, warnings: parsed.warnings.filter(item => item.code !== 'http-plain')};
	if (siteText === undefined) {
		return {server: server.server, site: server.site ?? '', notes: [...server.notes, ...server.warnings.map(item => item.message)]};
	}

	const site = parseSiteInput(siteText, {server: server.server});
	if (!site.ok) {
		return {error: site.error};
	}

	// The address named a site and so did --site: the flag wins, and the note about the address must not mislead.
	const serverNotes =
		server.site !== null && server.site !== site.site
			? [
					...server.notes.filter(note => !note.includes(`"${server.site}"`)),
					`The site "${site.site}" from --site is used, not "${server.site}" from the address.`,
				]
			: server.notes;
	return {server: server.server, site: site.site, notes: [...serverNotes, ...server.warnings.map(item => item.message), ...site.notes]};
}

/** The options of a run that decide whether it is the profile's own. */
export type RecordedOptions = {insecure?: boolean | undefined; apiVersion?: string | null | undefined};

/**
The flags of a run that change how it talks to the server, so its result is not the profile's own:
`--insecure` and `--api-version` are never saved with a profile. (`--timeout` and `--ca-file` only
help a run finish as saved, and `--ca-file` given to `profiles add` or the wizard is saved.)
*/
export function oneOffOverrides(options: RecordedOptions): string[] {
	return [options.apiVersion ? '--api-version' : null, options.insecure ? '--insecure' : null].filter(flag => flag !== null);
}

/**
Whether a run's result becomes the profile's last result: never with a one-off override, never
when it was interrupted (it found nothing out: the last real result stays). `result` is null for a
save without a test, which has nothing to record.
*/
export function recordsLastResult(options: RecordedOptions, result: VerificationResult | null): result is VerificationResult {
	return result !== null && oneOffOverrides(options).length === 0 && !wasInterrupted(result);
}

/** The line that says a run's result will not be kept, or null when it will. */
export function notRecordedNotice(options: RecordedOptions): string | null {
	const overrides = oneOffOverrides(options);
	return overrides.length === 0
		? null
		: `${overrides.join(' and ')} ${overrides.length === 1 ? 'applies' : 'apply'} to this run only: its result is not kept as the profile's last test.`;
}
