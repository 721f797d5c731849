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
