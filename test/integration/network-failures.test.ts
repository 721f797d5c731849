// Failures below HTTP, produced for real on 127.0.0.1: a closed port, a server that never answers,
// a name that does not resolve, a proxy that refuses the tunnel.
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer as createTcpServer, type AddressInfo, type Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {verifyConnection} from '../../source/verify/pipeline.js';

const credentials = {site: 'acme', tokenName: 'Parable Integration', tokenSecret: 'network-failure-secret-1234'};
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
	await Promise.all(closers.splice(0).map(async close => close()));
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	closers.push(
		async () =>
			new Promise<void>(resolve => {
				(server as Server).closeAllConnections?.();
				server.close(() => {
					resolve();
				});
			}),
	);
	return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
	const server = createTcpServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise(resolve => {
		server.close(resolve);
	});
	return port;
}

describe('network failures', () => {
	it('connection-refused when nothing listens', async () => {
		const port = await closedPort();
		const result = await verifyConnection({server: `http://127.0.0.1:${port}`, ...credentials}, {timeoutMs: 2000});
		expect(result.diagnosis?.code).toBe('connection-refused');
		expect(result.checks.map(check => check.status)).toEqual(['fail', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
	});

	it('dns-not-found for a name that cannot resolve', async () => {
		const result = await verifyConnection({server: 'https://tableau.no-such-host.invalid', ...credentials}, {timeoutMs: 5000});
		expect(result.diagnosis?.code).toBe('dns-not-found');
		expect(result.checks[0]).toMatchObject({id: 'reach', status: 'fail'});
	});

	it('timeout when the server accepts but never answers, within the deadline', async () => {
		const sockets = new Set<Socket>();
		const silent = createTcpServer(socket => {
			sockets.add(socket);
		});
		const port = await listen(silent);
		closers.push(async () => {
			for (const socket of sockets) socket.destroy();
		});
		const started = Date.now();
		const result = await verifyConnection({server: `http://127.0.0.1:${port}`, ...credentials}, {timeoutMs: 1000});
		const elapsed = Date.now() - started;
		expect(result.diagnosis?.code).toBe('timeout');
		expect(result.checks[0]?.status).toBe('ok');
		expect(result.checks[1]?.status).toBe('fail');
		// Well within the 15 s default that a lost --timeout would give, with room for a loaded machine.
		expect(elapsed).toBeLessThan(10_000);
	});

	it('invalid-url without touching the network', async () => {
		const result = await verifyConnection({server: 'ftp://tableau.example.com', ...credentials});
		expect(result.diagnosis?.code).toBe('invalid-url');
		expect(result.checks.filter(check => check.status === 'skipped')).toHaveLength(5);
	});

	it('proxy-error when the proxy refuses to open the tunnel', async () => {
		const proxy = createHttpServer((_request, response) => {
			response.writeHead(403).end();
		});
		proxy.on('connect', (_request, socket) => {
			socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
		});
		const proxyPort = await listen(proxy);
		const result = await verifyConnection(
			{server: 'https://tableau.example.com', ...credentials},
			{timeoutMs: 3000, transportOptions: {proxy: {httpsProxy: `http://127.0.0.1:${proxyPort}`, noProxy: ''}}},
		);
		expect(result.diagnosis?.code).toBe('proxy-error');
	});

	it('proxy-error when the proxy itself is down', async () => {
		const port = await closedPort();
		const result = await verifyConnection(
			{server: 'https://tableau.example.com', ...credentials},
			{timeoutMs: 3000, transportOptions: {proxy: {httpsProxy: `http://127.0.0.1:${port}`, noProxy: ''}}},
		);
		expect(result.diagnosis?.code).toBe('proxy-error');
	});

	it('not-tableau when an ordinary web server answers', async () => {
		const portal = createHttpServer((_request, response) => {
			response.writeHead(404, {'content-type': 'text/html'}).end('<html><head><title>Not Found</title></head><body>nope</body></html>');
		});
		const port = await listen(portal);
		const result = await verifyConnection({server: `http://127.0.0.1:${port}`, ...credentials}, {timeoutMs: 2000});
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(result.diagnosis?.httpStatus).toBe(404);
	});
});
