// The transport over real HTTP on 127.0.0.1: a header sent twice reads as one comma-separated value,
// and close() ends the kept-alive connections instead of leaving them to the server's timeout.
import {createServer, type Server} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {createTransport} from '../../source/tableau/transport.js';

const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(
		servers.splice(0).map(
			async server =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		),
	);
});

async function serve(): Promise<{url: string; sockets: Socket[]}> {
	const sockets: Socket[] = [];
	const server = createServer((_request, response) => {
		response.setHeader('X-Seen', ['first', 'second']);
		response.writeHead(200, {'content-type': 'text/plain', 'keep-alive': 'timeout=60'}).end('ok');
	});
	server.keepAliveTimeout = 60_000;
	server.on('connection', socket => sockets.push(socket));
	servers.push(server);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets};
}

describe('transport', () => {
	it('joins a header sent twice with a comma, and lowercases its name', async () => {
		const {url} = await serve();
		const transport = createTransport({timeoutMs: 3000});
		try {
			const response = await transport.send({method: 'GET', url: `${url}/api/3.19/serverinfo`});
			expect(response.status).toBe(200);
			expect(response.headers['x-seen']).toBe('first, second');
			expect(response.body).toBe('ok');
		} finally {
			await transport.close();
		}
	});

	it('closes its kept-alive connection when it is closed', async () => {
		const {url, sockets} = await serve();
		const transport = createTransport({timeoutMs: 3000});
		await transport.send({method: 'GET', url: `${url}/api/3.19/serverinfo`});
		expect(sockets).toHaveLength(1);
		const ended = new Promise<string>(resolve => {
			sockets[0]!.once('close', () => resolve('closed'));
		});
		await transport.close();
		const deadline = new Promise<string>(resolve => {
			setTimeout(() => resolve('still open'), 2000).unref();
		});
		expect(await Promise.race([ended, deadline])).toBe('closed');
	});
});
