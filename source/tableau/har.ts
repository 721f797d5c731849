import {redactedMarker, type Exchange} from './exchange.js';

/**
A run as HAR 1.2 (the format of browsers' network panels and HAR viewers): one entry per attempt,
with its timings. Built from exchanges that were redacted before they got here. `comment`: what
the reader should know about the whole log (requests left out of it).
*/
export function harOf(exchanges: readonly Exchange[], creatorVersion: string, comment?: string) {
	return {
		log: {
			version: '1.2',
			creator: {name: 'tableau-connect', version: creatorVersion},
			entries: exchanges.map(exchange => entryOf(exchange)),
			...(comment === undefined ? {} : {comment}),
		},
	};
}

function pairs(headers: Record<string, string>): Array<{name: string; value: string}> {
	return Object.entries(headers).map(([name, value]) => ({name, value}));
}

function entryOf(exchange: Exchange) {
	const url = new URL(exchange.url);
	const wait = exchange.waitMs ?? exchange.totalMs ?? 0;
	const total = exchange.totalMs ?? wait;
	const responseType = exchange.responseHeaders['content-type'] ?? '';
	return {
		startedDateTime: new Date(exchange.startedAt).toISOString(),
		time: total,
		request: {
			method: exchange.method,
			url: exchange.url,
			httpVersion: 'HTTP/1.1',
			cookies: [],
			headers: pairs(exchange.requestHeaders),
			queryString: [...url.searchParams].map(([name, value]) => ({name, value})),
			...(exchange.requestBody === null
				? {}
				: {postData: {mimeType: exchange.requestHeaders['content-type'] ?? 'application/octet-stream', text: exchange.requestBody}}),
			headersSize: -1,
			bodySize: exchange.requestBody === null ? 0 : Buffer.byteLength(exchange.requestBody),
		},
		response: {
			// HAR's way of saying "no answer": status 0, with the reason in the comment.
			status: exchange.status ?? 0,
			statusText: '',
			httpVersion: 'HTTP/1.1',
			cookies: [],
			headers: pairs(exchange.responseHeaders),
			content: {size: Buffer.byteLength(exchange.responseBody), mimeType: responseType, text: exchange.responseBody},
			redirectURL: exchange.responseHeaders['location'] ?? '',
			headersSize: -1,
			bodySize: -1,
		},
		cache: {},
		timings: {send: 0, wait, receive: Math.max(0, total - wait)},
		...(exchange.connection === null ? {} : {connection: String(exchange.connection)}),
		comment: [`attempt ${exchange.attempt}`, proxyText(exchange), exchange.error ? `no answer: ${exchange.error}` : null].filter(Boolean).join('; '),
	};
}

/** The proxy leg, which a HAR entry has no field for: the tunnel's CONNECT carried Proxy-Authorization, not the request. */
function proxyText(exchange: Exchange): string | null {
	if (exchange.proxy === null) {
		return null;
	}

	return `through the proxy ${exchange.proxy.url}${exchange.proxy.credentials ? ` (Proxy-Authorization: ${redactedMarker})` : ''}`;
}

/** Lines for `--debug`, written as each request leaves and ends; a body shows its first kilobyte. */
export function debugLines(exchange: Exchange, phase: 'sent' | 'finished'): string[] {
	const prefix = `[tableau-connect #${exchange.id}]`;
	const headerLines = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => `${prefix}   ${name}: ${value}`);
	const body = (text: string | null) => (text ? [`${prefix}   ${firstKilobyte(text)}`] : []);
	if (phase === 'sent') {
		return [
			`${prefix} → ${exchange.method} ${exchange.url} (attempt ${exchange.attempt})${exchange.proxy === null ? '' : ` via proxy ${exchange.proxy.url}`}`,
			...headerLines(exchange.requestHeaders),
			...body(exchange.requestBody),
		];
	}

	const on = exchange.connection === null ? '' : ` on connection ${exchange.connection}`;
	if (exchange.status === null) {
		return [`${prefix} ✗ no answer after ${exchange.totalMs ?? 0} ms${on}: ${exchange.error ?? 'unknown'}`];
	}

	return [`${prefix} ← ${exchange.status} in ${exchange.totalMs ?? 0} ms${on}`, ...headerLines(exchange.responseHeaders), ...body(exchange.responseBody)];
}

function firstKilobyte(text: string): string {
	const oneLine = text.replace(/\s*\n\s*/g, ' ');
	return oneLine.length > 1024 ? `${oneLine.slice(0, 1024)}… (${Buffer.byteLength(text)} bytes in all)` : oneLine;
}
