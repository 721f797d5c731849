import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer, type Server as HttpsServer} from 'node:https';
import {createServer as createNetServer, type Server as NetServer, type Socket} from 'node:net';
import type {TLSSocket} from 'node:tls';
import {brotliCompressSync, deflateSync, gzipSync} from 'node:zlib';
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
	/** The name `http-upgrade` moves every other name to. */
	canonicalOrigin: () => URL;
	/** Whether the address people are given starts with https:// (the host then plays the canonical name). */
	entryIsSecure: boolean;
};

export type RunningServer = {
	server: Server | NetServer;
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

// What the `compressed` gateway uses, one after the other, whatever the client asked for.
const codings = [
	['gzip', gzipSync],
	['br', brotliCompressSync],
	['deflate', deflateSync],
] as const;

function send(response: ServerResponse, reply: Reply, coding?: number): void {
	if (response.destroyed || response.headersSent) {
		return;
	}

	let body = Buffer.from(reply.body);
	const headers = {...reply.headers};
	if (coding !== undefined && body.length > 0) {
		const [name, encode] = codings[coding % codings.length]!;
		body = encode(body);
		headers['content-encoding'] = name;
	}

	// An explicit length keeps answers un-chunked, like Tableau's.
	response.writeHead(reply.status, {...headers, 'content-length': String(body.length)});
	response.end(body);
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
				: route({
						method: request.method ?? 'GET',
						target: request.url ?? '/',
						headers: request.headers,
						body,
						runtime,
						podOrigin: options.podOrigin(),
						canonicalOrigin: options.canonicalOrigin(),
						secure: Boolean((request.socket as Partial<TLSSocket>).encrypted),
						entryIsSecure: options.entryIsSecure,
					});
		send(response, reply, runtime.scenario === 'compressed' ? counters.requests : undefined);
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
	const plainServer = createHttpServer(listener);
	function track(socket: Socket): void {
		counters.connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	}

	/**
	With a certificate, one port tells TLS from plain HTTP by the first byte (a TLS handshake record
	starts with 22), as some gateways do: `http-upgrade` answers plain HTTP with a move to https://,
	and `wrong-scheme` answers a TLS handshake in plain HTTP, as a port without TLS would. In every
	other scenario a TLS port stays a TLS port, so plain HTTP fails there as it does on real servers.
	*/
	function sniff(socket: Socket): void {
		track(socket);
		socket.once('data', (first: Buffer) => {
			socket.pause();
			socket.unshift(first);
			const handshake = first[0] === 22;
			const plain = runtime.scenario === 'wrong-scheme' || (runtime.scenario === 'http-upgrade' && !handshake);
			(plain ? plainServer : secureServer!).emit('connection', socket);
			process.nextTick(() => socket.resume());
		});
	}

	const server: Server | NetServer = secureServer ? createNetServer(sniff) : plainServer;
	if (!secureServer) {
		plainServer.on('connection', track);
	}

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
			plainServer.closeAllConnections();
			secureServer?.closeAllConnections();
			// Sockets still in the TLS handshake are not HTTP connections yet; closeAllConnections misses them.
			for (const socket of sockets) {
				socket.destroy();
			}

			await closed;
		},
	};
}
