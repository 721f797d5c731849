// What classifyNetworkError makes of the errors undici and Node throw: matched on their codes, their
// causes' codes included, never on classes.
import net from 'node:net';
import {describe, expect, it} from 'vitest';
import {classifyNetworkError, NetworkError, type NetworkFailureKind} from '../../source/tableau/network-error.js';

const direct = {viaProxy: false, timeoutMs: 3000};

function systemError(code: string, message: string): Error {
	return Object.assign(new Error(message), {code});
}

describe('classifyNetworkError', () => {
	it.each<[string, NetworkFailureKind]>([
		['ENOTFOUND', 'dns-not-found'],
		['EAI_AGAIN', 'dns-not-found'],
		['ECONNREFUSED', 'connection-refused'],
		['EHOSTUNREACH', 'connection-refused'],
		['ETIMEDOUT', 'timeout'],
		['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
		['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
		['UND_ERR_BODY_TIMEOUT', 'timeout'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted-certificate'],
		['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-untrusted-certificate'],
		['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-hostname-mismatch'],
		['CERT_HAS_EXPIRED', 'tls-certificate-expired'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong-scheme'],
		['ECONNRESET', 'connection-reset'],
		['UND_ERR_SOCKET', 'connection-reset'],
	])('%s, as the cause of a fetch failure, is %s', (code, kind) => {
		const error = new TypeError('fetch failed', {cause: systemError(code, `${code} happened`)});
		const classified = classifyNetworkError(error, direct);
		expect(classified).toBeInstanceOf(NetworkError);
		expect({kind: classified.kind, code: classified.code, message: classified.message}).toEqual({kind, code, message: `${code} happened`});
	});

	it('blames the proxy for a refused or unknown host when the request went through one', () => {
		for (const code of ['ECONNREFUSED', 'ENOTFOUND']) {
			expect(classifyNetworkError(systemError(code, 'x'), {viaProxy: true, timeoutMs: 3000}).kind).toBe('proxy-error');
		}

		expect(classifyNetworkError(systemError('ETIMEDOUT', 'x'), {viaProxy: true, timeoutMs: 3000}).kind).toBe('timeout');
	});

	it('gives a timeout in seconds', () => {
		const error = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
		expect(classifyNetworkError(error, {viaProxy: false, timeoutMs: 2500})).toMatchObject({
			kind: 'timeout',
			code: 'TIMEOUT',
			message: 'No answer within 2.5 s',
		});
	});

	it('reads a refused proxy tunnel from its message', () => {
		const error = new TypeError('fetch failed', {cause: new Error('Proxy response (407) !== 200 when HTTP Tunneling')});
		expect(classifyNetworkError(error, direct)).toMatchObject({
			kind: 'proxy-error',
			code: 'PROXY_TUNNEL_REFUSED',
			message: 'Proxy response (407) !== 200 when HTTP Tunneling',
		});
	});

	it('keeps the code and message of an error it does not know', () => {
		const classified = classifyNetworkError(systemError('ESOMETHING', 'something odd'), direct);
		expect({kind: classified.kind, code: classified.code, message: classified.message}).toEqual({
			kind: 'unknown',
			code: 'ESOMETHING',
			message: 'something odd',
		});
		const bare = classifyNetworkError('a string thrown', direct);
		expect({kind: bare.kind, code: bare.code, message: bare.message}).toEqual({kind: 'unknown', code: 'UNKNOWN', message: 'a string thrown'});
	});

	it('reads a real refused connection', async () => {
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		await new Promise<void>(resolve => server.close(() => resolve()));
		const error = await new Promise<unknown>(resolve => {
			net.connect({host: '127.0.0.1', port}).once('error', resolve);
		});
		expect(classifyNetworkError(error, direct)).toMatchObject({kind: 'connection-refused', code: 'ECONNREFUSED'});
	});
});
