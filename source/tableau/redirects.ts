/**
How the client follows redirects. Real servers redirect every path (http → https on the same host,
a canonical host name, a bare Tableau Cloud host to a pod), so reads follow them like a browser.
A sign-in carries the secret, so it follows only moves that keep the secret as safe as it was.
*/

export const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Hops followed before giving up; browsers allow more, but no Tableau setup needs more than two. */
export const maxRedirects = 5;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function isTableauCloudHost(host: string): boolean {
	return host === 'online.tableau.com' || host.endsWith('.online.tableau.com');
}

/**
Whether a sign-in may be posted again to where it was redirected: never from https to http, and
only to the same host, from Tableau Cloud to one of its pods, or between two loopback names.
Anything else (another company's host, a captive portal) is reported, not sent the secret.
*/
export function isTrustedRedirect(from: URL, to: URL): boolean {
	if (to.protocol !== 'https:' && (from.protocol === 'https:' || to.protocol !== 'http:')) {
		return false;
	}

	return (
		from.hostname === to.hostname ||
		(isTableauCloudHost(from.hostname) && isTableauCloudHost(to.hostname)) ||
		(loopbackHosts.has(from.hostname) && loopbackHosts.has(to.hostname))
	);
}

export type RedirectProblem = 'no-location' | 'bad-location' | 'loop' | 'too-many';

/** A redirect that cannot be followed at all: no `Location`, one that is not an address, a loop, too many hops. */
export class RedirectError extends Error {
	override readonly name = 'RedirectError';

	constructor(
		readonly problem: RedirectProblem,
		readonly status: number,
		/** Every address visited, the first one included; addresses only, never a header or body. */
		readonly chain: readonly string[],
	) {
		const last = chain.at(-1) ?? '';
		super(
			problem === 'no-location'
				? `the redirect from ${last} has no Location header, so it leads nowhere`
				: problem === 'bad-location'
					? `the redirect from ${last} leads to an address that is not http:// or https://`
					: problem === 'loop'
						? `the redirects go round in a loop: ${chain.join(' → ')}`
						: `more than ${maxRedirects} redirects in a row: ${chain.join(' → ')}`,
		);
	}
}

/**
Where a redirect answer leads, resolved against the address that gave it (a `Location` may be
relative). Throws `RedirectError` for a redirect that cannot be followed; `visited` is the chain so far.
*/
export function nextHop(status: number, location: string | undefined, visited: readonly string[]): URL {
	if (!location) {
		throw new RedirectError('no-location', status, visited);
	}

	let target: URL;
	try {
		target = new URL(location, visited.at(-1));
	} catch {
		throw new RedirectError('bad-location', status, visited);
	}

	if (target.protocol !== 'http:' && target.protocol !== 'https:') {
		throw new RedirectError('bad-location', status, visited);
	}

	if (visited.includes(target.href)) {
		throw new RedirectError('loop', status, [...visited, target.href]);
	}

	if (visited.length > maxRedirects) {
		throw new RedirectError('too-many', status, [...visited, target.href]);
	}

	return target;
}

const chains = new WeakMap<object, readonly string[]>();

/** Remembers on an error the redirects that led to it, so the diagnosis can say where the server sent us. */
export function recordRedirects<T>(error: T, chain: readonly string[]): T {
	if (chain.length > 1 && error && typeof error === 'object' && !chains.has(error)) {
		chains.set(error, chain);
	}

	return error;
}

/** The addresses an error was reached through, the first one included; empty when nothing redirected. */
export function redirectsOf(error: unknown): readonly string[] {
	return error && typeof error === 'object' ? (chains.get(error) ?? []) : [];
}
