import {createInterface} from 'node:readline/promises';
import path from 'node:path';
import {validateProfileName, type OpenedProfileStore} from '../../profiles/store.js';
import type {Profile} from '../../profiles/types.js';
import {parseCommandArgs} from '../core/args.js';
import {serverLabel, userText} from '../../verify/labels.js';
import {writeLines, type CommandIo} from '../core/io.js';
import {lastFindings} from '../../profiles/last-verification.js';
import {describeLastVerification, openStoreFor, publicView, requireProfile, secretPresence} from '../core/profile-access.js';
import {glanceFields, renderProfileTable, rowFromProfile, tableWidth} from '../core/profile-table.js';
import {moveSecrets, setCaFile, setSecret, setServer} from './profiles-edit.js';
import {UsageError} from '../core/usage-error.js';
import {profilesOptions, type ProfilesValues} from './profiles-flags.js';

export const profilesHelp = `Usage:
  tableau-connect profiles [list] [--json]
  tableau-connect profiles show NAME [--json]
  tableau-connect profiles remove NAME [--yes]
  tableau-connect profiles rename OLD NEW
  tableau-connect profiles add NAME --server URL [--site SITE] --token-name NAME
                               [--token-secret-stdin] [--no-verify] [--force] [--json]
                               [--timeout S] [--ca-file PATH] [--insecure] [--api-version X.Y] [--debug] [--trace FILE]
                               [--secret-store keychain|file]
  tableau-connect profiles set-secret NAME [--token-secret-stdin] [--secret-store keychain|file]
  tableau-connect profiles move-secrets [NAME…] [--secret-store keychain|file]
  tableau-connect profiles set-ca-file NAME PATH | --none
  tableau-connect profiles set-server NAME URL

Saved connection profiles. "add" verifies the values first and saves only if they work, unless
--no-verify; the secret comes from standard input (--token-secret-stdin), TABLEAU_TOKEN_SECRET,
or a hidden prompt on a terminal.
--ca-file is saved with the profile and read again at each test; --insecure is never saved.
"set-secret" saves a new secret for a profile (typed at a hidden prompt, piped in, or from
TABLEAU_TOKEN_SECRET). "move-secrets" moves saved secrets into the keychain (or, with
--secret-store file, out of it): all of them, or the profiles named. "set-server" changes only
the address a profile tests; its secret, site and CA file stay as saved.

Where secrets live: in the operating system's keychain (service "tableau-connect", account = the
profile's name) when one is usable, else in the owner-only profile store, and you are told which.
--secret-store (or TABLEAU_CONNECT_SECRET_STORE) chooses: "keychain" fails when there is none.
The store lives in TABLEAU_CONNECT_CONFIG_DIR when that is set.

Exit codes: 0 done, 1 "add" tested the values and they failed (nothing saved) or removal was
declined, 2 usage error, missing profile, or a store that cannot be read (it is never rewritten).`;

function expectArguments(action: string, positionals: string[], count: number, usage: string): void {
	if (positionals.length !== count) {
		throw new UsageError(`"profiles ${action}" takes ${usage}. Example: tableau-connect profiles ${action} ${usage}`);
	}
}

function list(io: CommandIo, values: ProfilesValues): number {
	const profiles = openStoreFor(io).list();
	const now = Date.now();
	if (values.json) {
		writeLines(io.stdout, [
			JSON.stringify(
				profiles.map(profile => ({...publicView(profile), ...glanceFields(rowFromProfile(profile), now)})),
				null,
				2,
			),
		]);
		return 0;
	}

	if (profiles.length === 0) {
		writeLines(io.stdout, ['No profiles saved yet. Create one with "tableau-connect setup".']);
		return 0;
	}

	writeLines(
		io.stdout,
		renderProfileTable(
			profiles.map(profile => rowFromProfile(profile)),
			{columns: tableWidth(io), now},
		),
	);
	return 0;
}

function describeSecretLocation(profile: Profile, store: OpenedProfileStore, found: boolean | null): string {
	if (profile.secretStore === 'file') {
		return `saved in ${path.basename(store.path)} (readable only by you)`;
	}

	return found === false ? 'MISSING from the keychain' : `in the keychain (service "tableau-connect", account "${profile.name}")`;
}

