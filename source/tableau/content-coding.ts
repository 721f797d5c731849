import {brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync} from 'node:zlib';

/**
A body that arrived but cannot be read: a content coding we do not know, or compressed data that is
broken or would grow past the size cap. The reason is safe to show; it never quotes the body.
*/
export class UnreadableBodyError extends Error {
	override readonly name = 'UnreadableBodyError';

	constructor(
		readonly status: number,
		readonly reason: string,
	) {
		super(reason);
	}
}

type Decoder = (data: Buffer, maxBytes: number) => Buffer;

// A zlib stream starts with a header whose two bytes, read as a number, are a multiple of 31 with
// method 8 (deflate). Some servers send "deflate" as a raw stream without that header, as browsers
// have long tolerated; both are read.
function isZlibStream(data: Buffer): boolean {
	return data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
}

const decoders: Record<string, Decoder> = {
	gzip: (data, maxBytes) => gunzipSync(data, {maxOutputLength: maxBytes}),
	'x-gzip': (data, maxBytes) => gunzipSync(data, {maxOutputLength: maxBytes}),
	deflate: (data, maxBytes) => (isZlibStream(data) ? inflateSync(data, {maxOutputLength: maxBytes}) : inflateRawSync(data, {maxOutputLength: maxBytes})),
	br: (data, maxBytes) => brotliDecompressSync(data, {maxOutputLength: maxBytes}),
};

/**
Undoes `Content-Encoding`, last coding first (RFC 9110 §8.4). A request without `Accept-Encoding`
accepts any coding, and gateways in front of Tableau compress whatever they pass on, so every answer
goes through here. The size cap holds after decompression too: a small body that inflates to
gigabytes stops at `maxBytes`.
*/
export function decodeBody(data: Buffer, contentEncoding: string | undefined, status: number, maxBytes: number): Buffer {
	const codings = (contentEncoding ?? '')
		.split(',')
		.map(coding => coding.trim().toLowerCase())
		.filter(coding => coding !== '' && coding !== 'identity');
	let decoded = data;
	for (const coding of codings.reverse()) {
		const decoder = decoders[coding];
		if (!decoder) {
			throw new UnreadableBodyError(status, `the answer is compressed with "${coding.slice(0, 40)}", a content coding tableau-connect cannot read`);
		}

		if (decoded.length === 0) {
			continue;
		}

		try {
			decoded = decoder(decoded, maxBytes);
		} catch (error) {
			const tooLarge = (error as {code?: unknown}).code === 'ERR_BUFFER_TOO_LARGE';
			throw new UnreadableBodyError(
				status,
				tooLarge
					? `the ${coding} answer grows past ${Math.round(maxBytes / 1024 / 1024)} MiB once decompressed`
					: `the answer is labelled ${coding} but is not valid ${coding} data`,
			);
		}
	}

	return decoded;
}
