import {rootCertificates} from 'node:tls';
import {Agent, ProxyAgent, buildConnector, request, type Connector, type Dispatcher} from './undici.js';
import {decodeBody, UnreadableBodyError} from './content-coding.js';
import {classifyNetworkError, NetworkError} from './network-error.js';
import {takePreconnected} from './preconnect.js';
import {retryDelayMs, type RetryPolicy, defaultRetryPolicy} from './retry.js';
import {saysPortWantsTls, speaksTls} from './scheme-probe.js';

export type HttpRequest = {
	method: 'GET' | 'POST';
	url: string;
	headers?: Record<string, string>;
	body?: string;
	/** Send it once, never again, whatever happens: the caller decides what a failure means. */
	once?: boolean;
	/**
	false: a 429 or 503 is returned at once instead of waited out (a dropped connection is still
	retried). For calls whose session may be over by the time "later" comes: the caller retries them.
	*/
	waitOutLater?: boolean;
};

/**
A request sent `once` that was stopped because the connection under it dropped: undici would have
sent it again by itself, ahead of the calls this transport retries. The caller sends it again if needed.
*/
export class StoppedForCaller extends Error {
	override readonly name = 'StoppedForCaller';

	constructor() {
		super('The connection dropped; sent again by the caller if needed');
	}
}

export type HttpResponse = {
	status: number;
	headers: Record<string, string>;
	body: string;
	url: string;
	/** How many attempts it took (1 when nothing was retried). */
	attempts: number;
};

export type TransportOptions = {
	/** Deadline of each attempt, in milliseconds. */
	timeoutMs: number;
	/** Extra trusted certificates (PEM), added to Node's bundled roots. */
	caPem?: string | null;
	/** Skip certificate verification. Only on explicit request. */
	insecure?: boolean;
	retry?: RetryPolicy;
	/** Proxy settings; by default the standard environment variables. */
	proxy?: {httpProxy?: string; httpsProxy?: string; noProxy?: string};
	/** Replaced in tests to observe back-off without waiting. */
	sleep?: (ms: number) => Promise<void>;
};

export type Transport = {
	send(request: HttpRequest): Promise<HttpResponse>;
	/** Resolves when the first connection of this transport is up (TCP and TLS), rejects if it fails. */
	readonly firstConnection: Promise<void>;
	readonly usesProxy: (url: string) => boolean;
	close(): Promise<void>;
};

// Error pages can be large; nothing we parse is, and a runaway body must not fill memory. The cap
// holds for the decompressed body as well.
export const maxBodyBytes = 2 * 1024 * 1024;

const retryableStatuses = new Set([429, 503]);

function proxyFor(url: URL, options: TransportOptions['proxy']): string | undefined {
	const environment = process.env;
	const noProxy = options?.noProxy ?? environment['no_proxy'] ?? environment['NO_PROXY'] ?? '';
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	for (const rawEntry of noProxy.split(/[,\s]+/)) {
		const entry = rawEntry
			.trim()
			.toLowerCase()
			// `[::1]:8443` and `[::1]` are IPv6; `::1` has colons of its own, so only `host:port` loses a port.
			.replace(/^\[([^\]]*)\](:\d+)?$/, '$1')
			.replace(/^([^:]*):\d+$/, '$1')
			.replace(/^\*?\./, '');
		if (entry === '*' || (entry && (host === entry || host.endsWith(`.${entry}`)))) {
			return undefined;
		}
	}

	return url.protocol === 'https:'
		? (options?.httpsProxy ??
				environment['https_proxy'] ??
				environment['HTTPS_PROXY'] ??
				options?.httpProxy ??
				environment['http_proxy'] ??
				environment['HTTP_PROXY'])
		: (options?.httpProxy ?? environment['http_proxy'] ?? environment['HTTP_PROXY']);
}

async function readBody(body: Dispatcher.ResponseData['body']): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > maxBodyBytes) {
			body.destroy();
			break;
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks);
}

function wrongSchemeToTlsPort(url: URL): NetworkError {
	return new NetworkError('wrong-scheme', 'TLS_PORT', `${url.host} speaks TLS: the address needs https://, not http://`);
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) {
			flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
	}

	return flat;
}

