import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer, type Server as HttpsServer} from 'node:https';
import type {Socket} from 'node:net';
import type {Runtime} from './context.js';
import {badRequest} from './errors.js';
import {route} from './router.js';
import type {CertificatePair} from './certificates.js';
import type {Reply} from './responses.js';

export type RequestRecord = {method: string; path: string; headers: Record<string, string | string[] | undefined>};

export type ServerOptions = {
	runtime: Runtime;
	certificate: CertificatePair | null;
	slowMs: number;
	/** Known only once listening; the redirect scenarios need the port. */
	podOrigin: () => URL;
};

export type RunningServer = {
	server: Server;
	requests: RequestRecord[];
	counters: {requests: number; connections: number};
	/** Serves another certificate from the next handshake on (HTTPS only). */
	setCertificate(certificate: CertificatePair): void;
	/** Stops accepting, cuts every open socket and pending delay, and resolves once closed. */
	close(): Promise<void>;
};

// Sign-in bodies are tiny; a cap keeps a misbehaving client from filling memory.
const maxBodyBytes = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= maxBodyBytes) {
				chunks.push(chunk);
			}
		});
		request.on('end', () => {
			resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8'));
		});
		request.on('error', reject);
	});
}

function send(response: ServerResponse, reply: Reply): void {
	if (response.destroyed || response.headersSent) {
		return;
	}

	// An explicit length keeps answers un-chunked, like Tableau's.
	response.writeHead(reply.status, {...reply.headers, 'content-length': String(Buffer.byteLength(reply.body))});
	response.end(reply.body);
}

export function createSimulatorServer(options: ServerOptions): RunningServer {
	const {runtime} = options;
	const requests: RequestRecord[] = [];
	const counters = {requests: 0, connections: 0};
	const sockets = new Set<Socket>();
	const delays = new Set<NodeJS.Timeout>();

	function delay(response: ServerResponse): Promise<void> {
		return new Promise(resolve => {
			const timer = setTimeout(() => {
				delays.delete(timer);
				resolve();
			}, options.slowMs);
			delays.add(timer);
			// A client that gave up needs no answer; forget the timer so close() is prompt.
			response.on('close', () => {
				clearTimeout(timer);
				delays.delete(timer);
				resolve();
			});
		});
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		counters.requests++;
		// Headers only: bodies carry the token secret.
		requests.push({method: request.method ?? '', path: request.url ?? '', headers: {...request.headers}});
		const body = await readBody(request);
		if (runtime.scenario === 'slow') {
			await delay(response);
		}

		const reply =
			body === undefined
				? badRequest({format: 'xml', namespace: 'http://tableau.com/api', restApiVersion: runtime.behaviour.restApiVersion}, 'The request body is too large.')
				: route({method: request.method ?? 'GET', target: request.url ?? '/', headers: request.headers, body, runtime, podOrigin: options.podOrigin()});
		send(response, reply);
	}

	function listener(request: IncomingMessage, response: ServerResponse): void {
		handle(request, response).catch((error: unknown) => {
			// A simulator bug should be visible to the client as a 500, not hang it.
			send(response, {status: 500, headers: {'content-type': 'text/plain'}, body: `Simulator error: ${String(error)}`});
		});
	}

	const secureServer: HttpsServer | undefined = options.certificate
		? createHttpsServer({key: options.certificate.key, cert: options.certificate.cert}, listener)
		: undefined;
	const server: Server = secureServer ?? createHttpServer(listener);
	server.on('connection', (socket: Socket) => {
		counters.connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		server,
		requests,
		counters,
		setCertificate(certificate) {
			if (!secureServer) {
				throw new Error('This simulator serves HTTP; it has no certificate to replace.');
			}

			secureServer.setSecureContext({key: certificate.key, cert: certificate.cert});
			// Kept-alive connections would go on with the old certificate.
			secureServer.closeIdleConnections();
		},
		async close() {
			for (const timer of delays) {
				clearTimeout(timer);
			}

			delays.clear();
			const closed = new Promise<void>(resolve => {
				server.close(() => resolve());
			});
			server.closeAllConnections();
			// Sockets still in the TLS handshake are not HTTP connections yet; closeAllConnections misses them.
			for (const socket of sockets) {
				socket.destroy();
			}

			await closed;
		},
	};
}
