// Real servers redirect every path, compress answers, listen on the other scheme's port, and put
// other services in front of the REST API. Each case runs over real sockets on loopback addresses,
// and every server records what it received, so the tests can see where the token secret went.
import {gzipSync, deflateSync, deflateRawSync, brotliCompressSync} from 'node:zlib';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {certificateFor, type CertificatePair} from '../../source/simulator/certificates.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {healthy, json, serveScripted, type Reply, type Route, type ScriptedServer} from '../helpers/scripted-server.js';

const secret = 'real-server-secret-value';
const servers: ScriptedServer[] = [];
let certificate: CertificatePair;

beforeAll(async () => {
	certificate = await certificateFor('localhost');
});

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function serve(route: Route, options: Parameters<typeof serveScripted>[1] = {}): Promise<ScriptedServer> {
	const server = await serveScripted(route, options);
	servers.push(server);
	return server;
}

async function verify(server: string, options: Parameters<typeof verifyConnection>[1] = {}) {
	return verifyConnection(
		{server, site: 'acme', tokenName: 'Parable Integration', tokenSecret: secret},
		{timeoutMs: 10_000, caPem: certificate.cert, ...options},
	);
}

/** Redirects every path to the same path on `target`. */
function movedTo(target: () => string, status = 301): Route {
	return request => ({status, headers: {location: `${target()}${request.url ?? '/'}`}});
}

function sawSecret(server: ScriptedServer): boolean {
	return server.received.some(request => request.body.includes(secret) || JSON.stringify(request.headers).includes(secret));
}

function paths(server: ScriptedServer): string[] {
	return server.received.map(
		request =>
			`${request.method} ${
				request.path
					.replace(/\/api\/[\d.]+\//, '/api/V/')
					.replace(/sites\/[^/]+/, 'sites/S')
					.split('?')[0]
			}`,
	);
}

