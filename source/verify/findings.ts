import {parseTimeToExpiration} from '../tableau/token-expiry.js';
import type {Access, TokenExpiry} from './types.js';

/** Whether a site role sees the whole site; anything below sees only what its permissions allow. */
export function isAdminRole(siteRole: string | null): boolean {
	return /^(SiteAdministrator|ServerAdministrator)/.test(siteRole ?? '');
}

/**
Below this many days left, a passing run warns that the token is about to expire (`token-expiring`),
unless `--expiry-warning-days` says otherwise: two weeks is enough to create a token, not always to
get a change through a company's calendar.
*/
export const defaultExpiryWarningDays = 14;

const dayMs = 86_400_000;

/**
The token's expiry from a sign-in answer's `estimatedTimeToExpiration`, counted from `now`; null
when the server did not say, or said something we cannot read.
*/
export function tokenExpiryOf(estimate: string | null | undefined, now = Date.now()): TokenExpiry | null {
	const left = parseTimeToExpiration(estimate);
	if (left === null) {
		return null;
	}

	// To the minute: that is all the estimate gives.
	const expiresAt = new Date(Math.floor((now + left) / 60_000) * 60_000);
	return {expiresAt: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), expiresInDays: Math.floor(left / dayMs)};
}

/** Whether a run should warn about this expiry, with fewer than `thresholdDays` whole days left. */
export function isExpiringSoon(token: TokenExpiry | null, thresholdDays = defaultExpiryWarningDays): boolean {
	return token !== null && token.expiresInDays < thresholdDays;
}

/** "2027-05-27": the day, in UTC, which is how the estimate is given. */
export function expiryDate(token: TokenExpiry): string {
	return token.expiresAt.slice(0, 10);
}

/** "in about 177 days", "in less than a day". */
export function expiresIn(token: TokenExpiry): string {
	if (token.expiresInDays < 1) {
		return 'in less than a day';
	}

	return `in about ${token.expiresInDays} day${token.expiresInDays === 1 ? '' : 's'}`;
}

/** "the token expires in about 177 days (on 2027-05-27, Tableau's estimate)". */
export function describeTokenExpiry(token: TokenExpiry): string {
	if (token.expiresInDays < 0) {
		return `the token expired on ${expiryDate(token)} (Tableau's estimate)`;
	}

	return `the token expires ${expiresIn(token)} (on ${expiryDate(token)}, Tableau's estimate)`;
}

/**
"1,203 views": numbers grouped as people read them, whatever the machine's locale. Grouped by hand:
`toLocaleString` loads ICU's locale data, which costs every run 7 MiB of memory.
*/
function countOf(count: number, singular: string, plural = `${singular}s`): string {
	const grouped = String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${grouped} ${count === 1 ? singular : plural}`;
}

/** "a, b and c". */
export function joinAnd(items: string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** The kinds of content, with how they are named in a sentence. */
const accessKinds = [
	['workbooks', 'workbook', 'workbooks'],
	['views', 'view', 'views'],
	['datasources', 'data source', 'data sources'],
	['users', 'user', 'users'],
] as const;

/**
The kinds of content that were refused, by the words a sentence uses: ['views', 'data sources'].
Users are not among them: a refused users page fails the role check before content is counted, and
a users count can be missing only because the server sent no pagination.
*/
function refusedKinds(access: Access): string[] {
	return accessKinds.filter(([kind]) => kind !== 'users' && access[kind] === null).map(([, , plural]) => plural);
}

/**
"Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are
available." Refused kinds are named as such; `belowAdmin` adds that the counts are this user's view.
*/
export function describeAccess(access: Access, belowAdmin = false): string {
	const seen = accessKinds.filter(([kind]) => access[kind] !== null).map(([kind, singular, plural]) => countOf(access[kind]!, singular, plural));
	const refused = refusedKinds(access);
	const parts = [seen.length > 0 ? `Parable will see ${joinAnd(seen)}` : 'Parable will see no content'];
	if (refused.length > 0) {
		parts.push(`listing ${joinAnd(refused)} was refused`);
	}

	if (access.usageStatistics === true) {
		parts.push('view counts are available');
	} else if (access.usageStatistics === false) {
		parts.push('views come without their view counts');
	}

	if (belowAdmin) {
		parts.push("these are what this token's user can see, not the whole site");
	}

	return `${parts.join('; ')}.`;
}

/** The expiry as seen from `now`: days left recounted from `expiresAt`, so a stored estimate stays true. */
export function expiryFrom(token: TokenExpiry, now: number): TokenExpiry {
	return {expiresAt: token.expiresAt, expiresInDays: Math.floor((Date.parse(token.expiresAt) - now) / dayMs)};
}

/**
"Soonest token expiry: acme-cloud, in about 9 days (on 2026-12-11)", for the summary of several
profiles; null when none of them knows its expiry. A date already past reads "expired on …".
*/
export function describeSoonestExpiry(entries: ReadonlyArray<{name: string; token: TokenExpiry | null | undefined}>, now = Date.now()): string | null {
	const known = entries
		.filter((entry): entry is {name: string; token: TokenExpiry} => Boolean(entry.token))
		.sort((a, b) => Date.parse(a.token.expiresAt) - Date.parse(b.token.expiresAt));
	const soonest = known[0];
	if (!soonest) {
		return null;
	}

	const token = expiryFrom(soonest.token, now);
	const when = Date.parse(token.expiresAt) <= now ? `expired on ${expiryDate(token)}` : `${expiresIn(token)} (on ${expiryDate(token)})`;
	return `Soonest token expiry: ${soonest.name}, ${when}.`;
}

/**
What a passing run found beyond sign-in, one sentence each, for every verdict (plain, live, wizard,
home): what Parable will see, and when the token expires.
*/
export function findingsOf(result: {access: Access | null; token: TokenExpiry | null; user: {siteRole: string | null} | null}): string[] {
	const lines: string[] = [];
	if (result.access) {
		lines.push(describeAccess(result.access, result.user !== null && !isAdminRole(result.user.siteRole)));
	}

	lines.push(result.token ? `${capitalizeFirst(describeTokenExpiry(result.token))}.` : 'Tableau did not say when the token expires.');
	return lines;
}

function capitalizeFirst(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
