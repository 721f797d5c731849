import type {DiagnosisCode} from '../verify/types.js';

export const scenarioIds = [
	'ok',
	'ok-xml-only',
	'explorer-role',
	'content-refused',
	'token-expiring',
	'cloud-redirect',
	'redirect-method',
	'wrong-secret',
	'wrong-site',
	'pats-disabled',
	'not-admin',
	'site-not-found',
	'old-server',
	'rate-limited',
	'rate-limited-always',
	'server-error',
	'slow',
	'not-tableau',
	'session-stolen',
	'unexpected-response',
	'http-upgrade',
	'sso-proxy',
	'wrong-scheme',
	'compressed',
	'tls-self-signed',
	'tls-wrong-host',
	'tls-expired',
] as const;

export type ScenarioId = (typeof scenarioIds)[number];

/** Which certificate a scenario serves; a scenario with one always runs over HTTPS. */
export type ScenarioTls = 'self-signed' | 'wrong-host' | 'expired';

export type ScenarioInfo = {
	id: ScenarioId;
	title: string;
	/** One line for `demo --list`: what the customer will see. */
	shows: string;
	/** What a correct verification run reports against this scenario. */
	expected: DiagnosisCode | 'ok';
	expectedWarnings?: string[];
	tls?: ScenarioTls;
	/** Needs the simulator to speak TLS as well, with its trusted certificate (`http-upgrade`). */
	needsTls?: boolean;
	/** The scheme the simulator's address is given with when it starts in this scenario, if not its own. */
	entryScheme?: 'http' | 'https';
};