describe('redirects on reads', () => {
	it('follows http:// → https:// on every path and signs in, works and signs out on the https origin', async () => {
		const secure = await serve(healthy(), {tls: certificate});
		const plain = await serve(movedTo(() => secure.url));
		const result = await verify(plain.url);
		expect(result.ok).toBe(true);
		expect(result.server).toBe(plain.url);
		expect(result.warnings.map(item => item.code)).toEqual(['redirected']);
		expect(result.warnings[0]!.title).toContain(secure.url);
		expect(result.warnings[0]!.remediation[0]).toContain(`--server ${secure.url}`);
		expect(result.checks.find(check => check.id === 'serverinfo')?.summary).toContain(secure.url);
		expect(paths(secure)).toEqual(
			expect.arrayContaining(['GET /api/V/serverinfo', 'POST /api/V/auth/signin', 'GET /api/V/sessions/current', 'POST /api/V/auth/signout']),
		);
		// Sign-out happens where the session lives; the typed origin only saw round one.
		expect(paths(plain)).toEqual(['GET /api/V/serverinfo', 'POST /api/V/auth/signin']);
	});

	it('follows a chain of relative and absolute locations across 307, 308, 302 and 303', async () => {
		const secure = await serve(
			healthy((request, url) => {
				if (url.pathname.startsWith('/a/')) {
					return {status: 308, headers: {location: url.pathname.replace('/a/', '/b/')}};
				}

				if (url.pathname.startsWith('/b/')) {
					return {status: request.method === 'GET' ? 303 : 307, headers: {location: `../../../..${url.pathname.replace('/b/', '/')}`}};
				}

				return undefined;
			}),
			{tls: certificate},
		);
		const plain = await serve(request => ({status: 302, headers: {location: `${secure.url}/a${request.url ?? ''}`}}));
		const result = await verify(plain.url);
		expect(result.diagnosis).toBeNull();
		expect(result.ok).toBe(true);
		expect(paths(secure).filter(path => path.endsWith('auth/signout'))).toHaveLength(1);
	});

	it('names a redirect loop as unexpected-response', async () => {
		const server = await serve(request => ({status: 302, headers: {location: request.url!.startsWith('/x') ? request.url!.slice(2) : `/x${request.url}`}}));
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain('loop');
		expect(sawSecret(server)).toBe(true);
	});

	it('gives up after five hops', async () => {
		const server = await serve((_request, url) => {
			const hop = Number(/^\/hop(\d+)/.exec(url.pathname)?.[1] ?? 0);
			return {status: 301, headers: {location: `/hop${hop + 1}${url.pathname.replace(/^\/hop\d+/, '')}`}};
		});
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain('more than 5 redirects');
		expect(server.received.filter(request => request.method === 'GET')).toHaveLength(6);
	});

	it('says that a 3xx without Location leads nowhere, and says HTTP 301 once', async () => {
		const server = await serve(() => ({status: 301}));
		const result = await verify(server.url);
		expect(result.diagnosis).toMatchObject({code: 'unexpected-response', httpStatus: 301});
		expect(result.diagnosis?.explanation).toContain('no Location header');
		expect(result.diagnosis?.explanation.match(/HTTP 301/g)).toHaveLength(1);
	});

	it('stops before the secret reaches another host, and names that host', async () => {
		const other = await serve(healthy(), {host: '127.0.0.2'});
		const typed = await serve(movedTo(() => other.url));
		const result = await verify(typed.url);
		expect(result.diagnosis).toMatchObject({code: 'redirect-method', httpStatus: 301});
		expect(result.diagnosis?.explanation).toContain(`${other.url}/api/3.6/auth/signin`);
		expect(result.diagnosis?.remediation.join(' ')).toContain(`If ${other.url} is really your Tableau server`);
		expect(result.checks.find(check => check.id === 'serverinfo')?.status).toBe('ok');
		expect(paths(other)).toEqual(['GET /api/V/serverinfo']);
		expect(sawSecret(other)).toBe(false);
	});

	it('never follows https:// → http://, even on the same host', async () => {
		const plain = await serve(healthy());
		const secure = await serve(
			movedTo(() => plain.url.replace('127.0.0.1', 'localhost')),
			{tls: certificate},
		);
		const result = await verify(secure.url);
		expect(result.diagnosis?.code).toBe('redirect-method');
		expect(sawSecret(plain)).toBe(false);
	});

	it('reads a single-sign-on redirect to an HTML login page as not-tableau, and names where it went', async () => {
		const idp = await serve(
			() => ({status: 200, headers: {'content-type': 'text/html'}, body: '<html><head><title>Sign in - Okta</title></head><body>Sign in</body></html>'}),
			{
				host: '127.0.0.2',
			},
		);
		const proxy = await serve(request => ({status: 302, headers: {location: `${idp.url}/sso/login?return=${encodeURIComponent(request.url ?? '/')}`}}));
		const result = await verify(proxy.url);
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(result.diagnosis?.explanation).toContain(`sent us to ${idp.url}/sso/login`);
		expect(result.diagnosis?.explanation).toContain('single sign-on');
		expect(sawSecret(idp)).toBe(false);
	});

	it('does not post the secret to a login page on the same host either', async () => {
		const server = await serve((_request, url): Reply =>
			url.pathname.startsWith('/api/')
				? {status: 302, headers: {location: '/sso/login'}}
				: {status: 200, headers: {'content-type': 'text/html'}, body: '<html><title>Company login</title></html>'},
		);
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(server.received.filter(request => request.path === '/sso/login').map(request => request.method)).toEqual(['GET']);
	});
});

const encoders: Record<string, (data: Buffer) => Buffer> = {
	gzip: gzipSync,
	deflate: deflateSync,
	'deflate (raw)': deflateRawSync,
	br: brotliCompressSync,
};

function compressing(coding: string, inner: Route): Route {
	const encode = encoders[coding]!;
	return (request, url) => {
		const reply = inner(request, url);
		if (!reply?.body) {
			return reply;
		}

		return {...reply, headers: {...reply.headers, 'content-encoding': coding.split(' ')[0]!}, body: encode(Buffer.from(reply.body))};
	};
}

