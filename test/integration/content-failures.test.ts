// Failures after the sign-in: a content call that breaks, and a device that answers a later call
// instead of Tableau. The verdict names the check that failed, and the session is still ended.
import {afterEach, describe, expect, it} from 'vitest';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {healthy, serveScripted, type Route, type ScriptedServer} from '../helpers/scripted-server.js';

const servers: ScriptedServer[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function verifyAgainst(route: Route) {
	const server = await serveScripted(route);
	servers.push(server);
	const result = await verifyConnection(
		{server: server.url, site: 'acme', tokenName: 'Parable Integration', tokenSecret: 'content-secret-value'},
		{timeoutMs: 3000},
	);
	return {result, received: server.received};
}

const htmlPage = (status: number, title: string, headers: Record<string, string> = {}) => ({
	status,
	headers: {'content-type': 'text/html', ...headers},
	body: `<html><head><title>${title}</title></head><body>${title}</body></html>`,
});

describe('failures after the sign-in', () => {
	it('fails the content check when listing views breaks, and still signs out', async () => {
		const {result, received} = await verifyAgainst(
			healthy((_request, url) => (url.pathname.endsWith('/views') ? htmlPage(500, 'Internal Server Error') : undefined)),
		);
		expect(result.ok).toBe(false);
		expect(result.checks.find(check => check.id === 'content')?.status).toBe('fail');
		expect(result.diagnosis?.code).toBe('server-error');
		expect(result.diagnosis?.httpStatus).toBe(500);
		expect(received.some(request => request.path.endsWith('/auth/signout'))).toBe(true);
	});

	it('names the device that answers the users call in front of Tableau', async () => {
		const {result} = await verifyAgainst(
			healthy((_request, url) => (url.pathname.endsWith('/users') ? htmlPage(403, 'Access denied', {server: 'BigIP'}) : undefined)),
		);
		expect(result.ok).toBe(false);
		expect(result.diagnosis?.explanation).toContain('BigIP');
		expect(result.diagnosis?.explanation).toContain('Access denied');
	});
});