/**
One run's HTTP connection: a single keep-alive socket per origin, every request with a deadline,
retries for 429, 503 and dropped connections within the policy's total budget.
*/
export function createTransport(options: TransportOptions): Transport {
	const tls = {
		ca: options.caPem ? [...rootCertificates, options.caPem] : undefined,
		rejectUnauthorized: !options.insecure,
	};
	const connectTimeout = options.timeoutMs;
	const retry = options.retry ?? defaultRetryPolicy;
	const sleep =
		options.sleep ??
		(async (ms: number) =>
			new Promise<void>(resolve => {
				setTimeout(resolve, ms);
			}));

	let markConnected: () => void = () => {};
	let markConnectFailed: (error: unknown) => void = () => {};
	const firstConnection = new Promise<void>((resolve, reject) => {
		markConnected = resolve;
		markConnectFailed = reject;
	});
	// Nobody may be waiting on it; an unobserved rejection must not crash the process.
	firstConnection.catch(() => {});

	const baseConnector = buildConnector({...tls, timeout: connectTimeout});
	const observingConnector: Connector = (connectOptions, callback) => {
		const origin = `${connectOptions.protocol}//${connectOptions.host ?? connectOptions.hostname}`;
		const early = takePreconnected(origin);
		if (early) {
			// A socket opened at start-up: use it if it connected, else connect afresh as usual.
			early.then(
				socket => {
					socket.ref();
					if (connectOptions.protocol === 'https:') {
						observingConnector({...connectOptions, httpSocket: socket}, callback);
					} else {
						markConnected();
						callback(null, socket);
					}
				},
				() => {
					observingConnector(connectOptions, callback);
				},
			);
			return;
		}

		baseConnector(connectOptions, (error, socket) => {
			if (error) {
				markConnectFailed(classifyNetworkError(error, {viaProxy: false, timeoutMs: options.timeoutMs}));
				callback(error, null);
			} else {
				markConnected();
				callback(null, socket!);
			}
		});
	};

	const timeouts = {headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs};
	// Pipelining lets the verifier send independent requests together on the one connection: round two
	// after sign-in is six of them.
	const directAgent = new Agent({connections: 1, pipelining: 8, connect: observingConnector, ...timeouts});
	const proxyAgents = new Map<string, Dispatcher>();

	function dispatcherFor(url: URL): {dispatcher: Dispatcher; viaProxy: boolean} {
		const proxy = proxyFor(url, options.proxy);
		if (!proxy) {
			return {dispatcher: directAgent, viaProxy: false};
		}

		let agent = proxyAgents.get(proxy);
		if (!agent) {
			// Through a proxy the CA must go in requestTls: the tunnel's TLS is ours, not the proxy's.
			agent = new ProxyAgent({
				uri: proxy,
				connections: 1,
				pipelining: 8,
				requestTls: {...tls, timeout: connectTimeout},
				proxyTls: {timeout: connectTimeout},
				...timeouts,
			});
			proxyAgents.set(proxy, agent);
		}

		return {dispatcher: agent, viaProxy: true};
	}

	// Requests sent `once` and not answered yet. When a connection drops, undici sends the requests
	// pipelined behind the failed one again by itself, on a new connection; one sent `once` must not go
	// ahead of the calls that this transport retries, so it is stopped instead and its caller decides.
	const unansweredOnce = new Set<AbortController>();

	function signalFor(httpRequest: HttpRequest): {signal: AbortSignal; done: () => void} {
		if (!httpRequest.once) {
			return {signal: AbortSignal.timeout(options.timeoutMs), done() {}};
		}

		const stop = new AbortController();
		const timer = setTimeout(() => {
			stop.abort(new DOMException('The request timed out', 'TimeoutError'));
		}, options.timeoutMs);
		unansweredOnce.add(stop);
		return {
			signal: stop.signal,
			done() {
				clearTimeout(timer);
				unansweredOnce.delete(stop);
			},
		};
	}

	async function attempt(httpRequest: HttpRequest, url: URL): Promise<Omit<HttpResponse, 'attempts'>> {
		const {dispatcher, viaProxy} = dispatcherFor(url);
		const {signal, done} = signalFor(httpRequest);
		try {
			const response = await request(dispatcher, {
				origin: url.origin,
				path: `${url.pathname}${url.search}`,
				method: httpRequest.method,
				headers: httpRequest.headers,
				body: httpRequest.body,
				signal,
				// Every call we make may be repeated safely (a repeated sign-in just replaces the session),
				// and none is slow, so undici may pipeline them instead of waiting for each answer.
				idempotent: true,
				blocking: false,
			});
			if (viaProxy) {
				markConnected();
			}

			const headers = flattenHeaders(response.headers);
			const body = decodeBody(await readBody(response.body), headers['content-encoding'], response.statusCode, maxBodyBytes).toString('utf8');
			if (url.protocol === 'http:' && saysPortWantsTls(response.statusCode, body)) {
				throw wrongSchemeToTlsPort(url);
			}

			return {status: response.statusCode, headers, body, url: url.toString()};
		} catch (error) {
			if (error instanceof UnreadableBodyError) {
				throw error;
			}

			// Not a failure of its own: the caller decides whether to send it again.
			if (signal.reason instanceof StoppedForCaller) {
				throw signal.reason;
			}

			let failure = classifyNetworkError(error, {viaProxy, timeoutMs: options.timeoutMs});
			if (failure.kind === 'connection-reset') {
				for (const stop of unansweredOnce) {
					stop.abort(new StoppedForCaller());
				}
			}

			// Plain HTTP to a TLS port is cut off or answered with a TLS alert; one handshake tells
			// that apart from a dropped connection before any retry or timeout.
			if (!viaProxy && url.protocol === 'http:' && (failure.kind === 'connection-reset' || failure.kind === 'unknown')) {
				if (await speaksTls(url, Math.min(options.timeoutMs, 5000))) {
					failure = wrongSchemeToTlsPort(url);
				}
			}

			markConnectFailed(failure);
			throw failure;
		} finally {
			done();
		}
	}

	async function send(httpRequest: HttpRequest): Promise<HttpResponse> {
		const url = new URL(httpRequest.url);
		const started = Date.now();
		for (let attempts = 1; ; attempts++) {
			let outcome: Omit<HttpResponse, 'attempts'> | NetworkError;
			try {
				outcome = await attempt(httpRequest, url);
			} catch (error) {
				if (!(error instanceof NetworkError)) {
					throw error;
				}

				outcome = error;
			}

			const retryable =
				!httpRequest.once &&
				(outcome instanceof NetworkError ? outcome.kind === 'connection-reset' : httpRequest.waitOutLater !== false && retryableStatuses.has(outcome.status));
			const delay = retryable
				? retryDelayMs(retry, attempts, outcome instanceof NetworkError ? undefined : outcome.headers['retry-after'], Date.now() - started)
				: null;
			if (delay === null) {
				if (outcome instanceof NetworkError) {
					throw outcome;
				}

				return {...outcome, attempts};
			}

			await sleep(delay);
		}
	}

	return {
		send,
		firstConnection,
		usesProxy: url => proxyFor(new URL(url), options.proxy) !== undefined,
		async close() {
			await Promise.all([directAgent.close(), ...[...proxyAgents.values()].map(async agent => agent.close())]);
		},
	};
}
