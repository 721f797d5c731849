import net from 'node:net';

type Warm = {origin: string; socket: Promise<net.Socket>};

const warm = new Map<string, Warm['socket']>();

/** The origin the server text will most likely resolve to, or null when it cannot be guessed cheaply. */
function likelyOrigin(serverText: string): URL | null {
	try {
		const url = new URL(serverText.includes('://') ? serverText.trim() : `https://${serverText.trim()}`);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
	} catch {
		return null;
	}
}

/**
Opens the TCP connection to the server while the rest of the program is still loading, so the
handshake's round trip overlaps start-up instead of following it. Only a plain TCP socket is opened:
TLS, with whatever CA the flags name, is done by the transport on top of it. The socket is
unreferenced, so an unused one never keeps the process alive; it is skipped behind a proxy.
*/
export function preconnect(serverText: string | undefined, env: NodeJS.ProcessEnv): void {
	if (!serverText || ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(name => env[name])) {
		return;
	}

	const url = likelyOrigin(serverText);
	if (!url) {
		return;
	}

	const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
	// Stryker disable next-line Regex: URL's hostname has brackets only around an IPv6 address, first and last, so unanchored patterns remove the same two.
	const socket = net.connect({host: url.hostname.replace(/^\[|\]$/g, ''), port});
	socket.unref();
	// Failures are not reported here: the transport connects again and reports them properly.
	socket.on('error', () => {});
	const connected = new Promise<net.Socket>((resolve, reject) => {
		socket.once('connect', () => {
			resolve(socket);
		});
		socket.once('error', reject);
	});
	// Nobody may ever take it (a usage error ends the run first): a failure must not crash the process.
	connected.catch(() => {});
	warm.set(url.origin, connected);
}

/** The socket opened early for `origin`, once: the first connection of a run takes it. */
export function takePreconnected(origin: string): Warm['socket'] | undefined {
	const socket = warm.get(origin);
	warm.delete(origin);
	return socket;
}

/**
Closes the sockets nobody took (a usage error ended the run first). A process exits anyway; a
command run in-process (tests) must not leave one for a later run to the same origin.
*/
export function dropPreconnected(): void {
	for (const pending of warm.values()) {
		pending.then(
			socket => socket.destroy(),
			() => {},
		);
	}

	warm.clear();
}
