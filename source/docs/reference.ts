// The text of docs/reference.md, built from the code it documents: the check ids and labels, every
// diagnosis and warning code, the exit codes and the `--json` shape. `npm run docs` writes it, and
// test/unit/reference-doc.test.ts fails when the committed file differs, so it cannot drift.
// The descriptions below are typed as records over the code's own unions: a new field, check or
// warning does not compile until it is described here.
import type {RunDescription} from '../commands/describe/describe.js';
import {interruptedExitCode} from '../commands/core/interrupt.js';
import {diagnosisCatalogue, warning} from '../verify/diagnoses.js';
import {defaultExpiryWarningDays} from '../verify/findings.js';
import {checkLabels} from '../verify/labels.js';
import {checkIds, diagnosisCodes, warningCodes} from '../verify/types.js';
import type {CheckId, CheckResult, CheckStatus, Diagnosis, VerificationResult, Warning, WarningCode} from '../verify/types.js';

const checkMeanings: Record<CheckId, string> = {
	reach: 'Parses the address, resolves the host, connects, and completes the TLS handshake.',
	serverinfo: '`GET /api/{version}/serverinfo` (no sign-in): the product and REST API versions.',
	signin: 'Signs in with the personal access token to the site; re-posts once where a redirect keeps the secret safe.',
	permissions: "The signed-in user's own record (site role) and one page of the site's users.",
	content:
		'What Parable will read: one item each of the workbooks, views (with usage statistics) and data sources, for `pagination.totalAvailable`. Sent with `permissions` and the sign-out, in the same round trip. A 403 on views or data sources warns (`limited-access`); a 403 on workbooks fails the run (`insufficient-permissions`).',
	signout: "Always, once signed in, so the token's single session is free again for Parable. Never decides the run: a failed sign-out only warns.",
};

const statusMeanings: Record<CheckStatus, string> = {
	ok: 'the check passed',
	warn: 'it passed, with something to look at in `warnings`',
	fail: 'it failed: `diagnosis` says why',
	skipped: 'it did not run, because an earlier check failed or the run was interrupted',
};

const warningMeanings: Record<WarningCode, string> = {
	'not-site-admin': 'Signed in, but the site role is below Site Administrator: some Parable content (usage, users) will be missing.',
	'insecure-tls': '`--insecure` was given: TLS certificates were not verified.',
	redirected: 'The server moved us to another address (http to https, a canonical host, a Tableau Cloud pod) and the run worked there: save that address.',
	'plain-http': '`http://` to a host that is not this computer: the token crosses the network unencrypted.',
	'token-expiring': `Tableau's estimate (\`estimatedTimeToExpiration\`) leaves the token fewer whole days than \`--expiry-warning-days\` (default ${defaultExpiryWarningDays}): create the next one before that date and replace it with \`tableau-connect rotate NAME\`.`,
	'limited-access': 'Signed in, but listing views or data sources was refused (403): Parable will miss them; the remedy says what and why.',
};

const resultFields: Record<keyof VerificationResult, string> = {
	ok: '`true` when every check passed (warnings allowed).',
	profile: 'The saved profile tested, or `null` for values given as flags.',
	server: 'The server origin used, such as `https://10ay.online.tableau.com`.',
	site: 'The site content URL; `""` is the Default site.',
	apiVersion: 'The REST API version used for the checks after sign-in, or `null` when the server was not reached.',
	serverInfo: '`{productVersion, restApiVersion}` from `serverinfo`, or `null`.',
	user: "`{id, name, siteRole}` of the signed-in user, or `null`. `siteRole` is Tableau's value, such as `SiteAdministratorCreator`.",
	token:
		'`{expiresAt, expiresInDays}`: when Tableau expects the personal access token to expire (from `estimatedTimeToExpiration`, days:hours:minutes, in the sign-in answer; `expiresAt` is an ISO time to the minute). `null` when the server does not say, or says something unreadable.',
	access:
		'`{workbooks, views, datasources, users, usageStatistics}`: what Parable will be able to read, as totals; each count `null` when that call was refused; `usageStatistics` says whether views come with their view counts (`null` when unknown). Below Site Administrator, the counts are what this user can see. `null` before sign-in.',
	checks: 'One entry per check, in order (below).',
	diagnosis: 'Why the run failed, or `null` when `ok` is true (below).',
	warnings: 'Things to look at in a run that passed; may be empty (below).',
};

const checkFields: Record<keyof CheckResult, string> = {
	id: 'The check id (table above).',
	status: 'One of the statuses below.',
	summary: 'One line for people; its wording may change, so match on `id` and `status`.',
	durationMs: 'How long the check took; `0` when skipped.',
};

const diagnosisFields: Record<keyof Diagnosis, string> = {
	code: 'The diagnosis code (table below): what scripts should match on.',
	httpStatus: 'The HTTP status behind it, or `null`.',
	tableauCode: "Tableau's own error code (such as `401001`), or `null`.",
	title: 'One line for people.',
	explanation: 'What happened, naming the server, site and status.',
	remediation: 'The steps that fix it, in order.',
	address:
		'Only on `wrong-scheme` (the same host and port with the other scheme) and `redirect-method` (where the sign-in was sent): the address the remedy says to try.',
};