const xmlHealthy: Route = healthy((_request, url) => {
	const xml = (body: string): Reply => ({
		status: 200,
		headers: {'content-type': 'application/xml'},
		body: `<?xml version="1.0"?><tsResponse xmlns="http://tableau.com/api">${body}</tsResponse>`,
	});
	if (url.pathname.endsWith('/serverinfo')) {
		return xml('<serverInfo><productVersion build="x">2024.2.0</productVersion><restApiVersion>3.23</restApiVersion></serverInfo>');
	}

	if (url.pathname.endsWith('/auth/signin')) {
		return xml('<credentials token="t"><site id="site-luid" contentUrl="acme"/><user id="user-luid"/></credentials>');
	}

	return undefined;
});

describe('compressed answers', () => {
	for (const coding of Object.keys(encoders)) {
		it(`decodes ${coding} on every answer, JSON and XML, without being asked`, async () => {
			for (const route of [healthy(), xmlHealthy]) {
				const server = await serve(compressing(coding, route));
				const result = await verify(server.url);
				expect(result.diagnosis).toBeNull();
				expect(result.user?.name).toBe('ada');
				expect(server.received.every(request => request.headers['accept-encoding'] === undefined)).toBe(true);
			}
		});
	}

	it('names a content coding it cannot read', async () => {
		const server = await serve((request, url) => ({...healthy()(request, url)!, headers: {'content-type': 'application/json', 'content-encoding': 'zstd'}}));
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain('"zstd"');
	});

	it('says that a session may stay open when the sign-in answer cannot be read', async () => {
		const server = await serve(
			healthy((_request, url) =>
				url.pathname.endsWith('/auth/signin')
					? {status: 200, headers: {'content-type': 'application/json', 'content-encoding': 'gzip'}, body: 'not gzip at all'}
					: undefined,
			),
		);
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.checks.find(check => check.id === 'signin')?.status).toBe('fail');
		expect(result.diagnosis?.explanation).toContain('stays open until it expires');
	});

	it('undoes several codings last one first, as "gzip, br" says they were applied', async () => {
		const server = await serve((request, url) => {
			const reply = healthy()(request, url)!;
			// gzip applied first, then br: the header lists them in that order.
			return reply.body
				? {...reply, headers: {...reply.headers, 'content-encoding': 'gzip, br'}, body: brotliCompressSync(gzipSync(Buffer.from(reply.body)))}
				: reply;
		});
		const result = await verify(server.url);
		expect(result.diagnosis).toBeNull();
		expect(result.user?.name).toBe('ada');
	});

	it('holds the 2 MiB cap on the whole of a plain answer, not on each piece of it', async () => {
		// Valid JSON of 3 MiB, uncompressed: it arrives in many pieces, each far below the cap.
		const padding = 'x'.repeat(3 * 1024 * 1024);
		const large = JSON.stringify({serverInfo: {productVersion: {value: '2023.3.0', build: 'x'}, restApiVersion: '3.21'}, padding});
		const server = await serve((request, url) =>
			url.pathname.endsWith('/serverinfo') ? {status: 200, headers: {'content-type': 'application/json'}, body: large} : healthy()(request, url),
		);
		const result = await verify(server.url);
		// Cut off at 2 MiB, the answer is not one it can read, whatever it is then called.
		expect(result.ok).toBe(false);
		expect(result.serverInfo).toBeNull();
		expect(result.checks.find(check => check.id === 'serverinfo')?.status).toBe('fail');
	});

	it('stops a decompression bomb at the size cap', async () => {
		const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 32));
		expect(bomb.length).toBeLessThan(200 * 1024);
		const server = await serve((request, url) =>
			url.pathname.endsWith('/serverinfo')
				? {status: 200, headers: {'content-type': 'application/json', 'content-encoding': 'gzip'}, body: bomb}
				: healthy()(request, url),
		);
		const before = process.memoryUsage().rss;
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('unexpected-response');
		expect(result.diagnosis?.explanation).toContain('grows past 2 MiB');
		expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
	});
});

describe('what every request says', () => {
	it('asks for JSON on every request, the sign-out and the pipelined reads included', async () => {
		const server = await serve(healthy());
		const result = await verify(server.url);
		expect(result.diagnosis).toBeNull();
		expect(paths(server)).toContain('POST /api/V/auth/signout');
		expect(server.received.length).toBeGreaterThanOrEqual(8);
		expect(server.received.filter(request => request.headers.accept !== 'application/json').map(request => request.path)).toEqual([]);
	});
});

