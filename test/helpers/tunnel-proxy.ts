// The smallest proxy that does what corporate ones do for https: CONNECT host:port, then bytes both
// ways; with `credentials`, it asks for them as they do (407 until Proxy-Authorization is right).
import {createServer, type Server} from 'node:http';
import {connect, type AddressInfo, type Socket} from 'node:net';

export type TunnelProxy = {
	url: string;
	/** The CONNECT targets, in order; only those it let through. */
	tunnels: string[];
	/** Every Proxy-Authorization it was sent (undefined for none), in order. */
	authorizations: Array<string | undefined>;
	close(): Promise<void>;
};

export async function startTunnelProxy(options: {credentials?: {user: string; password: string}} = {}): Promise<TunnelProxy> {
	const tunnels: string[] = [];
	const authorizations: Array<string | undefined> = [];
	const sockets = new Set<Socket>();
	const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}` : undefined;
	const proxy: Server = createServer((_request, response) => {
		response.writeHead(405).end();
	});
	proxy.on('connect', (request, client: Socket, head: Buffer) => {
		const authorization = request.headers['proxy-authorization'];
		authorizations.push(authorization);
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		if (expected !== undefined && authorization !== expected) {
			client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
			return;
		}

		tunnels.push(request.url ?? '');
		const [host, port] = (request.url ?? '').split(':');
		const upstream = connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		for (const socket of [client, upstream]) {
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
	});
	await new Promise<void>(resolve => {
		proxy.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
		tunnels,
		authorizations,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise(resolve => {
				proxy.close(resolve);
			});
		},
	};
}
