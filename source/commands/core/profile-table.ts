import {timeAgo} from '../../profiles/last-verification.js';
import type {Profile} from '../../profiles/types.js';
import {expiryDate, expiryFrom} from '../../verify/findings.js';
import {serverLabel} from '../../verify/labels.js';
import type {TokenExpiry, VerificationResult} from '../../verify/types.js';
import type {CommandIo} from './io.js';

// The table of saved profiles that `profiles list` prints from the store, and `test --all` from the
// run it just made: one renderer, so both read the same way. Plain text, no colour and no Ink.

/** What one row shows: where the profile points, and what its last (or this) test found. */
export type ProfileTableRow = {
	name: string;
	server: string;
	site: string;
	tokenName: string;
	/** `never`: not tested yet; `warned`: verified, with the warning codes in `codes`. */
	result: 'verified' | 'warned' | 'failed' | 'never';
	/** The diagnosis code of a failure, or the warning codes of a warned run. */
	codes: string[];
	/** When it was tested (ISO), null when never. */
	at: string | null;
	/** Tableau's estimate at that test; null when it did not say. */
	token: TokenExpiry | null;
};

/** A row from what the store kept of the profile's last test. */
export function rowFromProfile(profile: Profile): ProfileTableRow {
	const last = profile.lastVerification;
	const base = {name: profile.name, server: profile.server, site: profile.site, tokenName: profile.tokenName};
	if (!last) {
		return {...base, result: 'never', codes: [], at: null, token: null};
	}

	return {...base, result: last.ok ? 'verified' : 'failed', codes: last.ok ? [] : [last.diagnosisCode ?? 'failed'], at: last.at, token: last.token ?? null};
}

/** A row from a run just made; a run that crashed (null) is a failure without a code. */
export function rowFromResult(profile: Profile, result: VerificationResult | null, at: Date): ProfileTableRow {
	const base = {name: profile.name, server: profile.server, site: profile.site, tokenName: profile.tokenName, at: at.toISOString()};
	if (!result) {
		return {...base, result: 'failed', codes: ['failed'], token: null};
	}

	if (!result.ok) {
		// A result is not ok only with a diagnosis (the pipeline derives one from the other): the fallback is for the type.
		// Stryker disable next-line StringLiteral: unreachable, see above.
		return {...base, result: 'failed', codes: [result.diagnosis?.code ?? 'failed'], token: result.token};
	}

	const codes = result.warnings.map(item => item.code);
	return {...base, result: codes.length > 0 ? 'warned' : 'verified', codes, token: result.token};
}

/** The fields `profiles list --json` adds to each profile: the table's columns, for scripts. */
export function glanceFields(row: ProfileTableRow, now = Date.now()) {
	const token = row.token ? expiryFrom(row.token, now) : null;
	return {
		lastResult: row.result === 'never' ? 'never-tested' : row.result === 'failed' ? 'failed' : 'verified',
		lastResultCode: row.result === 'failed' ? (row.codes[0] ?? null) : null,
		lastTestedAt: row.at,
		tokenExpiresAt: token?.expiresAt ?? null,
		tokenExpiresInDays: token?.expiresInDays ?? null,
	} as const;
}

/**
How wide the table may be: the terminal's width, else `COLUMNS` (as `ls` and `git` read it), else
no limit, so that a pipe gets whole values as every plain line of this tool does.
*/
export function tableWidth(io: CommandIo): number | undefined {
	if (io.stdout.isTTY && io.stdout.columns) {
		return io.stdout.columns;
	}

	const fromEnvironment = Number(io.env['COLUMNS']);
	return Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : undefined;
}

const gap = '  ';
const ellipsis = '…';
/** Below these, a shortened server or site says too little to recognise it. */
const minimumServerWidth = 10;
/** Room for "(Default)", and for a site's first word and the mark that more was cut. */
const minimumSiteWidth = 9;
/** What a layout must leave to be chosen over a narrower one: enough for a host and its domain. */
const comfortableServerWidth = 28;
const comfortableSiteWidth = minimumSiteWidth;

const length = (text: string) => [...text].length;

function resultCell(row: ProfileTableRow): string {
	switch (row.result) {
		case 'never': {
			return 'never tested';
		}

		case 'verified': {
			return '✓ verified';
		}

		case 'warned': {
			// The first warning only: the details that follow the table list them all.
			return `! ${row.codes[0]!}`;
		}

		default: {
			return `✗ ${row.codes[0] ?? 'failed'}`;
		}
	}
}

function expiresCell(row: ProfileTableRow, now: number, wide: boolean): string {
	if (row.result === 'never') {
		return '—';
	}

	if (!row.token) {
		return 'unknown';
	}

	const token = expiryFrom(row.token, now);
	if (Date.parse(token.expiresAt) <= now) {
		// Narrow, the date gives way: `profiles show` has it.
		return wide ? `expired ${expiryDate(token)}` : 'expired';
	}

	if (!wide) {
		return expiryDate(token);
	}

	const days = token.expiresInDays < 1 ? 'under a day' : `${token.expiresInDays} day${token.expiresInDays === 1 ? '' : 's'}`;
	return `${expiryDate(token)} (${days})`;
}

/** "3 hours ago", or "3h ago" where the table is short of room. */
function whenCell(row: ProfileTableRow, now: number, compact: boolean): string {
	if (!row.at) {
		return '—';
	}

	const text = timeAgo(row.at, now);
	return compact ? text.replace(/^(\d+) (\w)\w*/, '$1$2').replace('just now', 'now') : text;
}

