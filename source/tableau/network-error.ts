/**
Why a request never got an HTTP answer. The names match the diagnosis codes that describe them, so
the verifier can pass them through; `connection-reset` and `unknown` have no code of their own.
*/
export type NetworkFailureKind =
	| 'dns-not-found'
	| 'connection-refused'
	| 'timeout'
	| 'tls-untrusted-certificate'
	| 'tls-hostname-mismatch'
	| 'tls-certificate-expired'
	| 'proxy-error'
	| 'wrong-scheme'
	| 'connection-reset'
	| 'unknown';

/** A request that failed below HTTP. `code` is the system or TLS error code, safe to show. */
export class NetworkError extends Error {
	override readonly name = 'NetworkError';

	constructor(
		readonly kind: NetworkFailureKind,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const untrustedCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
	'CERT_REJECTED',
]);

const kindByCode: Record<string, NetworkFailureKind> = {
	ENOTFOUND: 'dns-not-found',
	EAI_AGAIN: 'dns-not-found',
	EAI_NONAME: 'dns-not-found',
	ECONNREFUSED: 'connection-refused',
	EHOSTUNREACH: 'connection-refused',
	ENETUNREACH: 'connection-refused',
	EADDRNOTAVAIL: 'connection-refused',
	ETIMEDOUT: 'timeout',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
	ERR_TLS_CERT_ALTNAME_INVALID: 'tls-hostname-mismatch',
	CERT_HAS_EXPIRED: 'tls-certificate-expired',
	CERT_NOT_YET_VALID: 'tls-certificate-expired',
	// https:// to a port that answers plain HTTP: the "TLS record" OpenSSL reads is an HTTP status line.
	ERR_SSL_WRONG_VERSION_NUMBER: 'wrong-scheme',
	ERR_SSL_PACKET_LENGTH_TOO_LONG: 'wrong-scheme',
	ERR_SSL_RECORD_LENGTH_MISMATCH: 'wrong-scheme',
	ERR_SSL_HTTP_REQUEST: 'wrong-scheme',
	ECONNRESET: 'connection-reset',
	EPIPE: 'connection-reset',
	UND_ERR_SOCKET: 'connection-reset',
	UND_ERR_CLOSED: 'connection-reset',
};

type ErrorLike = {name?: unknown; code?: unknown; message?: unknown; cause?: unknown};

function chainOf(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}

	return chain;
}

/**
Turns whatever undici or Node threw into a `NetworkError`. Errors are matched on their `code` (and
their causes' codes), not on classes, because undici wraps system errors differently per version.
*/
export function classifyNetworkError(error: unknown, context: {viaProxy: boolean; timeoutMs: number}): NetworkError {
	if (error instanceof NetworkError) {
		return error;
	}

	const chain = chainOf(error);
	for (const link of chain) {
		if (link.name === 'TimeoutError') {
			return new NetworkError('timeout', 'TIMEOUT', `No answer within ${context.timeoutMs / 1000} s`);
		}

		const message = typeof link.message === 'string' ? link.message : '';
		if (/Proxy response \(\d+\)/.test(message)) {
			return new NetworkError('proxy-error', 'PROXY_TUNNEL_REFUSED', message);
		}
	}

	for (const link of chain) {
		const code = typeof link.code === 'string' ? link.code : '';
		if (!code) {
			continue;
		}

		let kind = untrustedCodes.has(code) ? 'tls-untrusted-certificate' : kindByCode[code];
		if (!kind) {
			continue;
		}

		// A proxy that cannot be reached looks like an unreachable server; name the real culprit.
		if (context.viaProxy && (kind === 'connection-refused' || kind === 'dns-not-found')) {
			kind = 'proxy-error';
		}

		const message = typeof link.message === 'string' ? link.message : code;
		return new NetworkError(kind, code, message);
	}

	const first = chain[0];
	const message = first && typeof first.message === 'string' ? first.message : String(error);
	const code = first && typeof first.code === 'string' ? first.code : 'UNKNOWN';
	return new NetworkError('unknown', code, message);
}