async function show(io: CommandIo, values: ProfilesValues, name: string): Promise<number> {
	const store = openStoreFor(io);
	const profile = requireProfile(store, name);
	const {found, problem} = await secretPresence(store, profile);
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(publicView(profile, found), null, 2)]);
		if (problem) {
			writeLines(io.stderr, [problem]);
		}

		return 0;
	}

	const last = profile.lastVerification;
	writeLines(io.stdout, [
		`Profile       ${profile.name}`,
		`Server        ${serverLabel(profile.server)}`,
		`Site          ${profile.site === '' ? '(Default site)' : profile.site}`,
		`Token name    ${profile.tokenName}`,
		`Token secret  ${describeSecretLocation(profile, store, found)}`,
		...(problem ? [`              ${problem}`] : []),
		`CA file       ${profile.caFile ?? "none (the system's trusted certificates)"}`,
		`Created       ${profile.createdAt}`,
		`Updated       ${profile.updatedAt}`,
		`Last test     ${describeLastVerification(last)}`,
		...(last?.ok
			? [
					`              Tableau ${last.productVersion ?? '?'}, REST API ${last.apiVersion ?? '?'}, ${userText({name: last.userName, siteRole: last.siteRole})}`,
					...lastFindings(last).map(line => `              ${line}`),
				]
			: []),
	]);
	return 0;
}

async function remove(io: CommandIo, values: ProfilesValues, name: string): Promise<number> {
	const store = openStoreFor(io);
	requireProfile(store, name);
	if (!values.yes) {
		if (!io.stdin.isTTY || !io.stderr.isTTY) {
			throw new UsageError(`Removing "${name}" needs confirmation: run it in a terminal, or add --yes.`);
		}

		const prompt = createInterface({input: io.stdin, output: io.stderr});
		const answer = await prompt.question(`Remove profile "${name}"? The token itself stays valid in Tableau. [y/N] `);
		prompt.close();
		if (!/^y(es)?$/i.test(answer.trim())) {
			writeLines(io.stderr, ['Nothing removed.']);
			return 1;
		}
	}

	const {warning} = await store.remove(name);
	writeLines(
		io.stdout,
		values.json
			? [JSON.stringify({removed: name})]
			: [`Removed profile "${name}". Revoke the token in Tableau (My Account Settings → Personal Access Tokens) if nothing else uses it.`],
	);
	writeLines(io.stderr, warning ? [warning] : []);
	return 0;
}

async function rename(io: CommandIo, values: ProfilesValues, from: string, to: string): Promise<number> {
	const problem = validateProfileName(to);
	if (problem) {
		throw new UsageError(problem);
	}

	const store = openStoreFor(io);
	requireProfile(store, from);
	const {warning} = await store.rename(from, to);
	writeLines(io.stdout, values.json ? [JSON.stringify({renamed: from, to})] : [`Renamed "${from}" to "${to}".`]);
	writeLines(io.stderr, warning ? [warning] : []);
	return 0;
}

/** `tableau-connect profiles …`: list, show, remove, rename, add and edit saved profiles. */
export async function runProfilesCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values, positionals} = parseCommandArgs('profiles', argv, profilesOptions);
	if (values.help) {
		writeLines(io.stdout, [profilesHelp]);
		return 0;
	}

	const [action = 'list', ...rest] = positionals;
	switch (action) {
		case 'list': {
			expectArguments('list', rest, 0, '');
			return list(io, values);
		}

		case 'show': {
			expectArguments('show', rest, 1, 'NAME');
			return show(io, values, rest[0]!);
		}

		case 'set-secret': {
			expectArguments('set-secret', rest, 1, 'NAME');
			return setSecret(io, values, rest[0]!);
		}

		case 'move-secrets': {
			return moveSecrets(io, values, rest);
		}

		case 'set-ca-file': {
			if (rest.length < 1 || rest.length > 2) {
				throw new UsageError('"profiles set-ca-file" takes NAME PATH, or NAME --none. Example: tableau-connect profiles set-ca-file acme ./company-ca.pem');
			}

			return setCaFile(io, values, rest[0]!, rest[1]);
		}

		case 'set-server': {
			expectArguments('set-server', rest, 2, 'NAME URL');
			return setServer(io, values, rest[0]!, rest[1]!);
		}

		case 'remove': {
			expectArguments('remove', rest, 1, 'NAME');
			return remove(io, values, rest[0]!);
		}

		case 'rename': {
			expectArguments('rename', rest, 2, 'OLD NEW');
			return rename(io, values, rest[0]!, rest[1]!);
		}

		case 'add': {
			expectArguments('add', rest, 1, 'NAME');
			// Loaded only here: adding verifies, and the verifier (undici) is the heavy part of start-up.
			const {addProfile} = await import('./profiles-add.js');
			return addProfile(io, values, rest[0]!);
		}

		default: {
			throw new UsageError(
				`Unknown action "${action}". Use list, show, remove, rename, add, set-secret, move-secrets, set-ca-file or set-server; see "tableau-connect profiles --help".`,
			);
		}
	}
}
