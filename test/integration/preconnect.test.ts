// The TCP connection opened at start-up: to the origin the server text will resolve to, scheme or not,
// and never behind a proxy. A raw TCP server on 127.0.0.1 counts the connections.
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {dropPreconnected, preconnect, takePreconnected} from '../../source/tableau/preconnect.js';

const servers: net.Server[] = [];
afterEach(async () => {
	dropPreconnected();
	await Promise.all(servers.splice(0).map(async server => new Promise(resolve => server.close(resolve))));
});

async function listening(): Promise<{port: number; connections: () => number}> {
	let connections = 0;
	const server = net.createServer(socket => {
		connections++;
		socket.on('error', () => {});
		socket.end();
	});
	servers.push(server);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {port: (server.address() as net.AddressInfo).port, connections: () => connections};
}

describe('preconnect', () => {
	it('opens the connection for a host and port typed without a scheme, as https://', async () => {
		const {port, connections} = await listening();
		preconnect(` 127.0.0.1:${port} `, {});
		const socket = await takePreconnected(`https://127.0.0.1:${port}`);
		expect(socket?.remotePort).toBe(port);
		expect(connections()).toBe(1);
		socket?.destroy();
		expect(takePreconnected(`https://127.0.0.1:${port}`)).toBeUndefined();
	});

	it('opens the connection for an http:// address to that origin', async () => {
		const {port} = await listening();
		preconnect(`http://127.0.0.1:${port}/#/site/acme`, {});
		expect(takePreconnected(`https://127.0.0.1:${port}`)).toBeUndefined();
		const socket = await takePreconnected(`http://127.0.0.1:${port}`);
		expect(socket?.remotePort).toBe(port);
		socket?.destroy();
	});

	it('opens nothing behind a proxy, or for an address that is not http', async () => {
		const {port} = await listening();
		preconnect(`127.0.0.1:${port}`, {HTTPS_PROXY: 'http://proxy:3128'});
		preconnect(`ftp://127.0.0.1:${port}`, {});
		expect(takePreconnected(`https://127.0.0.1:${port}`)).toBeUndefined();
		expect(takePreconnected(`ftp://127.0.0.1:${port}`)).toBeUndefined();
	});
});
