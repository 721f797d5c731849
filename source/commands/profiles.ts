import {createInterface} from 'node:readline/promises';
import {maskSecret, validateProfileName} from '../profiles/store.js';
import {parseCommandArgs} from './args.js';
import {serverLabel, userText} from '../verify/labels.js';
import {verificationFlagOptions} from './verification-options.js';
import {writeLines, type CommandIo} from './io.js';
import {describeLastVerification, openStoreFor, publicView, requireProfile} from './profile-access.js';
import {UsageError} from './usage-error.js';

export const profilesHelp = `Usage:
  tableau-connect profiles [list] [--json]
  tableau-connect profiles show NAME [--json]
  tableau-connect profiles remove NAME [--yes]
  tableau-connect profiles rename OLD NEW
  tableau-connect profiles add NAME --server URL [--site SITE] --token-name NAME
                               [--token-secret-stdin] [--no-verify] [--force] [--json]
                               [--timeout S] [--ca-file PATH] [--insecure] [--api-version X.Y]

Saved connection profiles. "add" verifies the values first and saves only if they work, unless
--no-verify; the secret comes from standard input (--token-secret-stdin), TABLEAU_TOKEN_SECRET,
or a hidden prompt on a terminal.
The store lives in TABLEAU_CONNECT_CONFIG_DIR when that is set.

Exit codes: 0 done, 1 "add" tested the values and they failed (nothing saved) or removal was
declined, 2 usage error, missing profile, or a store that cannot be read (it is never rewritten).`;

const options = {
	json: {type: 'boolean'},
	yes: {type: 'boolean', short: 'y'},
	server: {type: 'string'},
	site: {type: 'string'},
	'token-name': {type: 'string'},
	'token-secret-stdin': {type: 'boolean'},
	'no-verify': {type: 'boolean'},
	force: {type: 'boolean'},
	...verificationFlagOptions,
} as const;

export type ProfilesValues = ReturnType<typeof parseCommandArgs<typeof options>>['values'];

function expectArguments(action: string, positionals: string[], count: number, usage: string): void {
	if (positionals.length !== count) {
		throw new UsageError(`"profiles ${action}" takes ${usage}. Example: tableau-connect profiles ${action} ${usage}`);
	}
}

function list(io: CommandIo, values: ProfilesValues): number {
	const profiles = openStoreFor(io).list();
	if (values.json) {
		writeLines(io.stdout, [
			JSON.stringify(
				profiles.map(profile => publicView(profile)),
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

	const rows = profiles.map(profile => [
		profile.name,
		serverLabel(profile.server),
		profile.site === '' ? '(Default)' : profile.site,
		profile.tokenName,
		describeLastVerification(profile.lastVerification),
	]);
	const header = ['NAME', 'SERVER', 'SITE', 'TOKEN NAME', 'LAST TEST'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const format = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
	writeLines(io.stdout, [format(header), ...rows.map(row => format(row))]);
	return 0;
}

function show(io: CommandIo, values: ProfilesValues, name: string): number {
	const profile = requireProfile(openStoreFor(io), name);
	if (values.json) {
		writeLines(io.stdout, [JSON.stringify(publicView(profile), null, 2)]);
		return 0;
	}

	const last = profile.lastVerification;
	writeLines(io.stdout, [
		`Profile       ${profile.name}`,
		`Server        ${serverLabel(profile.server)}`,
		`Site          ${profile.site === '' ? '(Default site)' : profile.site}`,
		`Token name    ${profile.tokenName}`,
		`Token secret  ${maskSecret(profile.tokenSecret)}`,
		`Created       ${profile.createdAt}`,
		`Updated       ${profile.updatedAt}`,
		`Last test     ${describeLastVerification(last)}`,
		...(last?.ok
			? [`              Tableau ${last.productVersion ?? '?'}, REST API ${last.apiVersion ?? '?'}, ${userText({name: last.userName, siteRole: last.siteRole})}`]
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

	store.remove(name);
	writeLines(
		io.stdout,
		values.json
			? [JSON.stringify({removed: name})]
			: [`Removed profile "${name}". Revoke the token in Tableau (My Account Settings → Personal Access Tokens) if nothing else uses it.`],
	);
	return 0;
}

function rename(io: CommandIo, values: ProfilesValues, from: string, to: string): number {
	const problem = validateProfileName(to);
	if (problem) {
		throw new UsageError(problem);
	}

	const store = openStoreFor(io);
	requireProfile(store, from);
	store.rename(from, to);
	writeLines(io.stdout, values.json ? [JSON.stringify({renamed: from, to})] : [`Renamed "${from}" to "${to}".`]);
	return 0;
}

/** `tableau-connect profiles …`: list, show, remove, rename and add saved profiles. */
export async function runProfilesCommand(argv: string[], io: CommandIo): Promise<number> {
	const {values, positionals} = parseCommandArgs('profiles', argv, options);
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
			throw new UsageError(`Unknown action "${action}". Use list, show, remove, rename or add; see "tableau-connect profiles --help".`);
		}
	}
}