const warningFields: Record<keyof Warning, string> = {
	code: 'The warning code (table below).',
	title: 'One line for people.',
	remediation: 'What to do about it.',
	address: 'Only on `redirected`: the origin the server sent us to, the address to save.',
};

const exitCodes: Array<[number, string]> = [
	[0, 'Verified (warnings allowed), or the command did what was asked.'],
	[
		1,
		'Checked and failed: a test did not pass (or `profiles remove` was declined). With `test --strict`, also a run that verified with warnings. `rotate`: the new token failed its test, and the profile is unchanged.',
	],
	[
		2,
		'Usage or input error: an unknown or bad flag, an invalid address, a missing profile, a store that cannot be read, an interactive command without a terminal, `test --all` with no profiles.',
	],
	[
		interruptedExitCode,
		'Interrupted with Ctrl-C (or SIGTERM). A test in progress stops at once (the request in flight is abandoned) and still signs out, with a deadline of its own.',
	],
];

/** A result as `test --json` prints it; typed, so it keeps the shape of the real thing. */
const example: VerificationResult = {
	ok: false,
	profile: 'acme-cloud',
	server: 'https://10ay.online.tableau.com',
	site: 'acme',
	apiVersion: '3.23',
	serverInfo: {productVersion: '2024.2.1', restApiVersion: '3.23'},
	user: null,
	token: null,
	access: null,
	checks: [
		{id: 'reach', status: 'ok', summary: 'Connected to 10ay.online.tableau.com, TLS verified', durationMs: 41},
		{id: 'serverinfo', status: 'ok', summary: 'Tableau 2024.2.1, REST API 3.23', durationMs: 12},
		{id: 'signin', status: 'fail', summary: 'Tableau refused the token sign-in', durationMs: 88},
		{id: 'permissions', status: 'skipped', summary: 'Skipped: not signed in', durationMs: 0},
		{id: 'content', status: 'skipped', summary: 'Skipped: not signed in', durationMs: 0},
		{id: 'signout', status: 'skipped', summary: 'Skipped: no session to end', durationMs: 0},
	],
	diagnosis: {
		code: 'signin-failed',
		httpStatus: 401,
		tableauCode: '401001',
		title: 'Tableau refused the token sign-in',
		explanation: '…',
		remediation: ['…', '…'],
	},
	warnings: [],
};

const sourced = 'A sourced value.';

const describeFields: Record<keyof RunDescription, string> = {
	profile: 'The saved profile described (`describe NAME`), or `null` for values given as flags and variables.',
	server: `${sourced} \`value\` is the origin a test connects to, or \`null\` when none was given.`,
	site: `${sourced} \`""\` is the Default site; \`source\` is \`{"kind": "address"}\` when the site came from the server address.`,
	tokenName: `${sourced} \`value\` is \`null\` when none was given.`,
	tokenSecret:
		'`{source, present, ignored}`, never the secret: `source.kind` is `stdin`, `env`, `prompt`, `keychain`, `profile-file` or `none`; `present` is `true`, `false`, or `null` when it is known only as the test runs (standard input, the prompt) or the keychain cannot be asked; `ignored` lists the sources that lost (without their values).',
	caFile: `${sourced} \`value\` is the PEM file trusted besides the system's roots (\`--ca-file\` wins over the profile's), or \`null\`.`,
	nodeExtraCaCerts: '`NODE_EXTRA_CA_CERTS` when set (Node trusts it as well), else `null`.',
	insecure: `${sourced} \`true\` only with \`--insecure\`.`,
	apiVersion: `${sourced} \`null\`: the server's own version.`,
	timeoutSeconds: `${sourced} The deadline of each request.`,
	expiryWarningDays: `${sourced} The \`token-expiring\` threshold.`,
	proxy:
		"`{url, from, noProxyEntry, noProxyFrom}`, by the transport's own decision: `url` is the proxy a test would go through (a password in it is `[REDACTED]`), or `null` to go direct; `from` the variable that named it (`https_proxy`, `HTTPS_PROXY`, `http_proxy`, `HTTP_PROXY`); `noProxyEntry` the entry of `noProxyFrom` (`no_proxy`, `NO_PROXY`) that matched the server. `null` when the server address cannot be used.",
	store: `${sourced} The profile store's file; \`source\` is \`TABLEAU_CONNECT_CONFIG_DIR\` or the default.`,
	recorded:
		"Whether the test's result would be kept as the profile's last result: `false` for values given now, and for a run with a one-off `--insecure` or `--api-version`.",
	notRecordedBecause: 'The one-off flags that keep it from being recorded.',
	problems: 'Why a test would stop before sending anything (exit code `2`); empty when it could start (exit code `0`).',
};

