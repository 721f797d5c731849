import {isIP} from 'node:net';
import {connect} from 'node:tls';

/**
Whether `url`'s host and port complete a TLS handshake. Asked only after an `http://` request was cut
off or answered with bytes that are not HTTP: a TLS port does exactly that to plain HTTP (a TLS alert,
or it just closes), and one handshake tells it apart from a server that really failed, without
waiting for any timeout. The certificate is not checked: nothing is sent over this connection.
*/
export async function speaksTls(url: URL, timeoutMs: number, routed: {host: string; port: number} | null = null): Promise<boolean> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return new Promise(resolve => {
		const socket = connect({
			host: routed?.host ?? host,
			port: routed?.port ?? Number(url.port || 80),
			servername: isIP(host) === 0 ? host : undefined,
			rejectUnauthorized: false,
		});
		const timer = setTimeout(() => {
			finish(false);
		}, timeoutMs);
		function finish(answer: boolean): void {
			clearTimeout(timer);
			socket.destroy();
			resolve(answer);
		}

		socket.once('secureConnect', () => {
			finish(true);
		});
		socket.once('error', () => {
			finish(false);
		});
	});
}

// What TLS front ends answer to plain HTTP sent to their port: nginx, Apache, Tomcat, Go.
const plainHttpToTlsPort =
	/plain HTTP request was sent to HTTPS port|speaking plain HTTP to an SSL-enabled server|HTTP request to an HTTPS server|This combination of host and port requires TLS/i;

/** Whether a 400 answer to an `http://` request says that the port wants TLS. */
export function saysPortWantsTls(status: number, body: string): boolean {
	return status === 400 && plainHttpToTlsPort.test(body.slice(0, 4000));
}
