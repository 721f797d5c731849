/**
One request and its answer as support needs to see them (`--debug`, `--trace`): method, address,
headers, decoded body, status, timings and the connection it went on. Everything here has been
through `createRedactor` before any observer sees it.
*/
export type Exchange = {
	/** Numbered from 1 in the order requests were sent in this process. */
	id: number;
	/** Which TCP connection carried it, numbered from 1 per run; null when it never reached one. */
	connection: number | null;
	/** Retries and re-sends count from 1. */
	attempt: number;
	/**
	The proxy it went through (HTTPS_PROXY and the rest), null when it went direct. `credentials`: the
	address held a user and password, which undici sent to the proxy as Proxy-Authorization.
	*/
	proxy: {url: string; credentials: boolean} | null;
	startedAt: number;
	method: string;
	url: string;
	requestHeaders: Record<string, string>;
	requestBody: string | null;
	/** Set once the answer's headers arrive. */
	status: number | null;
	responseHeaders: Record<string, string>;
	responseBody: string;
	/** Milliseconds from sending to the answer's headers, and to its last byte. */
	waitMs: number | null;
	totalMs: number | null;
	/** Why there is no answer: a network error code, a timeout, an interruption. */
	error: string | null;
};

/** Receives exchanges as they happen; called with redacted copies only. */
export type ExchangeObserver = {
	/** As a request leaves (`--debug`); an observer that only keeps whole exchanges leaves it out, and nothing is redacted for it. */
	sent?(exchange: Exchange): void;
	finished(exchange: Exchange): void;
};

/** What every secret becomes in a trace, a debug line or any other output. */
export const redactedMarker = '[REDACTED]';

/**
The user:password part of a proxy address, however it is written: `http://user:pass@host`, a
password with characters a URL escapes, or no scheme at all (`user:pass@host:8080`).
*/
const proxyUserInfo = /^([a-z][\w+.-]*:\/\/)?([^/?#]*)@/i;

/** A proxy address as every output shows it: the user stays (support needs it), the password becomes the marker. */
export function shownProxy(address: string): string {
	const match = proxyUserInfo.exec(address);
	const colon = match?.[2]?.indexOf(':') ?? -1;
	if (!match || colon === -1) {
		return address;
	}

	return `${match[1] ?? ''}${match[2]!.slice(0, colon)}:${redactedMarker}@${address.slice(match[0].length)}`;
}

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
Every spelling of a proxy address's password that could reach an output: as written, unescaped,
escaped as the URL parser does, and inside the Proxy-Authorization header (Basic user:password,
as undici builds it). Empty when the address has no password.
*/
export function proxySecrets(address: string): string[] {
	const match = proxyUserInfo.exec(address);
	const colon = match?.[2]?.indexOf(':') ?? -1;
	if (!match || colon === -1) {
		return [];
	}

	const user = match[2]!.slice(0, colon);
	const password = match[2]!.slice(colon + 1);
	if (password === '') {
		return [];
	}

	let parsed = '';
	try {
		parsed = new URL(address).password;
	} catch {
		// Not a URL (no scheme): the spellings as written and unescaped are all there is.
	}

	const header = Buffer.from(`${decoded(user)}:${decoded(password)}`).toString('base64');
	return [...new Set([password, decoded(password), parsed, header])].filter(secret => secret !== '');
}

const secretHeaders = new Set(['x-tableau-auth', 'cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
// The PAT secret in the sign-in body, and the session token in its answer (JSON and XML).
// Gateways rewrite answers, so either quote and spaces around `=` count too.
const secretFields = /("(?:personalAccessTokenSecret|token)"\s*:\s*")([^"]*)(")|(\b(?:personalAccessTokenSecret|token)\s*=\s*["'])([^"']*)(["'])/g;

/**
Scrubs secrets out of exchanges: headers that carry credentials by name, the secret and session
token fields of Tableau's bodies, and every value it has been told or has seen (the token secret,
each session token), wherever else it appears: in a URL, an error message, a proxy's echo.
*/
export function createRedactor(known: readonly string[]) {
	const secrets = new Set(known.filter(secret => secret.length > 0));

	function scrub(text: string): string {
		let clean = text.replace(secretFields, (...groups: string[]) => {
			const [, jsonStart, jsonValue, jsonEnd, xmlStart, xmlValue, xmlEnd] = groups;
			// Stryker disable next-line StringLiteral: one of the two alternatives always matched, so its value group is a string (maybe empty); the fallback is never read.
			const value = jsonValue ?? xmlValue ?? '';
			if (value.length > 0) {
				secrets.add(value);
			}

			return jsonStart === undefined ? `${xmlStart}${redactedMarker}${xmlEnd}` : `${jsonStart}${redactedMarker}${jsonEnd}`;
		});
		for (const secret of secrets) {
			clean = clean.split(secret).join(redactedMarker);
		}

		return clean;
	}

	function headers(given: Record<string, string>): Record<string, string> {
		return Object.fromEntries(Object.entries(given).map(([name, value]) => [name, secretHeaders.has(name.toLowerCase()) ? redactedMarker : scrub(value)]));
	}

	return {
		exchange(raw: Exchange): Exchange {
			// The proxy's password first, in all its spellings: an error or an echo may repeat it anywhere.
			for (const secret of raw.proxy === null ? [] : proxySecrets(raw.proxy.url)) {
				secrets.add(secret);
			}

			// The answer next: a session token it holds is then known when the request's headers are scrubbed.
			const responseBody = scrub(raw.responseBody);
			return {
				...raw,
				proxy: raw.proxy === null ? null : {...raw.proxy, url: scrub(shownProxy(raw.proxy.url))},
				url: scrub(raw.url),
				requestHeaders: headers(raw.requestHeaders),
				requestBody: raw.requestBody === null ? null : scrub(raw.requestBody),
				responseHeaders: headers(raw.responseHeaders),
				responseBody,
				error: raw.error === null ? null : scrub(raw.error),
			};
		},
		text: scrub,
	};
}

/** An observer that sees only redacted exchanges, whatever the caller's observer does with them. */
export function redacting(observer: ExchangeObserver, known: readonly string[]): ExchangeObserver {
	const redactor = createRedactor(known);
	return {
		...(observer.sent
			? {
					sent(exchange: Exchange) {
						observer.sent!(redactor.exchange(exchange));
					},
				}
			: {}),
		finished: exchange => {
			observer.finished(redactor.exchange(exchange));
		},
	};
}
