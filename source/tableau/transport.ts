import type {Socket} from 'node:net';
import {rootCertificates} from 'node:tls';
import {Agent, ProxyAgent, buildConnector, request, type Connector, type Dispatcher} from './undici.js';
import {decodeBody, UnreadableBodyError} from './content-coding.js';
import {classifyNetworkError, NetworkError} from './network-error.js';
import {takePreconnected} from './preconnect.js';
import {describeFailure, watchExchanges} from './exchange-watch.js';
import type {ExchangeObserver} from './exchange.js';
import type {HttpRequest} from './http-request.js';
import {proxyDecision, type ProxySettings} from './proxy.js';
import {retryDelayMs, type RetryPolicy, defaultRetryPolicy} from './retry.js';
import {saysPortWantsTls, speaksTls} from './scheme-probe.js';

export type {HttpRequest} from './http-request.js';

/** The run was stopped (Ctrl-C): the request was abandoned, answered or not. */
export class InterruptedRequest extends Error {
	override readonly name = 'InterruptedRequest';

	constructor() {
		super('Stopped with Ctrl-C');
	}
}

/** How long a sign-in or sign-out may still take once the run was interrupted: the person is waiting for their prompt. */
export const afterInterruptMs = 3000;

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

/** Stopped before its answer because the server closes connections: sent again at once, one request at a time. */
class SentAgain extends Error {
	override readonly name = 'SentAgain';
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
	/** Proxy settings given in code; each one given wins over its variable in `env`. */
	proxy?: ProxySettings;
	/**
	Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read: the command's environment, handed down from
	its io. Never the process's own, so an in-process run (a test) uses only what it was given; none
	given means no proxy.
	*/
	env?: NodeJS.ProcessEnv;
	/** Replaced in tests to observe back-off without waiting. */
	sleep?: (ms: number) => Promise<void>;
	/** Ctrl-C: requests in flight are abandoned at once, except those that survive it (see HttpRequest). */
	signal?: AbortSignal;
	/** `--debug` and `--trace`: told of every attempt. Nothing is recorded without one. */
	observer?: ExchangeObserver;
	/**
	Where to connect instead for some host names, or null to connect as usual. Only the demo sets it:
	its customer-looking addresses reach the simulator inside the demo's own process, with TLS checked
	against the name in the address. A routed host is never sent through a proxy.
	*/
	route?: ConnectRoute;
};

/** The socket address to use for `host` and `port`, or null for the address itself. */
export type ConnectRoute = (host: string, port: number) => {host: string; port: number} | null;

function defaultPort(protocol: string): number {
	return protocol === 'https:' ? 443 : 80;
}

