// What a screen keeps of each run for its "save trace" key, and where the file goes: bounded in
// memory, owner-only on disk, named so any file system takes it, never over another file.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createRunTraces, keptBodyCharacters, keptExchanges} from '../../source/commands/core/run-traces.js';
import type {Exchange} from '../../source/tableau/exchange.js';

let folder = '';
const at = Date.parse('2026-03-10T12:34:56.789Z');

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'tableau-connect-run-traces-'));
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
});

function exchange(id: number, body = '{}'): Exchange {
	return {
		id,
		connection: 1,
		attempt: 1,
		proxy: null,
		startedAt: at,
		method: 'GET',
		url: `https://tableau.example.com/api/3.6/serverinfo?n=${id}`,
		requestHeaders: {},
		requestBody: null,
		status: 200,
		responseHeaders: {'content-type': 'application/json'},
		responseBody: body,
		waitMs: 1,
		totalMs: 2,
		error: null,
	};
}

type Har = {log: {entries: Array<{response: {content: {text: string}}}>; comment?: string}};

describe('a run kept for its trace', () => {
	it(`keeps the first ${keptExchanges} requests, says how many more there were, and cuts long bodies`, async () => {
		const trace = createRunTraces(undefined, {TABLEAU_CONNECT_CONFIG_DIR: folder}, () => at).start();
		trace.observer.finished(exchange(1, 'x'.repeat(keptBodyCharacters + 10)));
		for (let id = 2; id <= keptExchanges + 2; id++) {
			trace.observer.finished(exchange(id));
		}

		const har = JSON.parse(readFileSync(await trace.save('acme'), 'utf8')) as Har;
		expect(har.log.entries).toHaveLength(keptExchanges);
		expect(har.log.comment).toBe('2 later requests were left out of this saved trace.');
		expect(har.log.entries[0]!.response.content.text).toBe(`${'x'.repeat(keptBodyCharacters)}… (cut at ${keptBodyCharacters} characters in this saved trace)`);
		expect(har.log.entries[1]!.response.content.text).toBe('{}');
	});

	it('passes every exchange on to the session (--trace, --debug), and requests as they leave only when it reads them', () => {
		const finished: number[] = [];
		const sent: number[] = [];
		const quiet = createRunTraces({finished: item => finished.push(item.id)}, {}).start();
		expect(quiet.observer.sent).toBeUndefined();
		quiet.observer.finished(exchange(1));
		const debug = createRunTraces({sent: item => sent.push(item.id), finished: item => finished.push(item.id)}, {}).start();
		debug.observer.sent!(exchange(2));
		debug.observer.finished(exchange(2));
		expect({sent, finished}).toEqual({sent: [2], finished: [1, 2]});
	});

	it('writes owner-only files in an owner-only traces/ beside the store, named after the label and the time, never over another', async () => {
		const traces = createRunTraces(undefined, {TABLEAU_CONNECT_CONFIG_DIR: folder}, () => at);
		const first = await traces.start().save('acme.cloud');
		const second = await traces.start().save('acme.cloud');
		const odd = await traces.start().save('../a b/ç:d..');
		expect(first).toBe(join(folder, 'traces', 'tableau-connect-trace-acme.cloud-2026-03-10T12-34-56Z.har'));
		expect(second).toBe(join(folder, 'traces', 'tableau-connect-trace-acme.cloud-2026-03-10T12-34-56Z-2.har'));
		expect(odd).toBe(join(folder, 'traces', 'tableau-connect-trace-a-b-d-2026-03-10T12-34-56Z.har'));
		expect(statSync(join(folder, 'traces')).mode & 0o777).toBe(0o700);
		for (const file of [first, second, odd]) {
			expect(statSync(file).mode & 0o777).toBe(0o600);
		}
	});

	it('a traces/ folder that is there with other modes is made owner-only again', async () => {
		mkdirSync(join(folder, 'traces'), {mode: 0o755});
		await createRunTraces(undefined, {TABLEAU_CONNECT_CONFIG_DIR: folder}).start().save('acme');
		expect(statSync(join(folder, 'traces')).mode & 0o777).toBe(0o700);
	});

	it('when the config folder cannot hold traces/, a new owner-only folder in the temporary folder does', async () => {
		// A file where the folder would be: no one, root included, can make a folder under it.
		writeFileSync(join(folder, 'not-a-folder'), '');
		const file = await createRunTraces(undefined, {TABLEAU_CONNECT_CONFIG_DIR: join(folder, 'not-a-folder')})
			.start()
			.save('acme');
		try {
			expect(dirname(dirname(file))).toBe(tmpdir());
			expect(dirname(file)).toMatch(/tableau-connect-traces-/);
			expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
			expect(readdirSync(dirname(file))).toHaveLength(1);
		} finally {
			rmSync(dirname(file), {recursive: true, force: true});
		}
	});
});
