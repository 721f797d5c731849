import {XMLParser, XMLValidator} from 'fast-xml-parser';

export type SignInRequest =
	| {kind: 'pat'; tokenName: string; tokenSecret: string; contentUrl: string}
	/** Credentials of another kind (user name and password, JWT): well-formed, but not a PAT. */
	| {kind: 'other'}
	| {kind: 'malformed'};

const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseAttributeValue: false});

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function fromCredentials(credentials: Record<string, unknown> | undefined): SignInRequest {
	if (!credentials) {
		return {kind: 'malformed'};
	}

	const {personalAccessTokenName: tokenName, personalAccessTokenSecret: tokenSecret} = credentials;
	if (tokenName === undefined && tokenSecret === undefined) {
		return {kind: 'other'};
	}

	// A missing site means the Default site, whose content URL is empty.
	const contentUrl = asRecord(credentials['site'])?.['contentUrl'] ?? '';
	if (typeof tokenName !== 'string' || typeof tokenSecret !== 'string' || typeof contentUrl !== 'string') {
		return {kind: 'malformed'};
	}

	return {kind: 'pat', tokenName, tokenSecret, contentUrl};
}

function parseJson(body: string): SignInRequest {
	try {
		return fromCredentials(asRecord(asRecord(JSON.parse(body))?.['credentials']));
	} catch {
		return {kind: 'malformed'};
	}
}

function parseXml(body: string): SignInRequest {
	if (XMLValidator.validate(body) !== true) {
		return {kind: 'malformed'};
	}

	const document = asRecord(parser.parse(body));
	return fromCredentials(asRecord(asRecord(document?.['tsRequest'])?.['credentials']));
}

/**
Reads a sign-in body as Tableau does, by its Content-Type; a body sent as text/plain (what fetch
sends for a string) is recognised by its first character rather than rejected.
*/
export function parseSignIn(body: string, contentType = ''): SignInRequest {
	const type = contentType.toLowerCase();
	if (type.includes('json')) {
		return parseJson(body);
	}

	if (type.includes('xml')) {
		return parseXml(body);
	}

	const start = body.trimStart()[0];
	if (start === '{') {
		return parseJson(body);
	}

	return start === '<' ? parseXml(body) : {kind: 'malformed'};
}
