import {X509Certificate} from 'node:crypto';
import {connect, type PeerCertificate} from 'node:tls';
import type {Agent} from 'undici';
import {afterEach} from 'vitest';
import {scenarios, type Simulator} from '../../source/simulator/index.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {newAgent, send, signedIn} from './simulator-helpers.js';

const agents: Agent[] = [];

function trusting(pem: string | null): Agent {
	const agent = newAgent({connect: pem ? {ca: [pem]} : {}});
	agents.push(agent);
	return agent;
}

/** The TLS error code a request fails with, wherever undici put it. */
async function failureCode(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error: unknown) {
		const failure = error as {code?: string; cause?: {code?: string}};
		return failure.cause?.code ?? failure.code ?? 'no code';
	}

	return 'no failure';
}

/** The certificate the server presents, read without verifying it. */
function peerCertificate(server: Simulator): Promise<PeerCertificate> {
	return new Promise((resolve, reject) => {
		const socket = connect({host: '127.0.0.1', port: server.port, rejectUnauthorized: false, servername: 'localhost'}, () => {
			resolve(socket.getPeerCertificate());
			socket.destroy();
		});
		socket.on('error', reject);
	});
}

afterEach(async () => {
	await Promise.all(agents.splice(0).map(async agent => agent.close()));
});

describe('HTTPS', () => {
	it('serves the whole API over HTTPS with tls: true, trusted through its own PEM', async ({simulator: start}) => {
		const server = await start({tls: true});
		expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
		expect(server.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
		const agent = trusting(server.certificatePem);
		const {token, siteId} = await signedIn(server, {dispatcher: agent});
		const users = await send(server.url, `/api/3.23/sites/${siteId}/users`, {dispatcher: agent, headers: {'x-tableau-auth': token}});
		expect(users.status).toBe(200);
		// The same certificate is good for the localhost name too (the redirect scenarios use it).
		const viaLocalhost = await send(`https://localhost:${server.port}`, '/api/3.23/serverinfo', {dispatcher: agent});
		expect(viaLocalhost.status).toBe(200);
	});

	it('uses an EC P-256 CA certificate valid now for 127.0.0.1 and localhost', async ({simulator: start}) => {
		const server = await start({tls: true});
		const certificate = new X509Certificate(server.certificatePem!);
		expect(certificate.ca).toBe(true);
		expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
		expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
		expect(certificate.subjectAltName).toContain('DNS:localhost');
		expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now());
	});

	it('HTTP simulators have no certificate', async ({simulator: start}) => {
		const server = await start({});
		expect(server.certificatePem).toBeNull();
		expect(server.url.startsWith('http://')).toBe(true);
	});

	it('reuses the certificates between starts instead of generating new ones', async ({simulator: start}) => {
		const first = await start({tls: true});
		const pem = first.certificatePem;
		await first.close();
		const second = await start({tls: true});
		expect(second.certificatePem).toBe(pem);
	});
});

describe('TLS scenarios', () => {
	it('force HTTPS whatever the tls option says', async ({simulator: start}) => {
		for (const scenario of scenarios.filter(candidate => candidate.tls)) {
			const server = await start({scenario: scenario.id, tls: false});
			expect(server.url.startsWith('https://'), scenario.id).toBe(true);
			await server.close();
		}
	});

	it('tls-self-signed is rejected by a client with only the system roots, accepted with the PEM', async ({simulator: start}) => {
		const server = await start({scenario: 'tls-self-signed'});
		const code = await failureCode(send(server.url, '/api/3.23/serverinfo', {dispatcher: trusting(null)}));
		expect(code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
		const trusted = await send(server.url, '/api/3.23/serverinfo', {dispatcher: trusting(server.certificatePem)});
		expect(trusted.status).toBe(200);
	});

	it('tls-wrong-host presents a certificate for tableau.example.com only', async ({simulator: start}) => {
		const server = await start({scenario: 'tls-wrong-host'});
		const code = await failureCode(send(server.url, '/api/3.23/serverinfo', {dispatcher: trusting(server.certificatePem)}));
		expect(code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
		const peer = await peerCertificate(server);
		expect(peer.subjectaltname).toBe('DNS:tableau.example.com');
	});

	it('tls-expired presents a trusted certificate whose validity has ended', async ({simulator: start}) => {
		const server = await start({scenario: 'tls-expired'});
		const code = await failureCode(send(server.url, '/api/3.23/serverinfo', {dispatcher: trusting(server.certificatePem)}));
		expect(code).toBe('CERT_HAS_EXPIRED');
		const peer = await peerCertificate(server);
		expect(new Date(peer.valid_to).getTime()).toBeLessThan(Date.now());
		expect(peer.subjectaltname).toContain('IP Address:127.0.0.1');
	});

	it('setScenario swaps the served certificate on an HTTPS simulator', async ({simulator: start}) => {
		const server = await start({scenario: 'tls-expired'});
		const expiredPem = server.certificatePem;
		server.setScenario('ok');
		expect(server.certificatePem).not.toBe(expiredPem);
		const fixed = await send(server.url, '/api/3.23/serverinfo', {dispatcher: trusting(server.certificatePem)});
		expect(fixed.status).toBe(200);
		server.setScenario('tls-wrong-host');
		expect((await peerCertificate(server)).subjectaltname).toBe('DNS:tableau.example.com');
	});

	it('close() also ends connections that never finished the handshake', async ({simulator: start}) => {
		const server = await start({scenario: 'tls-self-signed'});
		const {port} = server;
		// A raw TCP connection that never says hello: a TLS socket the HTTP layer does not know about.
		const {connect: connectTcp} = await import('node:net');
		const idle = connectTcp(port, '127.0.0.1');
		await new Promise(resolve => idle.once('connect', resolve));
		const closedByServer = new Promise(resolve => idle.once('close', resolve));
		const started = performance.now();
		await server.close();
		await closedByServer;
		// Left alone, the socket would hold close() until Node's two-minute TLS handshake timeout.
		expect(performance.now() - started).toBeLessThan(10_000);
		expect(server.stats().connections).toBe(1);
	});
});
