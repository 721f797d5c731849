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
			// The answer first: a session token it holds is then known when the request's headers are scrubbed.
			const responseBody = scrub(raw.responseBody);
			return {
				...raw,
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