/** The server as the table shows it in full: `https://` goes without saying, `http://` does not. */
function serverCell(server: string): string {
	return serverLabel(server).replace(/^https:\/\//, '');
}

/**
A server in at most `width` characters, dropping whole parts: the punycode form, then host labels
from the middle ("analytics….example.com"), keeping the first label, the domain and the port.
Only a first label longer than the width is cut inside.
*/
export function shortenServer(label: string, width: number): string {
	if (length(label) <= width) {
		return label;
	}

	const written = label.replace(/ \(.*\)$/, '');
	if (length(written) <= width) {
		return written;
	}

	const match = /^(https?:\/\/)?([^:/]+)(.*)$/.exec(written);
	const [, scheme = '', host = written, rest = ''] = match ?? [];
	// An IP address has no domain to keep: its parts mean nothing apart.
	const labels = /^[\d.]+$/.test(host) || host.startsWith('[') ? [host] : host.split('.');
	for (let kept = labels.length - 2; kept >= 1; kept--) {
		const candidate = `${scheme}${labels[0]!}${ellipsis}.${labels.slice(-kept).join('.')}${rest}`;
		if (length(candidate) <= width) {
			return candidate;
		}
	}

	const firstOnly = `${scheme}${labels[0]!}${ellipsis}${rest}`;
	if (labels.length > 1 && length(firstOnly) <= width) {
		return firstOnly;
	}

	return `${[...written].slice(0, Math.max(1, width - 1)).join('')}${ellipsis}`;
}

/** A site content URL in at most `width` characters, cut after a `-` or `_` where it can be. */
function shortenSite(site: string, width: number): string {
	if (length(site) <= width) {
		return site;
	}

	const parts = site.split(/(?<=[-_])/);
	let kept = '';
	for (const part of parts) {
		if (length(kept + part) + 1 > width) {
			break;
		}

		kept += part;
	}

	return kept === '' ? `${[...site].slice(0, Math.max(1, width - 1)).join('')}${ellipsis}` : `${kept}${ellipsis}`;
}

type Column = {title: string; cells: string[]};

function widthOf(columns: Column[]): number {
	return (
		columns.reduce((sum, column) => sum + Math.max(length(column.title), ...column.cells.map(cell => length(cell))), 0) + gap.length * (columns.length - 1)
	);
}

/** How much each column gives up, from none to all: tried in order until the table fits. */
const layouts = [
	{token: true, wideExpiry: true, compactWhen: false},
	{token: false, wideExpiry: true, compactWhen: false},
	{token: false, wideExpiry: false, compactWhen: false},
	{token: false, wideExpiry: false, compactWhen: true},
] as const;

/**
The table, header first. Within `columns` characters when given: the token name goes first, then
the days left beside the expiry date, then the words of "how long ago", then servers and sites are
shortened. Names and result codes are never cut, and nothing is cut inside a word where a whole part
can go instead.
*/
export function renderProfileTable(rows: readonly ProfileTableRow[], options: {columns?: number | undefined; now?: number} = {}): string[] {
	const now = options.now ?? Date.now();
	const limit = options.columns ?? Number.POSITIVE_INFINITY;
	const servers = rows.map(row => serverCell(row.server));
	const sites = rows.map(row => (row.site === '' ? '(Default)' : row.site));
	const build = (layout: (typeof layouts)[number], serverWidth: number, siteWidth: number): Column[] => [
		{title: 'NAME', cells: rows.map(row => row.name)},
		{title: 'SERVER', cells: servers.map(server => shortenServer(server, serverWidth))},
		{title: 'SITE', cells: sites.map((site, index) => (rows[index]!.site === '' ? site : shortenSite(site, siteWidth)))},
		...(layout.token ? [{title: 'TOKEN NAME', cells: rows.map(row => row.tokenName)}] : []),
		{title: 'LAST RESULT', cells: rows.map(row => resultCell(row))},
		{title: 'WHEN', cells: rows.map(row => whenCell(row, now, layout.compactWhen))},
		{title: layout.wideExpiry ? 'TOKEN EXPIRES' : 'EXPIRES', cells: rows.map(row => expiresCell(row, now, layout.wideExpiry))},
	];

	const fullServer = Math.max(...servers.map(server => length(server)), 0);
	const fullSite = Math.max(...sites.map(site => length(site)), 0);
	// The room left for the server and the site once every other column of a layout has its own.
	const roomIn = (layout: (typeof layouts)[number]) =>
		limit - widthOf(build(layout, 0, 0).filter(column => column.title !== 'SERVER' && column.title !== 'SITE')) - 2 * gap.length;
	const split = (room: number, siteShare: number) => {
		const site = Math.min(fullSite, Math.max(Math.min(fullSite, siteShare), room - fullServer));
		return {server: Math.min(fullServer, Math.max(Math.min(minimumServerWidth, room - site), room - Math.max(site, 'SITE'.length))), site};
	};

	// The first layout that leaves a server and a site readable wins; else the narrowest one, shortened.
	const chosen =
		layouts.find(layout => roomIn(layout) >= Math.min(fullServer, comfortableServerWidth) + Math.min(fullSite, comfortableSiteWidth)) ?? layouts.at(-1)!;
	const room = roomIn(chosen);
	const widths = split(
		room,
		chosen === layouts.at(-1) && room < comfortableServerWidth + comfortableSiteWidth ? Math.max(minimumSiteWidth, Math.floor(room / 3)) : comfortableSiteWidth,
	);
	const columns = build(chosen, widths.server, widths.site);

	const columnWidths = columns.map(column => Math.max(length(column.title), ...column.cells.map(cell => length(cell))));
	const line = (cells: string[]) =>
		cells
			.map((cell, index) => (index === cells.length - 1 ? cell : cell + ' '.repeat(columnWidths[index]! - length(cell))))
			.join(gap)
			.trimEnd();
	return [line(columns.map(column => column.title)), ...rows.map((_, index) => line(columns.map(column => column.cells[index]!)))];
}
