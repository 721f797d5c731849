// A real HTTP server on 127.0.0.1 in front of the simulator, for what real networks do and the
// simulator does not: a portal's HTML page on one call, a connection dropped mid-run, a server that
// answers in another dialect. Each request is forwarded unless the test's handler answers it.
import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {Agent, request} from 'undici';

export type FrontRequest = {method: string; path: string; headers: IncomingHttpHeaders; body: string};
export type FrontAnswer = {status: number; headers: Record<string, string>; body: string};

/**
What to do with one request: return an answer (the simulator's, changed or not, or one of the
test's own), or 'drop' to destroy the connection without answering.
*/
export type FrontHandler = (request: FrontRequest, forward: () => Promise<FrontAnswer>) => Promise<FrontAnswer | 'drop'>;

export type FrontServer = {
	readonly url: string;
	/** Every request that reached the front, dropped ones included. */
	readonly requests: FrontRequest[];
	/** The requests answered, in the order their answers were sent. */
	readonly answered: FrontRequest[];
	/** TCP connections accepted so far. */
	connections(): number;
	close(): Promise<void>;
};

const forwardedHeaders = ['content-type', 'retry-after', 'location'];

/**
How a front that closes every connection after one answer behaves, as HTTP/1.0-style proxies and some
load balancers do: `header` says `Connection: close` on the answer, `silent` just hangs up after it.
`forwardsDropped`: the requests pipelined behind the answered one still reach Tableau (as with a
server that reads ahead), though their answers are lost; otherwise they are never seen.
*/
export type ClosingFront = {closes: 'header' | 'silent'; forwardsDropped?: boolean};

/** Starts a server in front of `target` (an http:// origin); `handle` decides each request. */
export async function startFrontServer(
	target: string,
	handle: FrontHandler = async (_request, forward) => forward(),
	closing?: ClosingFront,
): Promise<FrontServer> {
	const agent = new Agent({keepAliveTimeout: 1000});
	const requests: FrontRequest[] = [];
	const answeredRequests: FrontRequest[] = [];
	const sockets = new Set<Socket>();
	let connections = 0;

	async function forward(incoming: FrontRequest): Promise<FrontAnswer> {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(incoming.headers)) {
			if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) {
				headers[name] = value;
			}
		}

		const answer = await request(`${target}${incoming.path}`, {
			method: incoming.method as 'GET' | 'POST',
			headers,
			body: incoming.method === 'GET' ? undefined : incoming.body,
			dispatcher: agent,
		});
		const kept: Record<string, string> = {};
		for (const name of forwardedHeaders) {
			const value = answer.headers[name];
			if (typeof value === 'string') {
				kept[name] = value;
			}
		}

		return {status: answer.statusCode, headers: kept, body: await answer.body.text()};
	}

	// Like a real HTTP/1.1 server, requests pipelined on one connection are handled one after the
	// other: nothing behind a dropped request reaches the simulator.
	const queues = new WeakMap<Socket, Promise<void>>();
	const answered = new WeakSet<Socket>();
	const server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		const body = new Promise<string>(resolve => {
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', () => {
				resolve(Buffer.concat(chunks).toString('utf8'));
			});
		});
		const {socket} = incoming;
		const turn = (queues.get(socket) ?? Promise.resolve()).then(async () => {
			const received: FrontRequest = {method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers: incoming.headers, body: await body};
			if (closing && answered.has(socket)) {
				if (closing.forwardsDropped) {
					requests.push(received);
					await forward(received).catch(() => {});
				}

				return;
			}

			if (socket.destroyed) {
				return;
			}

			requests.push(received);
			if (closing) {
				answered.add(socket);
				const answer = await handle(received, async () => forward(received));
				if (answer === 'drop') {
					socket.destroy();
					return;
				}

				answeredRequests.push(received);
				if (closing.closes === 'header') {
					response.writeHead(answer.status, {...answer.headers, connection: 'close'}).end(answer.body);
				} else {
					response.writeHead(answer.status, answer.headers).end(answer.body, () => {
						socket.destroy();
					});
				}

				return;
			}

			try {
				const answer = await handle(received, async () => forward(received));
				if (answer === 'drop') {
					socket.destroy();
				} else if (!response.destroyed) {
					answeredRequests.push(received);
					response.writeHead(answer.status, answer.headers).end(answer.body);
				}
			} catch (error) {
				response.writeHead(500, {'content-type': 'text/plain'}).end(String(error));
			}
		});
		queues.set(socket, turn);
	});
	server.on('connection', socket => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		answered: answeredRequests,
		connections: () => connections,
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
			await agent.close();
		},
	};
}

/** An HTML page such as a single-sign-on portal or a proxy answers with. */
export function htmlPage(status: number, title: string): FrontAnswer {
	return {
		status,
		headers: {'content-type': 'text/html; charset=utf-8'},
		body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><form method="post"><input name="username"></form></body></html>`,
	};
}
