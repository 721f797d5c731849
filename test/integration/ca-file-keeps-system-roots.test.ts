// A CA file adds to the system's trusted roots; it does not replace them (undici's `ca` would, so the
// transport passes `[...tls.rootCertificates, pem]`). No test can own a key of a real public root,
// so Node's root list is stood in for: it gets one more certificate, the "public" root that signs
// the server's certificate, while the CA file holds an unrelated company CA. The server must verify.
// (Without a CA file undici uses Node's own store, not this list, so the stand-in counts only here.)
import type * as NodeTls from 'node:tls';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {certificateFor, type CertificatePair} from '../../source/simulator/certificates.js';
import type {verifyConnection as VerifyConnection} from '../../source/verify/pipeline.js';
import {healthy, serveScripted, type ScriptedServer} from '../helpers/scripted-server.js';

let publicRoot: CertificatePair;
let companyCa: CertificatePair;
let verifyConnection: typeof VerifyConnection;
let server: ScriptedServer;

beforeAll(async () => {
	// Each simulator certificate is its own CA: "localhost" serves, "wrong-host" is the company CA.
	publicRoot = await certificateFor('localhost');
	companyCa = await certificateFor('wrong-host');
	const roots = publicRoot.cert;
	vi.doMock('node:tls', async importOriginal => {
		const tls = await importOriginal<typeof NodeTls>();
		return {...tls, rootCertificates: [...tls.rootCertificates, roots]};
	});
	// Files share their worker's modules: the pipeline is imported afresh so that it sees the mock.
	vi.resetModules();
	({verifyConnection} = await import('../../source/verify/pipeline.js'));
	server = await serveScripted(healthy(), {tls: publicRoot});
});

afterAll(async () => {
	await server.close();
	vi.doUnmock('node:tls');
	vi.resetModules();
});

const input = () => ({server: server.url, site: 'acme', tokenName: 'Parable Integration', tokenSecret: 'ca-roots-secret'});

describe('a CA file', () => {
	it('keeps the system roots: a server whose chain ends at a public root still verifies', async () => {
		const result = await verifyConnection(input(), {timeoutMs: 10_000, caPem: companyCa.cert});
		expect(result.diagnosis).toBeNull();
		expect(result.ok).toBe(true);
	});
});
