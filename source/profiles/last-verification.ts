import {expiryFrom, findingsOf} from '../verify/findings.js';
import type {Access, TokenExpiry} from '../verify/types.js';
import type {LastVerification} from './types.js';

/** "5 minutes ago", "3 days ago": enough precision to judge whether a result is stale. */
export function timeAgo(iso: string, now = Date.now()): string {
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	const units: Array<[number, string]> = [
		[86_400, 'day'],
		[3600, 'hour'],
		[60, 'minute'],
	];
	for (const [size, unit] of units) {
		if (seconds >= size) {
			const count = Math.floor(seconds / size);
			return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
		}
	}

	return 'just now';
}

/** One phrase for a profile's last verification: symbol and words, so it reads the same without colour. */
export function describeLastVerification(last: LastVerification | null, now = Date.now()): string {
	if (!last) {
		return 'never tested';
	}

	return `${last.ok ? '✓ verified' : `✗ ${last.diagnosisCode ?? 'failed'}`} ${timeAgo(last.at, now)}`;
}

/**
The token expiry as kept in the store. The file can be edited by hand: anything not shaped like one
reads as unknown (null) rather than making the whole store unreadable.
*/
export function storedToken(token: unknown): TokenExpiry | null {
	if (!token || typeof token !== 'object') {
		return null;
	}

	const {expiresAt, expiresInDays} = token as Record<string, unknown>;
	return typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt)) && Number.isInteger(expiresInDays)
		? {expiresAt, expiresInDays: expiresInDays as number}
		: null;
}

/** The content counts as kept in the store; as with the token, a malformed entry reads as unknown. */
export function storedAccess(access: unknown): Access | null {
	if (!access || typeof access !== 'object') {
		return null;
	}

	const record = access as Record<string, unknown>;
	const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);
	const usage = record['usageStatistics'];
	return {
		workbooks: count(record['workbooks']),
		views: count(record['views']),
		datasources: count(record['datasources']),
		users: count(record['users']),
		usageStatistics: typeof usage === 'boolean' ? usage : null,
	};
}

/** What a passing last verification found (content, token expiry), with the days left counted from `now`. */
export function lastFindings(last: LastVerification, now = Date.now()): string[] {
	return findingsOf({access: last.access ?? null, token: last.token ? expiryFrom(last.token, now) : null, user: {siteRole: last.siteRole}});
}