export const scenarios: readonly ScenarioInfo[] = [
	{id: 'ok', title: 'Everything works', shows: 'Tableau Server 2024.2 accepts the token; the user is a Site Administrator Creator.', expected: 'ok'},
	{
		id: 'ok-xml-only',
		title: 'XML-only server',
		shows: 'An older-style server that ignores Accept and answers XML in the tableausoftware.com namespace.',
		expected: 'ok',
	},
	{
		id: 'explorer-role',
		title: 'Signed in as an Explorer',
		shows: 'Sign-in works, but the user is an Explorer: Parable sees 38 of 142 workbooks, and the users list is only themselves.',
		expected: 'ok',
		expectedWarnings: ['not-site-admin'],
	},
	{
		id: 'content-refused',
		title: 'Views and data sources refused',
		shows: 'Sign-in works, but listing views and data sources is refused (403): Parable would miss view counts and data sources.',
		expected: 'ok',
		expectedWarnings: ['limited-access'],
	},
	{
		id: 'token-expiring',
		title: 'Token about to expire',
		shows: 'Everything works, but Tableau says the token expires in 9 days: time to create the next one.',
		expected: 'ok',
		expectedWarnings: ['token-expiring'],
	},
	{
		id: 'cloud-redirect',
		title: 'Tableau Cloud pod redirect',
		shows: 'Sign-in is redirected (301) to the pod host, and re-sending it there succeeds.',
		expected: 'ok',
		expectedWarnings: ['redirected'],
	},
	{
		id: 'redirect-method',
		title: 'Redirect loses the POST',
		shows: 'Sign-in is redirected and the pod answers 405000, as when a proxy turns the POST into a GET.',
		expected: 'redirect-method',
	},
	{
		id: 'wrong-secret',
		title: 'Wrong token secret',
		shows: 'The token secret does not match: Tableau answers 401001 without saying which field is wrong.',
		expected: 'signin-failed',
	},
	{
		id: 'wrong-site',
		title: 'Site name instead of content URL',
		shows: 'The site field holds the display name; the real content URL differs, so sign-in fails with 401001.',
		expected: 'signin-failed',
	},
	{
		id: 'pats-disabled',
		title: 'Tokens turned off on the site',
		shows: 'An administrator disabled PATs for the site: every PAT sign-in gets 401001.',
		expected: 'signin-failed',
	},
	{
		id: 'not-admin',
		title: 'Viewer role',
		shows: "Sign-in works, but the user is a Viewer and may not list the site's users (403).",
		expected: 'insufficient-permissions',
	},
	{id: 'site-not-found', title: 'Site does not exist', shows: 'Sign-in answers 404000: no site has that content URL.', expected: 'site-not-found'},
	{
		id: 'old-server',
		title: 'Tableau Server 2019.2',
		shows: 'REST API 3.4 is older than PAT sign-in (3.6); newer API versions get 404001.',
		expected: 'api-version-unsupported',
	},
	{id: 'rate-limited', title: 'Briefly rate limited', shows: 'The first two sign-ins get 429 with Retry-After; the retry then succeeds.', expected: 'ok'},
	{
		id: 'rate-limited-always',
		title: 'Rate limited',
		shows: "Every sign-in gets 429, alternating Tableau's XML error and Tableau Cloud's HTML page.",
		expected: 'rate-limited',
	},
	{id: 'server-error', title: 'Server error', shows: 'serverinfo answers, but sign-in fails with 503 and an HTML page every time.', expected: 'server-error'},
	{id: 'slow', title: 'Server too slow', shows: 'Every answer is delayed past the request timeout.', expected: 'timeout'},
	{
		id: 'not-tableau',
		title: 'Not a Tableau server',
		shows: 'The address leads to a corporate login portal that answers HTML to everything.',
		expected: 'not-tableau',
	},
	{
		id: 'session-stolen',
		title: 'Session taken over',
		shows: 'Right after sign-in another client signs in with the same PAT, so our session gets 401002.',
		expected: 'session-invalidated',
	},
	{
		id: 'unexpected-response',
		title: 'Unexpected answer',
		shows: 'Sign-in answers 418 with an error code nothing else explains.',
		expected: 'unexpected-response',
	},
	{
		id: 'http-upgrade',
		title: 'Server moves every address',
		shows: 'Every path answers 301, as most servers do: http:// moves to https://, and the entry name to the canonical one; sign-in follows.',
		expected: 'ok',
		expectedWarnings: ['redirected'],
		needsTls: true,
		entryScheme: 'http',
	},
	{
		id: 'sso-proxy',
		title: 'Single sign-on proxy in front of the API',
		shows: 'A proxy sends every /api/ request to its login page (302), so only browsers get through; the token is not sent there.',
		expected: 'not-tableau',
	},
	{
		id: 'wrong-scheme',
		title: 'https:// to a plain HTTP port',
		shows: 'The port speaks plain HTTP, but the address says https:// (as the wizard assumes when no scheme is typed).',
		expected: 'wrong-scheme',
		entryScheme: 'https',
	},
	{
		id: 'compressed',
		title: 'Gateway that compresses everything',
		shows: 'A gateway compresses every answer with gzip, br or deflate, asked or not; the answers are decoded.',
		expected: 'ok',
	},
	{
		id: 'tls-self-signed',
		title: 'Self-signed certificate',
		shows: 'HTTPS with a self-signed certificate that the system does not trust.',
		expected: 'tls-untrusted-certificate',
		tls: 'self-signed',
	},
	{
		id: 'tls-wrong-host',
		title: 'Certificate for another host',
		shows: 'HTTPS with a trusted certificate issued only for tableau.example.com.',
		expected: 'tls-hostname-mismatch',
		tls: 'wrong-host',
	},
	{
		id: 'tls-expired',
		title: 'Expired certificate',
		shows: 'HTTPS with a trusted certificate whose validity ended last year.',
		expected: 'tls-certificate-expired',
		tls: 'expired',
	},
];

const known = new Set<string>(scenarioIds);

export function isScenarioId(value: string): value is ScenarioId {
	return known.has(value);
}

export function scenarioInfo(id: ScenarioId): ScenarioInfo {
	const info = scenarios.find(scenario => scenario.id === id);
	if (!info) {
		throw new Error(`Unknown simulator scenario: ${id}`);
	}

	return info;
}

/** How a scenario ends, in a few words: "succeeds", "succeeds, warns redirected", or the diagnosis code. */
export function scenarioOutcome(scenario: ScenarioInfo): string {
	if (scenario.expected !== 'ok') {
		return scenario.expected;
	}

	return scenario.expectedWarnings?.length ? `succeeds, warns ${scenario.expectedWarnings.join(', ')}` : 'succeeds';
}

/**
The scenarios as one list shows them, whether `demo --list` prints it or the demo's picker draws it:
the plain title, the id beside it (to type after --scenario), and how it ends.
*/
export function scenarioLines(list: readonly ScenarioInfo[] = scenarios): Array<{scenario: ScenarioInfo; line: string}> {
	const titleWidth = Math.max(...list.map(scenario => scenario.title.length));
	const idWidth = Math.max(...list.map(scenario => scenario.id.length));
	return list.map(scenario => ({scenario, line: `${scenario.title.padEnd(titleWidth)}  ${scenario.id.padEnd(idWidth)}  ${scenarioOutcome(scenario)}`}));
}
