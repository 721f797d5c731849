/** How hard to insist when a server says "later" (429, 503) or drops the connection. */
export type RetryPolicy = {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** First back-off; doubled each time, with jitter. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** No retry may start after this much time has passed since the first attempt. */
	totalBudgetMs: number;
	/** Replaced in tests for a predictable jitter. */
	random?: () => number;
};

export const defaultRetryPolicy: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	totalBudgetMs: 20_000,
};

/**
Reads `Retry-After` as seconds or as an HTTP date. Returns milliseconds, or undefined when the
header is absent or unreadable.
*/
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) {
		return undefined;
	}

	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) {
		return Math.round(Number(trimmed) * 1000);
	}

	// Date.parse accepts "-3" as a year; an HTTP date always names its day or month.
	const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
How long to wait before attempt number `attemptsSoFar + 1`, or null to give up: out of attempts, or
the wait would end past the total budget. A server's `Retry-After` wins over our own back-off,
because retrying earlier only earns another 429.
*/
export function retryDelayMs(policy: RetryPolicy, attemptsSoFar: number, retryAfterHeader: string | undefined, elapsedMs: number): number | null {
	if (attemptsSoFar >= policy.maxAttempts) {
		return null;
	}

	const random = policy.random ?? Math.random;
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptsSoFar - 1));
	// Full jitter on the upper half keeps clients that failed together from retrying together.
	const backoff = exponential / 2 + (random() * exponential) / 2;
	const serverAsked = parseRetryAfter(retryAfterHeader);
	const delay = serverAsked === undefined ? backoff : serverAsked;
	if (elapsedMs + delay > policy.totalBudgetMs) {
		return null;
	}

	return Math.round(delay);
}
