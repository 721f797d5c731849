// The simulator's site: workbooks, views and data sources page by page, in JSON and XML, as much
// as the signed-in role may see, and refused where the scenario says so.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {errorCode, jsonAuth, newAgent, parseXml, send, signedIn} from './simulator-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
	simulator = await startSimulator();
});
afterAll(async () => {
	await simulator.close();
});

async function list(path: string, format: 'json' | 'xml' = 'json') {
	const {token, siteId} = await signedIn(simulator);
	const headers = format === 'json' ? jsonAuth(token) : {'x-tableau-auth': token};
	return send(simulator.url, `/api/3.23/sites/${siteId}/${path}`, {headers});
}

describe('content of the simulated site', () => {
	it.each([
		['workbooks', 'workbook', '142'],
		['views', 'view', '1203'],
		['datasources', 'datasource', '57'],
	])('lists %s one page at a time, with string pagination numbers', async (resource, element, total) => {
		const answer = await list(`${resource}?pageSize=50&pageNumber=2`);
		expect(answer.status).toBe(200);
		const body = JSON.parse(answer.text);
		expect(body.pagination).toEqual({pageNumber: '2', pageSize: '50', totalAvailable: total});
		const items = body[resource][element] as Array<{id: string; name: string; project?: {name: string}}>;
		expect(items.length).toBe(Math.min(50, Number(total) - 50));
		expect(new Set(items.map(item => item.id)).size).toBe(items.length);
		expect(items.every(item => item.name.length > 0)).toBe(true);
	});

	it('gives the same item the same id on every call, and different items on different pages', async () => {
		const first = JSON.parse((await list('workbooks?pageSize=1&pageNumber=1')).text).workbooks.workbook[0];
		const again = JSON.parse((await list('workbooks?pageSize=1&pageNumber=1')).text).workbooks.workbook[0];
		const second = JSON.parse((await list('workbooks?pageSize=1&pageNumber=2')).text).workbooks.workbook[0];
		expect(again.id).toBe(first.id);
		expect(second.id).not.toBe(first.id);
		expect(first).toMatchObject({project: {name: expect.any(String)}, owner: {id: expect.any(String)}});
	});

	it('adds view counts only when usage statistics are asked for', async () => {
		const plain = JSON.parse((await list('views?pageSize=1')).text).views.view[0];
		expect(plain.usage).toBeUndefined();
		const withUsage = JSON.parse((await list('views?pageSize=1&includeUsageStatistics=true')).text).views.view[0];
		expect(withUsage.usage.totalViewCount).toMatch(/^\d+$/);
	});

	it('answers XML, with one item as a single element', async () => {
		const answer = await list('datasources?pageSize=1&pageNumber=57', 'xml');
		const {tsResponse} = parseXml(answer.text);
		expect(tsResponse.pagination).toEqual({pageNumber: '57', pageSize: '1', totalAvailable: '57'});
		expect(tsResponse.datasources.datasource).toMatchObject({id: expect.any(String), type: expect.any(String), project: {name: expect.any(String)}});
		const views = parseXml((await list('views?pageSize=2&includeUsageStatistics=true', 'xml')).text).tsResponse.views.view;
		expect(views).toHaveLength(2);
		expect(views[0].usage.totalViewCount).toMatch(/^\d+$/);
	});

	it('refuses pages beyond the last and page sizes over 1000, as Tableau does', async () => {
		const beyond = await list('views?pageSize=1000&pageNumber=3');
		expect([beyond.status, errorCode(beyond)]).toEqual([400, '400006']);
		const tooLarge = await list('workbooks?pageSize=1001');
		expect([tooLarge.status, errorCode(tooLarge)]).toEqual([403, '403014']);
	});

	it('shows an Explorer fewer items than an administrator', async () => {
		simulator.setScenario('explorer-role');
		try {
			const body = JSON.parse((await list('workbooks?pageSize=1')).text);
			expect(body.pagination.totalAvailable).toBe('38');
		} finally {
			simulator.setScenario('ok');
		}
	});

	it('refuses views and data sources with 403 in the content-refused scenario, and still lists workbooks', async () => {
		simulator.setScenario('content-refused');
		try {
			const views = await list('views?pageSize=1&includeUsageStatistics=true');
			expect([views.status, errorCode(views)]).toEqual([403, '403000']);
			const datasources = await list('datasources?pageSize=1', 'xml');
			expect(datasources.status).toBe(403);
			expect(parseXml(datasources.text).tsResponse.error.code).toBe('403000');
			expect((await list('workbooks?pageSize=1')).status).toBe(200);
		} finally {
			simulator.setScenario('ok');
		}
	});

	it('answers content calls pipelined ahead of a sign-out before the session ends', async () => {
		const {token, siteId} = await signedIn(simulator);
		const headers = jsonAuth(token);
		// One connection, every request written before any answer: the server must take them in order.
		const dispatcher = newAgent({connections: 1, pipelining: 8});
		const connectionsBefore = simulator.stats().connections;
		try {
			const calls = ['workbooks', 'views', 'datasources'].map(async resource =>
				send(simulator.url, `/api/3.23/sites/${siteId}/${resource}?pageSize=1`, {headers, dispatcher}),
			);
			const signOut = send(simulator.url, '/api/3.23/auth/signout', {method: 'POST', headers, dispatcher});
			const answers = await Promise.all(calls);
			expect(answers.map(answer => answer.status)).toEqual([200, 200, 200]);
			expect((await signOut).status).toBe(204);
			expect(simulator.stats().connections - connectionsBefore).toBe(1);
		} finally {
			await dispatcher.close();
		}
	});
});
