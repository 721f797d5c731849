import {XMLParser, XMLValidator} from 'fast-xml-parser';

/**
A response body as we understood it. Tableau answers JSON or XML (old servers and some proxies
ignore `Accept`); everything else in front of it (portals, load balancers, Cloud's rate limiter)
answers HTML or plain text.
*/
export type ParsedBody =
	| {kind: 'tableau'; format: 'json' | 'xml'; value: Record<string, unknown>}
	| {kind: 'html'; title: string | null}
	| {kind: 'text'; text: string}
	| {kind: 'empty'};

const xmlParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	// Attributes and text land side by side, so `<productVersion build="x">2024.2</productVersion>`
	// reads like the JSON `{"value":"2024.2","build":"x"}`.
	textNodeName: 'value',
	// Both namespaces (tableau.com and the older tableausoftware.com) must read the same.
	removeNSPrefix: true,
	parseTagValue: false,
	parseAttributeValue: false,
	processEntities: true,
	htmlEntities: false,
});

function looksLikeHtml(text: string): boolean {
	return /^\s*(<!doctype html|<html|<head|<body)/i.test(text) || /<\/(html|body|div|p)>/i.test(text.slice(0, 4000));
}

/**
Removes control characters (C0, DEL, C1) from text a server sent, so that a hostile or broken server
cannot move the cursor or recolour the terminal through an error detail, a title or a user name.
*/
export function printable(value: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	return value.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ');
}

function htmlTitle(text: string): string | null {
	const match = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(text);
	return (
		printable(match?.[1] ?? '')
			.trim()
			.replace(/\s+/g, ' ') || null
	);
}

/** Reads any body without throwing: a malformed body is information, not an error. */
export function parseBody(body: string, contentType = ''): ParsedBody {
	const text = body.replace(/^\uFEFF/, '');
	if (text.trim() === '') {
		return {kind: 'empty'};
	}

	const trimmed = text.trimStart();
	if (contentType.includes('json') || trimmed.startsWith('{')) {
		try {
			const value: unknown = JSON.parse(text);
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				return {kind: 'tableau', format: 'json', value: value as Record<string, unknown>};
			}
		} catch {
			// Falls through: a proxy may label HTML as JSON.
		}
	}

	if (looksLikeHtml(text)) {
		return {kind: 'html', title: htmlTitle(text)};
	}

	// The parser forgives unclosed tags; a truncated body must not pass for a Tableau answer.
	if (trimmed.startsWith('<') && XMLValidator.validate(text) === true) {
		try {
			const document = xmlParser.parse(text) as Record<string, unknown>;
			const root = document['tsResponse'];
			if (root && typeof root === 'object') {
				return {kind: 'tableau', format: 'xml', value: root as Record<string, unknown>};
			}
		} catch {
			// Not well-formed: reported as text below.
		}
	}

	return {kind: 'text', text: text.slice(0, 500)};
}

/** Walks a path of keys, tolerating anything along the way. */
export function pick(value: unknown, ...path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (!current || typeof current !== 'object') {
			return undefined;
		}

		current = (current as Record<string, unknown>)[key];
	}

	return current;
}

/**
A scalar as a string. Servers send numbers as strings or numbers, and XML text nodes with
attributes come back as `{value}`.
*/
export function text(value: unknown): string | null {
	if (typeof value === 'string') {
		return printable(value);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	if (value && typeof value === 'object' && 'value' in value) {
		return text((value as {value: unknown}).value);
	}

	return null;
}

/** A collection that XML gives as one object when it holds one item, and JSON always as a list. */
export function list(value: unknown): Array<Record<string, unknown>> {
	if (Array.isArray(value)) {
		return value.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object');
	}

	return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
}

export type TableauErrorBody = {code: string | null; summary: string | null; detail: string | null};

/** The `<error>` (or `"error"`) of a Tableau response, if it has one. */
export function errorOf(parsed: ParsedBody): TableauErrorBody | null {
	if (parsed.kind !== 'tableau') {
		return null;
	}

	const error = parsed.value['error'];
	if (!error || typeof error !== 'object') {
		return null;
	}

	return {
		code: text(pick(error, 'code')),
		summary: text(pick(error, 'summary')),
		detail: text(pick(error, 'detail')),
	};
}
