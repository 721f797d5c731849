import type {ParsedBody} from './parse.js';

/**
Which other Tableau service answered a REST path. Tableau Services Manager (port 8850 of a Tableau
Server) answers every path it does not serve with a Spring-style JSON error,
`{"timestamp":…,"status":401,"error":"Unauthorized","message":"Please log in…"}`: JSON, so it
parses, but nothing like Tableau's `{"error":{"code":…}}`.
*/
export function frontDoorOf(body: ParsedBody, url: string | null): 'tsm' | null {
	if (body.kind !== 'tableau' || body.format !== 'json') {
		return null;
	}

	const {value} = body;
	const springError = typeof value['status'] === 'number' && typeof value['error'] === 'string' && 'timestamp' in value;
	if (!springError) {
		return null;
	}

	const port = url ? safePort(url) : '';
	return port === '8850' || /log ?in/i.test(String(value['message'] ?? '')) ? 'tsm' : null;
}

/** Whether the body is an error in some JSON shape other than Tableau's: not the REST API answering. */
export function isForeignJsonError(body: ParsedBody): boolean {
	return body.kind === 'tableau' && body.format === 'json' && typeof body.value['error'] === 'string' && 'status' in body.value;
}

function safePort(url: string): string {
	try {
		return new URL(url).port;
	} catch {
		return '';
	}
}
