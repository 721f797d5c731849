// Values given now (`test --server …`, `profiles add`, a new profile in the wizard): a flag, else its
// TABLEAU_* variable, else the default. Kept apart from run.ts, which says the rest of what a run
// is, because the wizard's first frame needs only this (TABLEAU_* fill in its fields) and not the
// modules run.ts brings.

/** Where a value came from. */
export type ValueSource =
	| {kind: 'flag'; name: string}
	| {kind: 'env'; name: string}
	| {kind: 'profile'; name: string}
	/** The site named in the server address (`…/#/site/acme/…`); `name` is where the address came from. */
	| {kind: 'address'; name: string}
	| {kind: 'default'};

/** A value that was set but lost to another; `value` is what was set there (never a secret: see `ignoredSecret`). */
export type Ignored = {source: ValueSource; value: string};

/** A value of the run, where it came from, and what it won over. */
export type Sourced<T> = {value: T; source: ValueSource; ignored: Ignored[]};

/** The values a run of values given now reads: its flags (already parsed). */
export type ConnectionFlagValues = {
	server?: string | undefined;
	site?: string | undefined;
	'token-name'?: string | undefined;
	'token-secret-stdin'?: boolean | undefined;
};

/** The variable of each value given now. */
export const variables = {server: 'TABLEAU_SERVER', site: 'TABLEAU_SITE', tokenName: 'TABLEAU_TOKEN_NAME', tokenSecret: 'TABLEAU_TOKEN_SECRET'} as const;

/** A flag, else its variable: an empty variable counts as set for the site (the Default site), not for the others. */
function flagOrVariable(
	flag: string,
	flagValue: string | undefined,
	variable: string,
	env: NodeJS.ProcessEnv,
	emptyCounts: boolean,
): Sourced<string | undefined> {
	const fromEnvironment = env[variable];
	const variableSet = fromEnvironment !== undefined && (emptyCounts || fromEnvironment !== '');
	if (flagValue !== undefined) {
		return {
			value: flagValue,
			source: {kind: 'flag', name: flag},
			ignored: variableSet ? [{source: {kind: 'env', name: variable}, value: fromEnvironment}] : [],
		};
	}

	return variableSet
		? {value: fromEnvironment, source: {kind: 'env', name: variable}, ignored: []}
		: {value: undefined, source: {kind: 'default'}, ignored: []};
}

/** The server, site and token name of a run of values given now, before they are checked: a missing one is undefined. */
export function givenConnection(values: ConnectionFlagValues, env: NodeJS.ProcessEnv) {
	return {
		server: flagOrVariable('--server', values.server, variables.server, env, false),
		site: flagOrVariable('--site', values.site, variables.site, env, true),
		tokenName: flagOrVariable('--token-name', values['token-name'], variables.tokenName, env, false),
	};
}

/** Where the token secret of a run comes from. */
export type SecretSource =
	| {kind: 'stdin'}
	| {kind: 'env'; name: typeof variables.tokenSecret}
	| {kind: 'prompt'}
	| {kind: 'keychain'; profile: string}
	| {kind: 'profile-file'; profile: string; path: string}
	| {kind: 'none'};

/**
The secret of a run of values given now: standard input with --token-secret-stdin, else
TABLEAU_TOKEN_SECRET when it holds more than whitespace, else a hidden prompt when a person is at a
terminal, else none (a usage error when the run starts). `ignored` names a variable that lost.
*/
export function givenSecretSource(values: ConnectionFlagValues, env: NodeJS.ProcessEnv, terminal: boolean): {source: SecretSource; ignored: ValueSource[]} {
	const variableSet = secretInEnvironment(env);
	if (values['token-secret-stdin']) {
		return {source: {kind: 'stdin'}, ignored: variableSet ? [{kind: 'env', name: variables.tokenSecret}] : []};
	}

	if (variableSet) {
		return {source: {kind: 'env', name: variables.tokenSecret}, ignored: []};
	}

	return {source: terminal ? {kind: 'prompt'} : {kind: 'none'}, ignored: []};
}

/** Whether TABLEAU_TOKEN_SECRET gives a secret: it holds more than whitespace. */
export function secretInEnvironment(env: NodeJS.ProcessEnv): boolean {
	return Boolean(env[variables.tokenSecret]?.trim());
}
