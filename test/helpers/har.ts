// What every HAR file tableau-connect writes must be, for HAR viewers and browsers' network panels to open it.
import {expect} from 'vitest';
import type {harOf} from '../../source/tableau/har.js';

/** The shape of HAR 1.2 that viewers need: https://w3c.github.io/web-performance/specs/HAR/Overview.html */
export function expectHar(har: ReturnType<typeof harOf>, entries: number): void {
	expect(har.log.version).toBe('1.2');
	expect(har.log.creator).toMatchObject({name: 'tableau-connect'});
	expect(har.log.entries).toHaveLength(entries);
	for (const entry of har.log.entries) {
		expect(Number.isNaN(Date.parse(entry.startedDateTime))).toBe(false);
		expect(typeof entry.time).toBe('number');
		expect(entry.request).toMatchObject({method: expect.any(String), url: expect.any(String), httpVersion: expect.any(String), headersSize: -1});
		expect(Array.isArray(entry.request.headers) && Array.isArray(entry.request.queryString) && Array.isArray(entry.request.cookies)).toBe(true);
		expect(entry.response).toMatchObject({status: expect.any(Number), content: {size: expect.any(Number), mimeType: expect.any(String)}});
		expect(entry.timings).toMatchObject({send: expect.any(Number), wait: expect.any(Number), receive: expect.any(Number)});
		expect(entry.timings.wait).toBeGreaterThanOrEqual(0);
	}
}