function table(header: string[], rows: string[][]): string[] {
	const escape = (cell: string) => cell.replaceAll('|', '\\|');
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.map(cell => escape(cell)).join(' | ')} |`)];
}

function fieldTable<T extends object>(fields: Record<keyof T, string>): string[] {
	return table(
		['field', 'meaning'],
		Object.entries<string>(fields).map(([field, meaning]) => [`\`${field}\``, meaning]),
	);
}

/** docs/reference.md, exactly. */
export function referenceMarkdown(): string {
	const lines = [
		'# Reference: checks, codes, exit codes and `--json`',
		'',
		'<!-- Generated by `npm run docs` from source/docs/reference.ts and the code it reads. Do not edit by hand: a test compares this file with what the script writes. -->',
		'',
		'Scripts should match on check ids, statuses and codes, which stay stable: the JSON shape only grows, and no field or code is renamed or removed. Titles, summaries, explanations and remedies are for people and may be reworded.',
		'',
		'## Exit codes',
		'',
		...table(
			['code', 'meaning'],
			exitCodes.map(([code, meaning]) => [`\`${code}\``, meaning]),
		),
		'',
		'## Options of `test` that change the verdict',
		'',
		...table(
			['option', 'meaning'],
			[
				[
					'`--expiry-warning-days N`',
					`The \`token-expiring\` threshold: a passing run warns when Tableau's estimate leaves the token fewer than N whole days. A whole number from 0 to 365; default ${defaultExpiryWarningDays}; 0 never warns. Anything else is a usage error (exit code \`2\`) before any request. The same on \`test NAME\`, \`test --all\` and \`test --server …\`, in plain output and \`--json\` (the warning is in \`warnings\`, the signin check is \`warn\`).`,
				],
				[
					'`--strict`',
					'Any warning fails the run: a run that verified with warnings exits `1` instead of `0`, and stderr names the profiles and warning codes. The JSON is the same (`ok` stays `true`). With `--all`, one warned profile is enough. A nightly `test --all --strict --expiry-warning-days 30` fails a month before a token dies.',
				],
			],
		),
		'',
		'## Checks',
		'',
		'Every run reports these checks, in this order, each as it starts and ends. On a terminal and in plain output each has a label.',
		'',
		...table(
			['id', 'label', 'what it does'],
			checkIds.map(id => [`\`${id}\``, checkLabels[id], checkMeanings[id]]),
		),
		'',
		'Statuses: ' +
			Object.entries(statusMeanings)
				.map(([status, meaning]) => `\`${status}\` (${meaning})`)
				.join(', ') +
			'.',
		'',
		'## Diagnosis codes',
		'',
		'A failed run has exactly one diagnosis: the first check that failed decides it.',
		'',
		...table(
			['code', 'title', 'meaning'],
			diagnosisCodes.map(code => [`\`${code}\``, diagnosisCatalogue[code].title, diagnosisCatalogue[code].meaning]),
		),
		'',
		'## Warning codes',
		'',
		'A run that passed may still carry warnings. Titles name the details of the run (the role, the address); here with none.',
		'',
		...table(
			['code', 'title', 'meaning'],
			warningCodes.map(code => [`\`${code}\``, warning(code).title, warningMeanings[code]]),
		),
		'',
		'## `--json`',
		'',
		'`test --json` and `profiles add --json` print one object on stdout and nothing else there; `test --all --json` (and `test A B --json`) print an array of them, in the order of the profiles, and `[]` when no profile is saved (exit code 2). Messages go to stderr.',
		'',
		'`rotate NAME --json` prints `{"verification": <the result of testing the new token, as below>, "changed": true|false}`: `changed` is `true` only when the new token passed and the profile now holds it (exit code `0`); a new token that failed, or a run interrupted, leaves the profile as it was (`false`, exit code `1` or `130`). A missing profile or a bad flag is exit code `2`, before any request, with nothing on stdout.',
		'',
		'```json',
		JSON.stringify(example, null, 2),
		'```',
		'',
		'### The result',
		'',
		...fieldTable<VerificationResult>(resultFields),
		'',
		'### Each entry of `checks`',
		'',
		...fieldTable<CheckResult>(checkFields),
		'',
		'### `diagnosis`',
		'',
		...fieldTable<Diagnosis>(diagnosisFields),
		'',
		'### Each entry of `warnings`',
		'',
		...fieldTable<Warning>(warningFields),
		'',
		'## `describe --json`',
		'',
		'`describe [NAME] --json` prints one object on stdout: what a `test` with the same arguments and environment would use, found without sending anything. A sourced value is `{value, source, ignored}`: the value a test would use, where it came from, and what was set but lost to it. Each `source` is `{"kind": "flag" | "env" | "profile" | "address" | "default", "name": …}` (`name` is the flag, the variable, the profile, or where the address came from; the default has none); each entry of `ignored` is `{source, value}`. A value that looks like a token secret is shown as `(looks like a token secret: not shown)`.',
		'',
		...fieldTable<RunDescription>(describeFields),
		'',
		'The token secret and the session token never appear in any output, in any mode.',
		'',
	];
	return lines.join('\n');
}