describe('REST API versions', () => {
	it('accepts a server whose REST API is exactly 3.6, the first with PAT sign-in, and signs in at 3.6', async () => {
		const server = await serve(
			healthy((_request, url) =>
				url.pathname.endsWith('/serverinfo') ? json(200, {serverInfo: {productVersion: {value: '2019.4.0', build: 'x'}, restApiVersion: '3.6'}}) : undefined,
			),
		);
		const result = await verify(server.url);
		expect(result.diagnosis).toBeNull();
		expect(result.apiVersion).toBe('3.6');
		expect(server.received.filter(request => request.path.startsWith('/api/') && !request.path.startsWith('/api/3.6/'))).toEqual([]);
	});

	it('refuses 3.5 as too old, naming the version', async () => {
		const server = await serve(
			healthy((_request, url) =>
				url.pathname.endsWith('/serverinfo') ? json(200, {serverInfo: {productVersion: {value: '2019.3.0', build: 'x'}, restApiVersion: '3.5'}}) : undefined,
			),
		);
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('api-version-unsupported');
		expect(result.diagnosis?.explanation).toContain('3.5');
	});
});

describe('the wrong scheme', () => {
	it('finds https:// sent to a plain HTTP port at once, and names the http:// address', async () => {
		const server = await serve(healthy());
		const typed = server.url.replace('http://', 'https://');
		const started = Date.now();
		const result = await verify(typed, {timeoutMs: 20_000});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.diagnosis?.code).toBe('wrong-scheme');
		expect(result.diagnosis?.remediation.join(' ')).toContain(server.url);
		expect(result.diagnosis?.remediation.join(' ')).toContain('unencrypted');
	});

	it('finds http:// sent to a TLS port that hangs up, without waiting for the timeout', async () => {
		const server = await serve(healthy(), {tls: certificate});
		const typed = server.url.replace('https://', 'http://');
		const started = Date.now();
		const result = await verify(typed, {timeoutMs: 20_000});
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.diagnosis?.code).toBe('wrong-scheme');
		expect(result.diagnosis?.remediation[0]).toContain(`Use ${server.url} as the server address`);
		expect(sawSecret(server)).toBe(false);
	});

	it('finds http:// sent to a TLS port whose front end answers 400 "plain HTTP request"', async () => {
		const server = await serve(() => ({
			status: 400,
			headers: {'content-type': 'text/html'},
			body: '<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head><body><center><h1>400 Bad Request</h1></center><center>The plain HTTP request was sent to HTTPS port</center><hr><center>nginx</center></body></html>',
		}));
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('wrong-scheme');
		expect(result.diagnosis?.remediation[0]).toContain(server.url.replace('http://', 'https://'));
	});
});

describe("Tableau's other front doors", () => {
	it('recognises Tableau Services Manager and sends people to the gateway', async () => {
		const server = await serve(() =>
			json(401, {timestamp: 1_733_000_000_000, status: 401, error: 'Unauthorized', message: 'Please log in to continue', path: '/api/3.6/serverinfo'}),
		);
		const result = await verify(server.url);
		expect(result.diagnosis?.code).toBe('not-tableau');
		expect(result.diagnosis?.explanation).toContain('Tableau Services Manager');
		expect(result.diagnosis?.remediation[0]).toContain('8850');
	});

	it('refuses a Tableau Cloud Manager host before any request', async () => {
		const result = await verify('https://acme.cloudmanager.tableau.com', {transportOptions: {proxy: {httpsProxy: 'http://127.0.0.1:9', noProxy: ''}}});
		expect(result.diagnosis?.code).toBe('invalid-url');
		expect(result.diagnosis?.explanation).toContain('Tableau Cloud Manager');
		expect(result.diagnosis?.explanation).toContain('pod address');
	});

	it('warns about plain http:// to a host that is not loopback, in the result itself', async () => {
		const result = await verify('http://tableau.invalid', {timeoutMs: 3000});
		expect(result.warnings.map(item => item.code)).toContain('plain-http');
		const local = await serve(healthy());
		expect((await verify(local.url)).warnings).toEqual([]);
	});
});
