// --debug and --trace: every request and answer of a run, redacted before anything is written, and
// the run as a HAR 1.2 file. Checked for every scenario of the simulator, over real HTTP and HTTPS.
import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type {Simulator} from '../../source/simulator/index.js';
import {scenarioIds} from '../../source/simulator/scenarios.js';
import {createRedactor, proxySecrets, redactedMarker, shownProxy, type Exchange} from '../../source/tableau/exchange.js';
import {debugLines, harOf} from '../../source/tableau/har.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {describe, expect, test as it} from '../helpers/fixtures.js';
import {expectHar} from '../helpers/har.js';
import {expectNoSecrets} from '../helpers/leaks.js';

async function traced(simulator: Simulator) {
	const sent: Exchange[] = [];
	const finished: Exchange[] = [];
	const result = await verifyConnection(
		{server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
		{
			timeoutMs: 3000,
			insecure: simulator.url.startsWith('https:'),
			observer: {sent: exchange => sent.push(exchange), finished: exchange => finished.push(exchange)},
		},
	);
	const debug = [...sent.map(exchange => debugLines(exchange, 'sent')), ...finished.map(exchange => debugLines(exchange, 'finished'))].flat().join('\n');
	const har = harOf(finished, 'test');
	return {result, sent, finished, debug, har};
}

describe('a traced run', () => {
	it.for(scenarioIds.filter(id => id !== 'slow'))(
		'%s: every request is there, with no piece of the secret or a session token',
		async (scenario, {simulator: start}) => {
			const simulator = await start({scenario});
			const {result, finished, debug, har} = await traced(simulator);
			const harText = JSON.stringify(har);
			expectNoSecrets([debug, harText, JSON.stringify(result)], simulator);
			expectHar(har, finished.length);
			const signIn = finished.find(exchange => exchange.url.endsWith('/auth/signin'));
			if (signIn) {
				// The token name, site and user names stay: support needs them.
				expect(signIn.requestBody).toContain(simulator.tokenName);
				expect(signIn.requestBody).toContain(redactedMarker);
			}
		},
	);

	it('ok: the trace shows serverinfo, sign-in, round two and sign-out on one connection, with the session header redacted', async ({simulator: start}) => {
		const simulator = await start({scenario: 'ok'});
		const {finished, debug} = await traced(simulator);
		expect(finished.map(exchange => new URL(exchange.url).pathname.split('/').slice(3).join('/'))).toEqual(
			expect.arrayContaining(['serverinfo', 'auth/signin', 'sessions/current', 'auth/signout']),
		);
		expect(new Set(finished.map(exchange => exchange.connection))).toEqual(new Set([1]));
		const later = finished.find(exchange => exchange.url.endsWith('/sessions/current'))!;
		expect(later.requestHeaders['x-tableau-auth']).toBe(redactedMarker);
		expect(debug).toMatch(/← 200 in \d+ ms on connection 1/);
		expect(debug).toContain('→ POST');
	});
});

describe('a proxy address in any output', () => {
	it.each([
		['http://corp:pass-word@proxy:3128', `http://corp:${redactedMarker}@proxy:3128`],
		['http://corp:pa:ss"w rd@proxy:3128/', `http://corp:${redactedMarker}@proxy:3128/`],
		['http://corp:p@ss@proxy:3128', `http://corp:${redactedMarker}@proxy:3128`],
		['corp:pass-word@proxy:3128', `corp:${redactedMarker}@proxy:3128`],
		['http://:pass-word@proxy:3128', `http://:${redactedMarker}@proxy:3128`],
		['http://proxy:3128', 'http://proxy:3128'],
		['http://token-as-user@proxy:3128', 'http://token-as-user@proxy:3128'],
	])('%s shows as %s', (address, shown) => {
		expect(shownProxy(address)).toBe(shown);
	});

	it('knows the password in each spelling: as written, unescaped, escaped, and as Proxy-Authorization', () => {
		expect(proxySecrets('http://corp:p%40ss@proxy:3128')).toEqual(['p%40ss', 'p@ss', Buffer.from('corp:p@ss').toString('base64')]);
		expect(proxySecrets('http://corp:pa:ss@proxy:3128')).toEqual(['pa:ss', 'pa%3Ass', Buffer.from('corp:pa:ss').toString('base64')]);
		expect(proxySecrets('http://proxy:3128')).toEqual([]);
	});
});

describe('createRedactor', () => {
	it('scrubs the secret fields of JSON and XML, credential headers, and every value it has seen, wherever it appears again', () => {
		const redactor = createRedactor(['top-secret-value']);
		const base: Exchange = {
			id: 1,
			connection: 1,
			attempt: 1,
			proxy: {url: 'http://corp:pr0xy-pass%40x@proxy.example.com:3128', credentials: true},
			startedAt: 0,
			method: 'POST',
			url: 'https://h/api/3.6/auth/signin?echo=top-secret-value',
			requestHeaders: {authorization: 'Basic abc', 'proxy-authorization': 'Basic def', cookie: 'a=b', accept: 'application/json'},
			requestBody: '{"credentials":{"personalAccessTokenName":"Parable","personalAccessTokenSecret":"top-secret-value"}}',
			status: 200,
			responseHeaders: {'set-cookie': 'workgroup_session_id=xyz'},
			responseBody: '<tsResponse><credentials token="sess-token-123456"/></tsResponse>',
			waitMs: 1,
			totalMs: 2,
			error: 'echoed sess-token-123456 via pr0xy-pass@x',
		};
		const clean = redactor.exchange(base);
		const text = JSON.stringify(clean);
		expect(text).not.toContain('top-secret');
		expect(text).not.toContain('sess-token');
		expect(text).not.toContain('abc');
		expect(text).not.toContain('xyz');
		expect(text).not.toContain('pr0xy-pass');
		expect(clean.proxy).toEqual({url: `http://corp:${redactedMarker}@proxy.example.com:3128`, credentials: true});
		expect(clean.requestHeaders['accept']).toBe('application/json');
		expect(clean.requestBody).toContain('"personalAccessTokenName":"Parable"');
		expect(redactor.text('later: sess-token-123456')).toBe(`later: ${redactedMarker}`);
		// A gateway's rewrite: single quotes, spaces around the equals sign.
		expect(createRedactor([]).text("<credentials token = 'rewritten-token-99'/>")).not.toContain('rewritten-token');
	});
});

describe('--debug and --trace on the command line', () => {
	const env = {TABLEAU_CONNECT_SECRET_STORE: 'file'};
	const flagsFor = (simulator: Simulator) => ['--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin'];

	it('test --debug --json: the exchange on stderr as it happens, stdout still one JSON object, no secret anywhere', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const run = await cli(['test', ...flagsFor(simulator), '--json', '--debug'], {input: simulator.tokenSecret, env});
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true});
		expect(run.stderr).toMatch(/→ POST http:\/\/127\.0\.0\.1:\d+\/api\/3\.6\/auth\/signin/);
		expect(run.stderr).toMatch(/← 204 in \d+ ms on connection 1/);
		expect(run.stderr).toContain(`"personalAccessTokenName":"${simulator.tokenName}"`);
		expectNoSecrets([run.stdout, run.stderr], simulator);
	});

	it('TABLEAU_CONNECT_DEBUG=1 does the same; without either nothing is traced', async ({simulator: start, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const debugRun = await cli(['test', ...flagsFor(simulator), '--json'], {input: simulator.tokenSecret, env: {...env, TABLEAU_CONNECT_DEBUG: '1'}});
		expect(debugRun.stderr).toContain('→ GET');
		const quiet = await cli(['test', ...flagsFor(simulator), '--json'], {input: simulator.tokenSecret, env});
		expect(quiet.stderr).not.toContain('→ GET');
		expectNoSecrets([debugRun.stdout, debugRun.stderr], simulator);
	});

	it('test --trace FILE writes an owner-only HAR 1.2 file of the run and says where', async ({simulator: start, configDir, cli}) => {
		const simulator = await start({scenario: 'wrong-secret'});
		const file = join(configDir, 'run.har');
		const run = await cli(['test', ...flagsFor(simulator), '--trace', file], {input: simulator.tokenSecret, env});
		expect(run.code).toBe(1);
		expect(run.stderr).toContain(`Saved a trace of`);
		expect(run.stderr).toContain(file);
		const text = readFileSync(file, 'utf8');
		const har = JSON.parse(text) as ReturnType<typeof harOf>;
		expectHar(har, har.log.entries.length);
		expect(har.log.entries.map(entry => entry.response.status)).toContain(401);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expectNoSecrets([text, run.stdout, run.stderr], simulator);
	});

	it('test --all and profiles add take --trace too', async ({simulator: start, configDir, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const addTrace = join(configDir, 'add.har');
		const add = await cli(['profiles', 'add', 'acme', ...flagsFor(simulator), '--trace', addTrace], {input: simulator.tokenSecret, env});
		expect(add.code).toBe(0);
		expect(JSON.parse(readFileSync(addTrace, 'utf8')).log.entries.length).toBeGreaterThanOrEqual(4);
		const allTrace = join(configDir, 'all.har');
		const all = await cli(['test', '--all', '--trace', allTrace], {env});
		expect(all.code).toBe(0);
		const text = readFileSync(allTrace, 'utf8');
		expect(JSON.parse(text).log.version).toBe('1.2');
		expectNoSecrets([text, add.stdout, add.stderr, all.stdout, all.stderr], simulator);
	});

	it('a --trace file that cannot be written is a usage error that says what to do', async ({simulator: start, configDir, cli}) => {
		const simulator = await start({scenario: 'ok'});
		const run = await cli(['test', ...flagsFor(simulator), '--trace', join(configDir, 'missing-folder', 'x.har')], {
			input: simulator.tokenSecret,
			env,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('Give a path in a folder you can write to');
	});
});
