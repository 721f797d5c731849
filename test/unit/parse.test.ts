import {describe, expect, it} from 'vitest';
import {errorOf, list, parseBody, pick, text} from '../../source/tableau/parse.js';

describe('parseBody', () => {
	it('reads XML in the current namespace into the same shape as JSON', () => {
		const xml = `<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api"><serverInfo><productVersion build="20231.24.0809.0841">2023.1.16</productVersion><restApiVersion>3.19</restApiVersion></serverInfo></tsResponse>`;
		const parsed = parseBody(xml, 'application/xml');
		expect(parsed.kind).toBe('tableau');
		if (parsed.kind !== 'tableau') return;
		expect(text(pick(parsed.value, 'serverInfo', 'productVersion'))).toBe('2023.1.16');
		expect(text(pick(parsed.value, 'serverInfo', 'productVersion', 'build'))).toBe('20231.24.0809.0841');
		expect(text(pick(parsed.value, 'serverInfo', 'restApiVersion'))).toBe('3.19');
	});

	it('reads the old tableausoftware.com namespace, prefixed or not', () => {
		const xml = `<ts:tsResponse xmlns:ts="http://tableausoftware.com/api"><ts:credentials token="t"><ts:site id="s" contentUrl=""/><ts:user id="u"/></ts:credentials></ts:tsResponse>`;
		const parsed = parseBody(xml);
		expect(parsed.kind).toBe('tableau');
		if (parsed.kind !== 'tableau') return;
		expect(pick(parsed.value, 'credentials', 'site', 'id')).toBe('s');
		expect(pick(parsed.value, 'credentials', 'site', 'contentUrl')).toBe('');
	});

	it('keeps version strings as strings (3.20 is not 3.2)', () => {
		const parsed = parseBody('<tsResponse><serverInfo><restApiVersion>3.20</restApiVersion></serverInfo></tsResponse>');
		expect(parsed.kind === 'tableau' && text(pick(parsed.value, 'serverInfo', 'restApiVersion'))).toBe('3.20');
	});

	it('reads JSON even when the content type says otherwise', () => {
		const parsed = parseBody('{"error":{"summary":"Signin Error","detail":"Error signing in","code":"401001"}}', 'text/plain');
		expect(errorOf(parsed)).toEqual({code: '401001', summary: 'Signin Error', detail: 'Error signing in'});
	});

	it('reads an XML error, numeric codes included', () => {
		const parsed = parseBody(
			'<tsResponse xmlns="http://tableau.com/api"><error code="404000"><summary>Site not found</summary><detail>The site was not found</detail></error></tsResponse>',
		);
		expect(errorOf(parsed)).toEqual({code: '404000', summary: 'Site not found', detail: 'The site was not found'});
	});

	it('recognises HTML pages, even labelled as JSON, and keeps their title', () => {
		const html = '<!DOCTYPE html><html><head><title>Too Many Requests</title></head><body><h1>429</h1></body></html>';
		expect(parseBody(html, 'application/json')).toEqual({kind: 'html', title: 'Too Many Requests'});
		expect(parseBody('<html><body>Sign in to Okta</body></html>')).toEqual({kind: 'html', title: null});
	});

	it('tells empty bodies, plain text and broken XML apart without throwing', () => {
		expect(parseBody('')).toEqual({kind: 'empty'});
		expect(parseBody('  \n')).toEqual({kind: 'empty'});
		expect(parseBody('Service Unavailable')).toEqual({kind: 'text', text: 'Service Unavailable'});
		expect(parseBody('<tsResponse><unclosed>').kind).toBe('text');
		expect(parseBody('{"truncated": ').kind).toBe('text');
		expect(parseBody('<other>x</other>').kind).toBe('text');
	});

	it('strips a byte-order mark', () => {
		expect(parseBody('\uFEFF{"a":1}').kind).toBe('tableau');
	});
});

describe('list and text', () => {
	it('treats one XML element and a JSON array alike', () => {
		expect(list({id: 'a'})).toEqual([{id: 'a'}]);
		expect(list([{id: 'a'}, {id: 'b'}])).toHaveLength(2);
		expect(list(undefined)).toEqual([]);
		expect(list('')).toEqual([]);
	});

	it('reads numbers, strings and text nodes', () => {
		expect(text(3)).toBe('3');
		expect(text('7')).toBe('7');
		expect(text({value: '2025.3.0', build: 'x'})).toBe('2025.3.0');
		expect(text(null)).toBeNull();
		expect(text({})).toBeNull();
	});
});

describe('text from servers', () => {
	it('loses its control characters, so it cannot drive the terminal', () => {
		const parsed = parseBody('{"error":{"code":"401001","summary":"x","detail":"bad\\u001b[2J\\u001b]8;;http://evil\\u0007 secret\\u009b"}}');
		const detail = errorOf(parsed)?.detail ?? '';
		expect(detail).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(detail).toContain('bad');
		expect(parseBody('<html><head><title>a\u001b[31mb</title></head></html>')).toEqual({kind: 'html', title: 'a [31mb'});
	});
});
