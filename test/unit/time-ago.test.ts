// How long ago a profile was last tested, as the profile list shows it.
import {describe, expect, it} from 'vitest';
import {timeAgo} from '../../source/profiles/last-verification.js';

const at = '2026-01-01T00:00:00.000Z';
const after = (seconds: number) => Date.parse(at) + seconds * 1000;

describe('timeAgo', () => {
	it.each([
		[0, 'just now'],
		[59, 'just now'],
		[60, '1 minute ago'],
		[119, '1 minute ago'],
		[120, '2 minutes ago'],
		[3599, '59 minutes ago'],
		[3600, '1 hour ago'],
		[86_399, '23 hours ago'],
		[86_400, '1 day ago'],
		[3 * 86_400, '3 days ago'],
	])('%i seconds later: %s', (seconds, words) => {
		expect(timeAgo(at, after(seconds))).toBe(words);
	});

	it('reads a time in the future (a clock behind) as just now', () => {
		expect(timeAgo(at, after(-300))).toBe('just now');
	});
});
