import {describe, expect, it} from 'vitest';
import {describeAccess, describeTokenExpiry, findingsOf, isExpiringSoon, tokenExpiryOf} from '../../source/verify/findings.js';
import {parseTimeToExpiration} from '../../source/tableau/token-expiry.js';

describe('estimatedTimeToExpiration', () => {
	it.each([
		['177:05:38', ((177 * 24 + 5) * 60 + 38) * 60_000],
		['0:00:00', 0],
		[' 2:12:30 ', ((2 * 24 + 12) * 60 + 30) * 60_000],
		['9:4:12', ((9 * 24 + 4) * 60 + 12) * 60_000],
	])('reads %j as days:hours:minutes', (value, ms) => {
		expect(parseTimeToExpiration(value)).toBe(ms);
	});

	it.each([null, undefined, '', 'soon', '177:05', '177:24:00', '1:00:60', '-1:00:00', '1.5:00:00', '1:02:03:04'])('ignores %j', value => {
		expect(parseTimeToExpiration(value)).toBeNull();
	});

	it('turns the estimate into a date to the minute and whole days left', () => {
		const token = tokenExpiryOf('177:05:38', Date.parse('2026-12-01T20:15:42Z'));
		expect(token).toEqual({expiresAt: '2027-05-28T01:53:00Z', expiresInDays: 177});
		expect(describeTokenExpiry(token!)).toBe("the token expires in about 177 days (on 2027-05-28, Tableau's estimate)");
		expect(describeTokenExpiry(tokenExpiryOf('1:00:00', 0)!)).toBe("the token expires in about 1 day (on 1970-01-02, Tableau's estimate)");
		expect(describeTokenExpiry(tokenExpiryOf('0:03:00', 0)!)).toContain('in less than a day');
	});

	it('is expiring soon under 14 days only', () => {
		expect(isExpiringSoon(tokenExpiryOf('13:23:59', 0))).toBe(true);
		expect(isExpiringSoon(tokenExpiryOf('14:00:00', 0))).toBe(false);
		expect(isExpiringSoon(null)).toBe(false);
	});
});

describe('what Parable will see', () => {
	it('names every count, grouped by thousands', () => {
		expect(describeAccess({workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true})).toBe(
			'Parable will see 142 workbooks, 1,203 views, 57 data sources and 88 users; view counts are available.',
		);
	});

	it('groups thousands by hand, the same on every machine', () => {
		expect(describeAccess({workbooks: 1_234_567, views: 999, datasources: 1000, users: 0, usageStatistics: null})).toBe(
			'Parable will see 1,234,567 workbooks, 999 views, 1,000 data sources and 0 users.',
		);
	});

	it('says what was refused, and when views have no counts', () => {
		expect(describeAccess({workbooks: 1, views: null, datasources: 0, users: null, usageStatistics: null})).toBe(
			'Parable will see 1 workbook and 0 data sources; listing views was refused.',
		);
		expect(describeAccess({workbooks: 3, views: 9, datasources: 1, users: 2, usageStatistics: false})).toContain('views come without their view counts');
	});

	it("says the counts are the user's own below Site Administrator", () => {
		expect(describeAccess({workbooks: 3, views: 9, datasources: 1, users: 1, usageStatistics: true}, true)).toMatch(/what this token's user can see/);
	});
});

describe('the findings of a passing run', () => {
	it('say what Parable will see, then when the token expires', () => {
		expect(
			findingsOf({
				access: {workbooks: 2, views: 5, datasources: 1, users: 3, usageStatistics: true},
				token: {expiresAt: '2027-01-10T12:00:00Z', expiresInDays: 200},
				user: {siteRole: 'SiteAdministratorCreator'},
			}),
		).toEqual([
			'Parable will see 2 workbooks, 5 views, 1 data source and 3 users; view counts are available.',
			"The token expires in about 200 days (on 2027-01-10, Tableau's estimate).",
		]);
	});

	it('say so when Tableau gave no expiry for the token', () => {
		expect(findingsOf({access: null, token: null, user: null})).toEqual(['Tableau did not say when the token expires.']);
	});
});
