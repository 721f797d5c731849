import {shellQuote} from '../tableau/shell-quote.js';

/**
Where a person reads a remedy, so that it names only what works there. A screen hands over the keys
its keymap offers at that moment; a command line says how it was run. Nothing here knows a screen:
the keymaps in the UI build these, and the remedies only read them.
*/

/** What a key may be named for in a remedy. */
export const remedyKeyRoles = ['edit', 'retry', 'use-address', 'rotate'] as const;
export type RemedyKeyRole = (typeof remedyKeyRoles)[number];

/** A key as the screen's footer lists it. */
export type OfferedKey = {readonly key: string; readonly label: string};
export type OfferedKeys = Partial<Record<RemedyKeyRole, OfferedKey>>;

/** Where the secret of a command-line run came from, so a command to run again takes it the same way. */
export type SecretSource = 'stdin' | 'environment' | 'prompt';

export type RemedyFrame =
	/** A saved profile read on a command line: remedies name `test NAME` and the commands that change it. */
	| {kind: 'saved'}
	/**
	A screen: the keys on the failure screen (a diagnosis is read there) and on the success screen
	(warnings are read on both, so they name only keys the two share). `commands`: whether a remedy may
	name `tableau-connect setup …` and, once the profile is saved, `setup --profile NAME` (false in the
	demo, whose profiles are not the person's).
	*/
	| {kind: 'keys'; failure: OfferedKeys; success: OfferedKeys; commands?: boolean}
	/** A command line that saved nothing (`profiles add`, `rotate`): the same command, corrected. */
	| {kind: 'command'}
	/** `test` with flags and variables: the same command, with `--server` and the secret taken as it was. */
	| {kind: 'flags'; secret?: SecretSource};

/**
The words after `tableau-connect test` that test these values again, as given now: every value but
the secret spelt out, and the secret taken as the run took it (from the environment or the prompt,
the same command finds it again by itself). `site` undefined leaves the site to the server address.
*/
export function flagsTestWords(values: {server: string; site?: string | undefined; tokenName: string; secret?: SecretSource | undefined}): string[] {
	return [
		'--server',
		values.server,
		...(values.site === undefined ? [] : ['--site', values.site]),
		'--token-name',
		values.tokenName,
		...(values.secret === 'environment' || values.secret === 'prompt' ? [] : ['--token-secret-stdin']),
	];
}

/** The command that moves a saved profile to `server`, keeping its secret, site and CA file: remedies and the wizard's last line give it. */
export function setServerCommand(profile: string, server: string): string {
	return `tableau-connect profiles set-server ${shellQuote(profile)} ${shellQuote(server)}`;
}

/** The way a remedy names a key: "the e key (edit)". A test reads every such mention back against the screen's keymap. */
export function keyMention(offered: OfferedKey): string {
	return `the ${offered.key} key (${offered.label})`;
}

/** The keys offered on both screens with the same label: what a warning may name. */
export function sharedKeys(frame: {failure: OfferedKeys; success: OfferedKeys}): OfferedKeys {
	const shared: OfferedKeys = {};
	for (const role of remedyKeyRoles) {
		const failure = frame.failure[role];
		const success = frame.success[role];
		if (failure && success && failure.key === success.key && failure.label === success.label) {
			shared[role] = failure;
		}
	}

	return shared;
}
