// A TCP proxy that adds a fixed delay to every byte in each direction, so that a local server
// behaves like one 50 ms away (100 ms round trip). Used by scripts/bench.js; runnable on its own:
//   node scripts/latency-proxy.js TARGET_HOST:PORT [DELAY_MS_EACH_WAY]
// It counts the connections it accepts, which is how the bench proves "one connection per run", and
// the round trips (handshakes, and each flight of bytes the client sends before it hears back).
//
// The TCP handshake is modelled too: a real client can send its first byte only one round trip
// after connect(), so the first bytes of each connection leave no earlier than that. Without it, a
// client that opens many connections would look as fast as one that reuses a single one.
import net from 'node:net';
import {pathToFileURL} from 'node:url';

/**
Forwards chunks from one socket to another, each `delayMs` after it arrived (and never before
`notBefore`), in arrival order. Ends the destination once everything before the end went out.
*/
function delayedPipe(from, to, delayMs, notBefore = 0) {
	const queue = [];
	let timer = null;
	let ended = false;

	const flush = () => {
		timer = null;
		const now = performance.now();
		while (queue.length > 0 && queue[0].due <= now + 0.5) {
			const item = queue.shift();
			if (item.end) {
				to.end();
			} else if (!to.destroyed) {
				to.write(item.chunk);
			}
		}

		if (queue.length > 0) {
			timer = setTimeout(flush, Math.max(0, queue[0].due - performance.now()));
		}
	};

	const push = item => {
		// Due times only grow (arrival time is monotonic, the floor is fixed), so order is kept.
		queue.push({...item, due: Math.max(performance.now(), notBefore) + delayMs});
		if (timer === null) {
			timer = setTimeout(flush, Math.max(0, queue[0].due - performance.now()));
		}
	};

	from.on('data', chunk => push({chunk}));
	from.on('end', () => {
		if (!ended) {
			ended = true;
			push({end: true});
		}
	});
	return () => {
		if (timer !== null) {
			clearTimeout(timer);
		}
	};
}

/**
Starts the proxy on 127.0.0.1 (a free port unless `port` is given) in front of `target`.
Returns its URL origin for the given scheme, a connection counter, and close().
*/
export async function startLatencyProxy({targetHost = '127.0.0.1', targetPort, delayMs = 50, port = 0, handshake = true, scheme = 'http'}) {
	const sockets = new Set();
	let connections = 0;
	let flights = 0;
	const server = net.createServer(client => {
		connections++;
		// A flight is what the client sends before it hears back. Each one costs a round trip, as
		// does each connection's TCP handshake; a TLS handshake shows up as one flight more.
		let lastFrom = null;
		const accepted = performance.now();
		const upstream = net.connect({host: targetHost, port: targetPort});
		sockets.add(client);
		sockets.add(upstream);
		client.setNoDelay(true);
		upstream.setNoDelay(true);
		client.on('data', () => {
			if (lastFrom !== 'client') {
				flights++;
			}

			lastFrom = 'client';
		});
		upstream.on('data', () => {
			lastFrom = 'server';
		});
		const stops = [delayedPipe(client, upstream, delayMs, handshake ? accepted + 2 * delayMs : 0), delayedPipe(upstream, client, delayMs)];
		const closeBoth = () => {
			for (const stop of stops) {
				stop();
			}

			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};

		client.on('error', closeBoth);
		upstream.on('error', closeBoth);
		client.on('close', () => setTimeout(closeBoth, 3 * delayMs + 5));
		upstream.on('close', () => setTimeout(closeBoth, 3 * delayMs + 5));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const {port: listening} = server.address();
	return {
		url: `${scheme}://127.0.0.1:${listening}`,
		port: listening,
		/** Connections accepted so far. */
		connections: () => connections,
		/** Round trips so far, over connections that follow one another: handshakes plus the client's flights. */
		roundTrips: () => connections + flights,
		resetCount() {
			connections = 0;
			flights = 0;
		},
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const [target, delay] = process.argv.slice(2);
	const match = /^(.+):(\d+)$/.exec(target ?? '');
	if (!match) {
		console.error('Usage: node scripts/latency-proxy.js TARGET_HOST:PORT [DELAY_MS_EACH_WAY]');
		process.exit(2);
	}

	const proxy = await startLatencyProxy({targetHost: match[1], targetPort: Number(match[2]), delayMs: Number(delay ?? 50)});
	console.log(`${proxy.url} -> ${target}, ${delay ?? 50} ms each way. Ctrl-C to stop.`);
	process.once('SIGINT', async () => {
		console.log(`${proxy.connections()} connections.`);
		await proxy.close();
	});
}
