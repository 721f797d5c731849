// Whatever a client asks for, XML or JSON, every scenario tells the same story: the same totals,
// the same role, the same refusals. A client that reads XML (the official Tableau Server Client does)
// must count the users that a JSON client counts.
import {Agent} from 'undici';
import {afterAll, describe, expect, it} from 'vitest';
import {scenarios, startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import {parseXml, send, signInJson} from './simulator-helpers.js';

type Reading = {status: number; total?: string; role?: string; code?: string};

/** What one answer says, read from whichever format it came in. */
function readingOf(status: number, contentType: string, text: string): Reading {
	const body = contentType.includes('json') ? JSON.parse(text) : parseXml(text).tsResponse;
	const total = body?.pagination?.totalAvailable as string | undefined;
	const role = (body?.user?.siteRole ?? undefined) as string | undefined;
	const code = (body?.error?.code ?? undefined) as string | undefined;
	return {status, ...(total === undefined ? {} : {total}), ...(role === undefined ? {} : {role}), ...(code === undefined ? {} : {code})};
}

const simulators: Simulator[] = [];
const agents: Agent[] = [];

afterAll(async () => {
	await Promise.all(agents.map(async agent => agent.close()));
	await Promise.all(simulators.map(async simulator => simulator.close()));
});

/** The answers a verification reads after sign-in, asked for in `format`; null when sign-in does not succeed directly. */
async function readAfterSignIn(id: ScenarioId): Promise<Record<'json' | 'xml', Record<string, Reading>> | null> {
	// `slow` answers late but answers: its story is the same as ok's.
	const simulator = await startSimulator({scenario: id, tls: true, slowMs: 20});
	simulators.push(simulator);
	const agent = new Agent({connect: {ca: simulator.certificatePem ?? undefined}});
	agents.push(agent);
	// The scenarios about the connection itself (wrong-scheme, the certificates) never get to sign in.
	const answer = await signInJson(simulator, {dispatcher: agent}).catch(() => null);
	if (answer?.status !== 200) {
		return null;
	}

	// A portal's HTML page or a compressed body (undici's request does not decode) is not a sign-in to read.
	const contentType = String(answer.headers['content-type']);
	if (answer.headers['content-encoding'] !== undefined || !/json|xml/.test(contentType)) {
		return null;
	}

	const signedIn = contentType.includes('json') ? JSON.parse(answer.text).credentials : parseXml(answer.text).tsResponse.credentials;
	const base = `/api/3.23/sites/${signedIn.site.id as string}`;
	const paths = {
		me: `${base}/users/${signedIn.user.id as string}`,
		users: `${base}/users?pageSize=1&pageNumber=1`,
		workbooks: `${base}/workbooks?pageSize=1&pageNumber=1`,
		views: `${base}/views?pageSize=1&pageNumber=1&includeUsageStatistics=true`,
		datasources: `${base}/datasources?pageSize=1&pageNumber=1`,
	};
	const readings: Record<'json' | 'xml', Record<string, Reading>> = {json: {}, xml: {}};
	for (const format of ['json', 'xml'] as const) {
		for (const [name, path] of Object.entries(paths)) {
			const reply = await send(simulator.url, path, {
				headers: {accept: format === 'json' ? 'application/json' : 'application/xml', 'x-tableau-auth': signedIn.token as string},
				dispatcher: agent,
			});
			readings[format][name] = readingOf(reply.status, String(reply.headers['content-type'] ?? ''), reply.text);
		}
	}

	return readings;
}

describe('every scenario answers the same in XML and JSON', () => {
	it('same totals, roles and refusals in both formats; a Site Administrator counts the whole site', async () => {
		let compared = 0;
		for (const {id} of scenarios) {
			const readings = await readAfterSignIn(id);
			if (readings === null) {
				continue;
			}

			compared++;
			expect(readings.xml, id).toEqual(readings.json);
			if (readings.json['me']?.role === 'SiteAdministratorCreator' && readings.json['users']?.status === 200) {
				expect(readings.json['users']?.total, `${id}: the users a Site Administrator sees`).toBe('88');
			}
		}

		// The scenarios that sign in on the first try: ok, ok-xml-only, the warnings, not-admin, session-stolen, …
		expect(compared).toBeGreaterThanOrEqual(8);
	});
});
