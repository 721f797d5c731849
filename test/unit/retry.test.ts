import {describe, expect, it} from 'vitest';
import {parseRetryAfter, retryDelayMs, type RetryPolicy} from '../../source/tableau/retry.js';

const policy: RetryPolicy = {maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, totalBudgetMs: 5000, random: () => 0.5};

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(' 0.5 ')).toBe(500);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter('-3')).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	it('backs off exponentially with jitter in the upper half', () => {
		expect(retryDelayMs(policy, 1, undefined, 0)).toBe(75);
		expect(retryDelayMs(policy, 2, undefined, 0)).toBe(150);
		expect(retryDelayMs(policy, 3, undefined, 0)).toBe(300);
		const low = retryDelayMs({...policy, random: () => 0}, 3, undefined, 0);
		const high = retryDelayMs({...policy, random: () => 0.999_999}, 3, undefined, 0);
		expect(low).toBe(200);
		expect(high).toBe(400);
	});

	it('caps each back-off', () => {
		expect(retryDelayMs({...policy, maxAttempts: 20}, 12, undefined, 0)).toBe(750);
	});

	it('lets the server decide with Retry-After', () => {
		expect(retryDelayMs(policy, 1, '3', 0)).toBe(3000);
	});

	it('gives up after the last attempt', () => {
		expect(retryDelayMs(policy, 4, undefined, 0)).toBeNull();
	});

	it('gives up when the wait would end past the total budget', () => {
		expect(retryDelayMs(policy, 1, '60', 0)).toBeNull();
		expect(retryDelayMs(policy, 2, undefined, 4900)).toBeNull();
	});
});