/** The route for a URL, if `route` has one for its host. */
export function routeOf(url: URL, route: ConnectRoute | undefined): {host: string; port: number} | null {
	return route?.(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || defaultPort(url.protocol))) ?? null;
}

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
	const environment = options.env ?? {};
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

	// A server that closes a connection after an answer (HTTP/1.0-style proxies, some load balancers)
	// drops whatever was pipelined behind it, and may have acted on some of it. From the first sign of
	// that, the rest of the run sends one request at a time.
	let serverCloses = false;

	const baseConnector = buildConnector({...tls, timeout: connectTimeout});
	// The connections this run opened, so a trace can say which one carried each request.
	const ourSockets = new WeakSet<Socket>();
	const watchForClose = (socket: Socket) => {
		ourSockets.add(socket);
		// The server's own FIN, not ours: ours comes with close() at the end of the run, when nothing is
		// unanswered. A server that only closes idle connections (keep-alive timeouts) leaves nothing
		// unanswered either, and keeps pipelining.
		socket.once('end', () => {
			if (unanswered.size > 0) {
				sendOneAtATime();
			}
		});
	};

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
						watchForClose(socket);
						callback(null, socket);
					}
				},
				() => {
					observingConnector(connectOptions, callback);
				},
			);
			return;
		}

		const routed = options.route?.(connectOptions.hostname, Number(connectOptions.port || defaultPort(connectOptions.protocol)));
		// The certificate is still checked against the name in the address, not the one connected to.
		const target = routed
			? {...connectOptions, hostname: routed.host, port: String(routed.port), servername: connectOptions.servername || connectOptions.hostname}
			: connectOptions;
		baseConnector(target, (error, socket) => {
			if (error) {
				markConnectFailed(classifyNetworkError(error, {viaProxy: false, timeoutMs: options.timeoutMs}));
				callback(error, null);
			} else {
				markConnected();
				watchForClose(socket!);
				callback(null, socket!);
			}
		});
	};

	const timeouts = {headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs};
	// Pipelining lets the verifier send independent requests together on the one connection: round two
	// after sign-in is six of them. `pipelining: 1` is one request at a time, for servers that close.
	const directAgents = new Map<number, Dispatcher>();
	const proxyAgents = new Map<string, Dispatcher>();

	function directAgent(pipelining: number): Dispatcher {
		let agent = directAgents.get(pipelining);
		if (!agent) {
			agent = new Agent({connections: 1, pipelining, connect: observingConnector, ...timeouts});
			directAgents.set(pipelining, agent);
		}

		return agent;
	}

	function dispatcherFor(url: URL): {dispatcher: Dispatcher; viaProxy: boolean} {
		const pipelining = serverCloses ? 1 : 8;
		const proxy = routeOf(url, options.route) ? undefined : proxyDecision(url, options.proxy, environment).proxy;
		if (!proxy) {
			return {dispatcher: directAgent(pipelining), viaProxy: false};
		}

		let agent = proxyAgents.get(`${pipelining} ${proxy}`);
		if (!agent) {
			// Through a proxy the CA must go in requestTls: the tunnel's TLS is ours, not the proxy's.
			agent = new ProxyAgent({
				uri: proxy,
				connections: 1,
				pipelining,
				requestTls: {...tls, timeout: connectTimeout},
				proxyTls: {timeout: connectTimeout},
				...timeouts,
			});
			proxyAgents.set(`${pipelining} ${proxy}`, agent);
		}

		return {dispatcher: agent, viaProxy: true};
	}

	// Requests sent and not answered yet, in the order they were sent. When a connection drops, undici
	// would send the ones pipelined behind the failed one again by itself, on a new connection and still
	// pipelined; instead they are stopped here and sent again one at a time, in their order. One sent
	// `once` (the sign-out) is stopped for its caller, which sends it after every other call has its answer.
	// `pipelined`: sent before the server was known to close connections, so others may be behind it.
	const unanswered = new Map<AbortController, {request: HttpRequest; pipelined: boolean}>();

	function sendOneAtATime(): void {
		serverCloses = true;
		for (const [stop, {request, pipelined}] of unanswered) {
			if (pipelined) {
				stop.abort(request.once ? new StoppedForCaller() : new SentAgain());
			}
		}
	}

	const interrupt = options.signal;
	// Those waiting on Ctrl-C (an abandoned request, a back-off): one listener on the run's signal, which
	// outlives the run (`test --all` shares it between profiles), removed again at close.
	const onInterrupt = new Set<() => void>();
	const shortened = new Set<NodeJS.Timeout>();
	// On Ctrl-C every request that does not survive it is given up at once. Whether its connection is cut
	// depends on what else is on it: a sign-out pipelined behind the calls of round two would wait for
	// their answers, so everything there is aborted and the sign-out's caller sends it again on a fresh
	// connection; in round one the sign-in behind serverinfo gets its answer on the same connection (with
	// the short deadline), and serverinfo is only abandoned (see `abandonedOnInterrupt`), since aborting
	// it would cut the connection under the sign-in.
	const interruptNow = () => {
		serverCloses = true;
		const cut = [...unanswered.values()].some(({request, pipelined}) => pipelined && request.survivesInterrupt && request.once);
		for (const [stop, {request, pipelined}] of unanswered) {
			if (!request.survivesInterrupt) {
				if (cut) {
					stop.abort(new InterruptedRequest());
				}
			} else if (request.once && pipelined) {
				stop.abort(new StoppedForCaller());
			} else {
				const timer = setTimeout(() => {
					stop.abort(new DOMException('The request timed out', 'TimeoutError'));
				}, afterInterruptMs);
				timer.unref();
				shortened.add(timer);
			}
		}

		for (const waiting of [...onInterrupt]) {
			waiting();
		}
	};

	interrupt?.addEventListener('abort', interruptNow, {once: true});

	function signalFor(httpRequest: HttpRequest): {signal: AbortSignal; answered: () => void} {
		const stop = new AbortController();
		const deadline = interrupt?.aborted ? Math.min(options.timeoutMs, afterInterruptMs) : options.timeoutMs;
		const timer = setTimeout(() => {
			stop.abort(new DOMException('The request timed out', 'TimeoutError'));
		}, deadline);
		if (interrupt?.aborted && !httpRequest.survivesInterrupt) {
			stop.abort(new InterruptedRequest());
		} else {
			unanswered.set(stop, {request: httpRequest, pipelined: !serverCloses});
		}

		return {
			signal: stop.signal,
			answered() {
				clearTimeout(timer);
				unanswered.delete(stop);
			},
		};
	}

	/** Resolves on Ctrl-C (at once if it already came); `done` stops listening. */
	function untilInterrupted(): {interrupted: Promise<void>; done: () => void} {
		let waiting = () => {};
		const interrupted = new Promise<void>(resolve => {
			waiting = resolve;
		});
		if (interrupt?.aborted) {
			waiting();
		} else {
			onInterrupt.add(waiting);
		}

		return {interrupted, done: () => onInterrupt.delete(waiting)};
	}

	/**
	The answer, or InterruptedRequest at once on Ctrl-C. The request itself goes on: its answer, when it
	comes, is read and dropped, so the connection stays usable for a sign-in or sign-out behind it.
	*/
	async function abandonedOnInterrupt(sent: Promise<Dispatcher.ResponseData>): Promise<Dispatcher.ResponseData> {
		if (!interrupt) {
			return sent;
		}

		const {interrupted, done} = untilInterrupted();
		const abandoned = interrupted.then(() => {
			throw new InterruptedRequest();
		});
		try {
			return await Promise.race([sent, abandoned]);
		} catch (error) {
			if (error instanceof InterruptedRequest) {
				sent.then(
					async late => late.body.dump(),
					() => {},
				);
			}

			throw error;
		} finally {
			done();
			abandoned.catch(() => {});
		}
	}

	/** Waits out a back-off, or until Ctrl-C for a request that does not survive it. */
	async function pause(ms: number, httpRequest: HttpRequest): Promise<void> {
		if (!interrupt || httpRequest.survivesInterrupt) {
			await sleep(ms);
			return;
		}

		const {interrupted, done} = untilInterrupted();
		await Promise.race([sleep(ms), interrupted]);
		done();
		if (interrupt.aborted) {
			throw new InterruptedRequest();
		}
	}

	async function attemptOnce(httpRequest: HttpRequest, url: URL, probe: {headersAt?: number}): Promise<Omit<HttpResponse, 'attempts'>> {
		const {dispatcher, viaProxy} = dispatcherFor(url);
		const {signal, answered} = signalFor(httpRequest);
		try {
			const sent = request(dispatcher, {
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
				// A server that closes after each answer gets a fresh connection for each request: reusing one it
				// is about to close races its FIN and costs a retry.
				reset: serverCloses,
			});
			const response = httpRequest.survivesInterrupt ? await sent : await abandonedOnInterrupt(sent);
			probe.headersAt = Date.now();
			answered();
			if (viaProxy) {
				markConnected();
			}

			const headers = flattenHeaders(response.headers);
			if (/\bclose\b/i.test(headers['connection'] ?? '')) {
				sendOneAtATime();
			}

			const body = decodeBody(await readBody(response.body), headers['content-encoding'], response.statusCode, maxBodyBytes).toString('utf8');
			if (url.protocol === 'http:' && saysPortWantsTls(response.statusCode, body)) {
				throw wrongSchemeToTlsPort(url);
			}

			return {status: response.statusCode, headers, body, url: url.toString()};
		} catch (error) {
			if (error instanceof UnreadableBodyError || error instanceof InterruptedRequest) {
				throw error;
			}

			// Not failures of their own: the caller, or `send`, sends it again, or the run was stopped.
			if (signal.reason instanceof StoppedForCaller || signal.reason instanceof SentAgain || signal.reason instanceof InterruptedRequest) {
				throw signal.reason;
			}

			let failure = classifyNetworkError(error, {viaProxy, timeoutMs: options.timeoutMs});
			if (failure.kind === 'connection-reset') {
				sendOneAtATime();
			}

			// Plain HTTP to a TLS port is cut off or answered with a TLS alert; one handshake tells
			// that apart from a dropped connection before any retry or timeout.
			if (!viaProxy && url.protocol === 'http:' && (failure.kind === 'connection-reset' || failure.kind === 'unknown')) {
				if (await speaksTls(url, Math.min(options.timeoutMs, 5000), routeOf(url, options.route))) {
					failure = wrongSchemeToTlsPort(url);
				}
			}

			markConnectFailed(failure);
			throw failure;
		} finally {
			answered();
		}
	}

	const watch = options.observer ? watchExchanges(options.observer, ourSockets) : null;

	/** One attempt, told to the observer (when there is one) as it leaves and when it ends. */
	async function attempt(httpRequest: HttpRequest, url: URL, attemptNumber: number): Promise<Omit<HttpResponse, 'attempts'>> {
		const probe: {headersAt?: number} = {};
		if (!watch) {
			return attemptOnce(httpRequest, url, probe);
		}

		const exchange = watch.sent(httpRequest, url, attemptNumber, proxyDecision(url, options.proxy, environment).proxy);
		try {
			const outcome = await attemptOnce(httpRequest, url, probe);
			watch.finished(exchange, probe, {status: outcome.status, headers: outcome.headers, body: outcome.body});
			return outcome;
		} catch (error) {
			watch.finished(exchange, probe, {error: describeFailure(error)});
			throw error;
		}
	}

	async function send(httpRequest: HttpRequest): Promise<HttpResponse> {
		const url = new URL(httpRequest.url);
		const started = Date.now();
		for (let attempts = 1; ; attempts++) {
			let outcome: Omit<HttpResponse, 'attempts'> | NetworkError;
			try {
				outcome = await attempt(httpRequest, url, attempts);
			} catch (error) {
				// Stopped on a pipelined connection before it was answered: at once, one request at a time now.
				// It counts as an attempt: it may have been the one the server dropped.
				if (error instanceof SentAgain) {
					continue;
				}

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

			await pause(delay, httpRequest);
		}
	}

	return {
		send,
		firstConnection,
		usesProxy: url => !routeOf(new URL(url), options.route) && proxyDecision(new URL(url), options.proxy, environment).proxy !== undefined,
		async close() {
			watch?.stop();
			interrupt?.removeEventListener('abort', interruptNow);
			for (const timer of shortened) {
				clearTimeout(timer);
			}

			// After Ctrl-C, abandoned requests may never be answered: nothing waits for them.
			const agents = [...directAgents.values(), ...proxyAgents.values()];
			await Promise.all(agents.map(async agent => (interrupt?.aborted ? agent.destroy() : agent.close())));
		},
	};
}
