import {subscribe, unsubscribe} from 'node:diagnostics_channel';
import type {Socket} from 'node:net';
import {proxySecrets, type Exchange, type ExchangeObserver} from './exchange.js';
import type {HttpRequest} from './http-request.js';

type Answer = {status: number; headers: Record<string, string>; body: string} | {error: string};

let nextExchangeId = 1;

/**
Builds the exchanges of one transport for its observer. undici says which socket sent a request's
headers only on its diagnostics channel; it is listened to only while someone asked for a trace, so
runs without one pay nothing.
*/
export function watchExchanges(observer: ExchangeObserver, ourSockets: WeakSet<Socket>) {
	const socketNumbers = new WeakMap<Socket, number>();
	let sockets = 0;
	// Sent by us and not yet seen leaving on a socket, in order: undici sends them in that order too.
	const leaving: Exchange[] = [];

	const onSendHeaders = (message: unknown) => {
		const {request, socket} = message as {request: {method: string; path: string}; socket: Socket};
		if (!ourSockets.has(socket)) {
			return;
		}

		const index = leaving.findIndex(exchange => exchange.method === request.method && pathOf(exchange.url) === request.path);
		if (index === -1) {
			return;
		}

		let number = socketNumbers.get(socket);
		if (number === undefined) {
			number = ++sockets;
			socketNumbers.set(socket, number);
		}

		leaving.splice(index, 1)[0]!.connection = number;
	};

	subscribe('undici:client:sendHeaders', onSendHeaders);

	return {
		sent(httpRequest: HttpRequest, url: URL, attempt: number, proxy: string | undefined): Exchange {
			const exchange: Exchange = {
				id: nextExchangeId++,
				connection: null,
				attempt,
				proxy: proxy === undefined ? null : {url: proxy, credentials: proxySecrets(proxy).length > 0},
				startedAt: Date.now(),
				method: httpRequest.method,
				url: url.toString(),
				requestHeaders: {...httpRequest.headers},
				requestBody: httpRequest.body ?? null,
				status: null,
				responseHeaders: {},
				responseBody: '',
				waitMs: null,
				totalMs: null,
				error: null,
			};
			leaving.push(exchange);
			observer.sent?.({...exchange});
			return exchange;
		},
		finished(exchange: Exchange, probe: {headersAt?: number}, answer: Answer): void {
			const index = leaving.indexOf(exchange);
			if (index !== -1) {
				leaving.splice(index, 1);
			}

			const ended = Date.now();
			observer.finished({
				...exchange,
				...('error' in answer ? {error: answer.error} : {status: answer.status, responseHeaders: answer.headers, responseBody: answer.body}),
				waitMs: probe.headersAt === undefined ? null : probe.headersAt - exchange.startedAt,
				totalMs: ended - exchange.startedAt,
			});
		},
		stop(): void {
			unsubscribe('undici:client:sendHeaders', onSendHeaders);
		},
	};
}

function pathOf(url: string): string {
	const parsed = new URL(url);
	return `${parsed.pathname}${parsed.search}`;
}

/** A failure in words for a trace: the network error's code, or the error's name and message. */
export function describeFailure(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as {code?: unknown}).code;
		return typeof code === 'string' ? `${error.name} ${code}: ${error.message}` : `${error.name}: ${error.message}`;
	}

	return String(error);
}
