import {describe, expect, it} from 'vitest';
import {diagnose, diagnosisCatalogue, warning, type DiagnosisContext} from '../../source/verify/diagnoses.js';
import {diagnosisCodes, warningCodes} from '../../source/verify/types.js';
import {wizardFrame} from '../helpers/remedy-frames.js';

const full: DiagnosisContext = {
	profile: 'acme-finance',
	server: 'https://tableau.example.com:8443',
	site: 'finance',
	httpStatus: 401,
	tableauCode: '401001',
	detail: 'Error signing in to Tableau Server',
	apiVersion: '3.4',
	productVersion: '2019.2.5',
	retryAfterSeconds: 90,
	redirectedTo: 'https://10ay.online.tableau.com/api/3.19/auth/signin',
	siteRole: 'Explorer',
	timeoutSeconds: 20,
};

function text(diagnosis: {title: string; explanation?: string; remediation: string[]}): string {
	return [diagnosis.title, diagnosis.explanation ?? '', ...diagnosis.remediation].join('\n');
}

describe('every diagnosis code', () => {
	it.each(diagnosisCodes)('%s has a title, an explanation and 2–6 remediation steps', code => {
		for (const context of [undefined, {}, full]) {
			const diagnosis = diagnose(code, context);
			expect(diagnosis.code).toBe(code);
			expect(diagnosis.title.length).toBeGreaterThan(10);
			expect(diagnosis.explanation.length).toBeGreaterThan(20);
			expect(diagnosis.remediation.length).toBeGreaterThanOrEqual(2);
			expect(diagnosis.remediation.length).toBeLessThanOrEqual(6);
			for (const step of diagnosis.remediation) {
				expect(step.trim().length).toBeGreaterThan(15);
			}

			// Nothing may leak the placeholder of a missing value.
			expect(text(diagnosis)).not.toMatch(/undefined|null|NaN|\[object/);
		}
	});

	it('every command in a remedy is closed: backticks come in pairs, in every frame', () => {
		const moved = {...full, redirectedTo: 'https://10ay.online.tableau.com/'};
		const frames: DiagnosisContext[] = [
			moved,
			{...moved, profile: null},
			{...moved, profile: null, rerun: {kind: 'flags', secret: 'stdin'}},
			{...moved, profile: null, rerun: {kind: 'flags', secret: 'environment'}},
			{...moved, rerun: {kind: 'command'}},
		];
		for (const context of frames) {
			for (const item of [...diagnosisCodes.map(code => diagnose(code, context)), ...warningCodes.map(code => warning(code, context))]) {
				for (const step of item.remediation) {
					expect(step.split('`').length % 2, `${item.code}: ${step}`).toBe(1);
				}
			}
		}
	});

	it('no two codes share a title', () => {
		const titles = diagnosisCodes.map(code => diagnose(code).title);
		expect(new Set(titles).size).toBe(titles.length);
	});

	it('the catalogue lists every code with the same title as the diagnosis', () => {
		expect(Object.keys(diagnosisCatalogue).sort()).toEqual([...diagnosisCodes].sort());
		for (const code of diagnosisCodes) {
			expect(diagnosisCatalogue[code].title).toBe(diagnose(code).title);
			expect(diagnosisCatalogue[code].meaning.length).toBeGreaterThan(20);
		}
	});
});

describe('diagnose uses the context', () => {
	it('copies the status and Tableau code, null when absent', () => {
		expect(diagnose('signin-failed', {httpStatus: 401, tableauCode: '401001'})).toMatchObject({httpStatus: 401, tableauCode: '401001'});
		expect(diagnose('signin-failed')).toMatchObject({httpStatus: null, tableauCode: null});
		expect(diagnose('timeout', {httpStatus: null})).toMatchObject({httpStatus: null, tableauCode: null});
	});

	it('names the server, site and status in the explanation', () => {
		const diagnosis = diagnose('signin-failed', full);
		expect(diagnosis.explanation).toContain('https://tableau.example.com:8443');
		expect(diagnosis.explanation).toContain('finance');
		expect(diagnosis.explanation).toContain('401001');
		expect(diagnosis.explanation).toContain('401');
	});

	it('names the host for network failures, and the network error code', () => {
		const diagnosis = diagnose('dns-not-found', {server: 'https://tablaeu.example.com', detail: 'ENOTFOUND'});
		expect(diagnosis.explanation).toContain('tablaeu.example.com');
		expect(diagnosis.explanation).toContain('ENOTFOUND');
		expect(text(diagnosis)).toContain('HTTPS_PROXY');
	});

	it('names the port that refused', () => {
		expect(diagnose('connection-refused', {server: 'https://tableau.example.com:8443'}).explanation).toContain('port 8443');
		expect(diagnose('connection-refused', {server: 'http://tableau.example.com'}).explanation).toContain('port 80');
	});

	it('says how long it waited, and suggests a longer --timeout', () => {
		const diagnosis = diagnose('timeout', {server: 'https://tableau.example.com', timeoutSeconds: 20});
		expect(diagnosis.explanation).toContain('20 seconds');
		expect(text(diagnosis)).toMatch(/--timeout \d+/);
		expect(text(diagnosis)).toContain('NO_PROXY');
		expect(diagnose('timeout').explanation).toContain('15 seconds');
	});

	it('tells how to trust an internal certificate', () => {
		const remedy = text(diagnose('tls-untrusted-certificate', {server: 'https://tableau.example.com', detail: 'SELF_SIGNED_CERT_IN_CHAIN'}));
		expect(remedy).toContain('SELF_SIGNED_CERT_IN_CHAIN');
		expect(remedy).toContain('--ca-file');
		expect(remedy).toContain('NODE_EXTRA_CA_CERTS');
		expect(remedy).toContain('--insecure');
		expect(remedy).toMatch(/IT team|browser/);
	});

	it('says to use the name on the certificate for a hostname mismatch', () => {
		expect(text(diagnose('tls-hostname-mismatch', {server: 'https://10.0.0.12'}))).toMatch(/names it lists[\s\S]*Use one of those names/);
	});

	it('points a redirect at https and the address it went to', () => {
		const diagnosis = diagnose('redirect-method', {
			server: 'http://online.tableau.com',
			httpStatus: 405,
			tableauCode: '405000',
			redirectedTo: full.redirectedTo,
		});
		expect(diagnosis.explanation).toContain('405000');
		expect(text(diagnosis)).toContain('https://');
		expect(text(diagnosis)).toContain('If https://10ay.online.tableau.com is really your Tableau server');
		expect(text(diagnose('redirect-method'))).toContain('pod');
	});

	it('names the versions the server reported and the minimum', () => {
		const diagnosis = diagnose('api-version-unsupported', {server: 'https://old.example.com', productVersion: '2019.2.5', apiVersion: '3.4'});
		expect(diagnosis.explanation).toContain('2019.2.5');
		expect(diagnosis.explanation).toContain('3.4');
		expect(text(diagnosis)).toContain('3.6');
		expect(text(diagnosis)).toContain('2019.4');
		expect(text(diagnosis)).toContain('--api-version');
	});

	it('explains one session per token', () => {
		const remedy = text(diagnose('session-invalidated', {httpStatus: 401, tableauCode: '401002'}));
		expect(remedy).toContain('401002');
		expect(remedy).toMatch(/one session per personal access token/);
		expect(remedy).toContain('Parable');
		expect(remedy).toMatch(/its own token/);
	});

	it('names the site role and the role Parable needs', () => {
		const diagnosis = diagnose('insufficient-permissions', {siteRole: 'Viewer', httpStatus: 403});
		expect(diagnosis.explanation).toContain('Viewer');
		expect(text(diagnosis)).toContain('Site Administrator Explorer');
		expect(text(diagnosis)).toContain('Site Administrator Creator');
	});

	it('says how long to wait when rate limited', () => {
		expect(text(diagnose('rate-limited', {retryAfterSeconds: 30}))).toContain('30 seconds');
		expect(text(diagnose('rate-limited', {retryAfterSeconds: 600}))).toContain('10 minutes');
		expect(text(diagnose('rate-limited'))).toContain('a few minutes');
	});

	it('points Tableau Cloud server errors at the status page and Server ones at the administrator', () => {
		expect(text(diagnose('server-error', {server: 'https://10ay.online.tableau.com', httpStatus: 503}))).toContain('trust.tableau.com');
		expect(text(diagnose('server-error', {server: 'https://tableau.example.com', httpStatus: 500}))).toContain('tsm status');
	});

	it('shows the raw status and code of an unexpected response', () => {
		const diagnosis = diagnose('unexpected-response', {httpStatus: 418, tableauCode: '418000'});
		expect(diagnosis.explanation).toContain('418');
		expect(diagnosis.explanation).toContain('418000');
	});

	it('keeps a long detail short', () => {
		const diagnosis = diagnose('not-tableau', {detail: `<html>${'x'.repeat(5000)}</html>`});
		expect(diagnosis.explanation.length).toBeLessThan(500);
	});

	it('mentions no value that is not in the context', () => {
		const diagnosis = diagnose('signin-failed', {server: 'https://tableau.example.com'});
		expect(diagnosis.explanation).not.toContain('finance');
		expect(text(diagnosis)).not.toContain('You used');
	});
});

describe('signin-failed lists every cause Tableau hides behind 401001', () => {
	const all = text(diagnose('signin-failed', full));

	it.each([
		['token name, case-sensitive', /name must match exactly, including capital letters/],
		['wrong or partial secret', /secret must be pasted whole/],
		['expired after 15 days unused', /15 days/],
		['expiry set by an administrator', /expiry date an administrator set/],
		['revoked token', /revoked/],
		['where tokens are listed', /My Account Settings → Personal Access Tokens/],
		['tokens disabled for the site', /Settings → General → Personal Access Tokens/],
		['user not in the allowed group', /group/],
		['display name instead of content URL', /content URL, not the display name/],
		['address-bar hint', /part after \/site\/ in the address bar/],
		['Default site needs an empty site', /Default site[\s\S]*leave the site empty/],
		['the site that was used', /You used "finance"/],
		['the commands that fix and re-test, naming the profile', /tableau-connect setup --profile acme-finance[\s\S]*tableau-connect test acme-finance/],
	])('%s', (_cause, pattern) => {
		expect(all).toMatch(pattern);
	});

	it('says why an empty site fails on Tableau Cloud', () => {
		expect(text(diagnose('signin-failed', {server: 'https://10ay.online.tableau.com', site: ''}))).toContain('Tableau Cloud has no Default site');
	});

	// `test NAME` refuses --site (exit 2: "Give either saved profile names (or --all), or --server/--site/--token-name, not both").
	it('names `--site ""` only where a command takes it, not under a saved profile, whose site the wizard changes', () => {
		const step = (context: DiagnosisContext) =>
			diagnose('signin-failed', context).remediation.find(remedy => remedy.startsWith('Default site on Tableau Server'));
		expect(step({profile: 'lab', server: 'https://tableau.example.com', site: '', rerun: {kind: 'saved'}})).toBe(
			'Default site on Tableau Server: its content URL is empty, so leave the site empty rather than typing "Default".',
		);
		for (const rerun of [{kind: 'flags'}, {kind: 'command'}] as const) {
			expect(step({server: 'https://tableau.example.com', site: '', rerun})).toBe(
				'Default site on Tableau Server: its content URL is empty, so leave the site empty (`--site ""`) rather than typing "Default".',
			);
		}
	});
});

describe('warnings', () => {
	it.each(warningCodes)('%s has a title and remediation', code => {
		for (const context of [undefined, full]) {
			const result = warning(code, context);
			expect(result.code).toBe(code);
			expect(result.title.length).toBeGreaterThan(10);
			expect(result.remediation.length).toBeGreaterThanOrEqual(2);
			expect(text(result)).not.toMatch(/undefined|null/);
		}
	});

	it('not-site-admin names the role and what Parable will miss', () => {
		const result = warning('not-site-admin', {siteRole: 'Explorer'});
		expect(result.title).toContain('Explorer');
		expect(text(result)).toMatch(/usage/);
		expect(text(result)).toContain('Site Administrator');
	});

	it('insecure-tls says never in production and offers --ca-file', () => {
		const result = text(warning('insecure-tls'));
		expect(result).toMatch(/never use `--insecure` in production/i);
		expect(result).toContain('--ca-file');
	});

	it('redirected names the pod to save as the server', () => {
		const result = warning('redirected', {server: 'https://online.tableau.com', redirectedTo: 'https://10ay.online.tableau.com/api/3.19/auth/signin'});
		expect(result.title).toContain('10ay.online.tableau.com');
		expect(text(result)).toContain('Requests should go to https://10ay.online.tableau.com directly');
		// `test` with flags: the same test at the new address, the secret taken as the run took it.
		expect(text(result)).toContain('`tableau-connect test --server https://10ay.online.tableau.com --token-name TOKEN_NAME --token-secret-stdin`.');
		expect(text(warning('redirected', {redirectedTo: 'https://10ay.online.tableau.com/', rerun: {kind: 'flags', secret: 'environment'}}))).toContain(
			'`tableau-connect test --server https://10ay.online.tableau.com --token-name TOKEN_NAME`',
		);
		const saved = text(
			warning('redirected', {redirectedTo: 'https://10ay.online.tableau.com/', profile: 'acme.cloud', site: 'acme', tokenName: 'Parable Integration'}),
		);
		// Only the address changes: the saved CA file, secret and secret store stay as they are.
		expect(saved).toContain(
			'`tableau-connect profiles set-server acme.cloud https://10ay.online.tableau.com`, then run `tableau-connect test acme.cloud` again.',
		);
	});

	it('plain-http names the host, the https:// address to use and how to save it', () => {
		const result = warning('plain-http', {server: 'http://tableau.example.com', profile: 'acme', site: '', tokenName: 'Parable'});
		expect(result.title).toContain('unencrypted');
		expect(text(result)).toContain('tableau.example.com can read the token secret');
		expect(text(result)).toContain('`tableau-connect profiles set-server acme https://tableau.example.com`');
		expect(text(result)).toContain('tsm security external-ssl enable');
	});

	it('never names a placeholder profile: commands are runnable as shown', () => {
		for (const code of diagnosisCodes) {
			expect(text(diagnose(code, full))).not.toMatch(/--profile NAME|test NAME/);
			expect(text(diagnose(code, {}))).not.toMatch(/--profile NAME|test NAME/);
		}
	});
});

describe('real servers: the wrong scheme, redirects, other front doors, unreadable answers', () => {
	it('wrong-scheme for http:// to a TLS port names the https:// address with the same port', () => {
		const diagnosis = diagnose('wrong-scheme', {server: 'http://tableau.example.com:8443', profile: 'acme', detail: 'TLS_PORT'});
		expect(diagnosis.explanation).toContain('Port 8443 of tableau.example.com speaks TLS');
		expect(diagnosis.remediation[0]).toContain('Use https://tableau.example.com:8443 as the server address');
		expect(text(diagnosis)).toContain('`tableau-connect profiles set-server acme https://tableau.example.com:8443`');
		expect(text(diagnosis)).toContain('tableau-connect test acme');
	});

	it('wrong-scheme for https:// to a plain port names the http:// address and says the token would travel unencrypted', () => {
		const diagnosis = diagnose('wrong-scheme', {server: 'https://tableau.example.com', detail: 'ERR_SSL_WRONG_VERSION_NUMBER'});
		expect(diagnosis.explanation).toContain('Port 443 of tableau.example.com answers plain HTTP');
		expect(diagnosis.explanation).toContain('ERR_SSL_WRONG_VERSION_NUMBER');
		expect(text(diagnosis)).toContain('http://tableau.example.com:443');
		expect(text(diagnosis)).toContain('unencrypted');
		expect(text(diagnose('wrong-scheme', {server: 'https://tableau.example.com:8000'}))).toContain('--server http://tableau.example.com:8000');
	});

	it('not-tableau names where a single sign-on redirect led, and says what that usually means', () => {
		const diagnosis = diagnose('not-tableau', {
			server: 'https://tableau.example.com',
			redirects: ['https://tableau.example.com/api/3.6/serverinfo', 'https://login.example.com/sso?x=1'],
			httpStatus: 200,
		});
		expect(diagnosis.explanation).toContain('sent us to https://login.example.com/sso?x=1');
		expect(diagnosis.explanation).toMatch(/proxy with single sign-on/);
		expect(text(diagnosis)).toContain('let /api/ through');
	});

	it('not-tableau for Tableau Services Manager points at the gateway instead of port 8850', () => {
		const diagnosis = diagnose('not-tableau', {server: 'https://tableau.example.com:8850', frontDoor: 'tsm', httpStatus: 401});
		expect(diagnosis.explanation).toContain('Tableau Services Manager');
		expect(diagnosis.remediation[0]).toContain('https://tableau.example.com on port 443');
		expect(diagnosis.remediation[0]).toContain('8850');
	});

	it('says HTTP 401 once in a not-tableau explanation', () => {
		expect(diagnose('not-tableau', {server: 'https://x.example.com', httpStatus: 401}).explanation.match(/HTTP 401/g)).toHaveLength(1);
	});

	it('unexpected-response says a session may stay open when the sign-in answer could not be read', () => {
		expect(diagnose('unexpected-response', {sessionMayBeOpen: true}).explanation).toContain('stays open until it expires');
		expect(diagnose('unexpected-response', {}).explanation).not.toContain('stays open');
	});

	it('invalid-url gives the whole advice of an address rule', () => {
		expect(diagnose('invalid-url', {server: 'https://x.cloudmanager.tableau.com', advice: 'That is Tableau Cloud Manager.'}).explanation).toBe(
			'That is Tableau Cloud Manager.',
		);
	});
});

describe('remedies name only what exists (issue 11, item 1)', () => {
	const notSaved = /setup --profile|test acme-finance|profiles add acme-finance/;
	const everything = [...diagnosisCodes.map(code => diagnose(code, {...full, rerun: wizardFrame}))];

	it.each(diagnosisCodes)('%s on a screen whose values are not saved names its keys, never the profile', code => {
		const onScreen = text(diagnose(code, {...full, rerun: wizardFrame}));
		expect(onScreen).not.toMatch(notSaved);
		const onCommandLine = text(diagnose(code, {...full, rerun: {kind: 'command'}}));
		expect(onCommandLine).not.toMatch(notSaved);
	});

	it.each(warningCodes)('warning %s on a screen names no profile command', code => {
		const shown = warning(code, {...full, rerun: wizardFrame});
		expect(text(shown)).not.toMatch(notSaved);
	});

	it('timeout: the longer --timeout goes where the run came from', () => {
		const remedyOf = (context: DiagnosisContext) => diagnose('timeout', {...full, ...context}).remediation.find(line => line.includes('allow more time'));
		expect(remedyOf({timeoutSeconds: 15})).toContain('`tableau-connect test acme-finance --timeout 60`');
		// The wizard: its values may not be saved, and `test` without them would not run.
		expect(remedyOf({rerun: wizardFrame, timeoutSeconds: 15})).toContain('start the wizard again with `tableau-connect setup --timeout 60`');
		expect(remedyOf({rerun: {kind: 'command'}, timeoutSeconds: 45})).toContain('add `--timeout 90` to the command');
		// `test --server …`: the same command with the flag, not a bare `test` that names no server.
		expect(remedyOf({profile: null, timeoutSeconds: 15})).toContain('add `--timeout 60` to the command');
	});

	it('a screen says which key edits and which retries; a saved profile keeps its commands', () => {
		expect(everything.length).toBe(diagnosisCodes.length);
		const onScreen = diagnose('signin-failed', {...full, rerun: wizardFrame}).remediation.join('\n');
		expect(onScreen).toContain('Fix the values with the e key (edit), then test again with the r key (retry).');
		const saved = diagnose('signin-failed', full).remediation.join('\n');
		expect(saved).toContain('tableau-connect setup --profile acme-finance');
		expect(saved).toContain('tableau-connect test acme-finance');
	});

	it('the redirected warning on a screen offers u, the key that saves the new address', () => {
		const shown = warning('redirected', {...full, rerun: wizardFrame});
		expect(shown.remediation[0]).toContain('Use it with the u key (use the new address): the server becomes https://10ay.online.tableau.com');
	});
});

describe('redirect-method, by where the redirect went', () => {
	const first = (context: DiagnosisContext) =>
		diagnose('redirect-method', {...context, rerun: wizardFrame, httpStatus: 405, tableauCode: '405000'}).remediation[0];
	const httpToHttps = 'Change http:// to https:// in the server address: the redirect from http to https is what loses the sign-in.';
	const elsewhere = 'Use the host that serves Tableau itself rather than one that redirects to another: the sign-in is never sent on to another host.';

	it('blames http:// when the move stayed on the host, or when where it went is not known', () => {
		expect(first({server: 'http://tableau.example.com', redirectedTo: 'https://tableau.example.com/api/3.19/auth/signin'})).toBe(httpToHttps);
		expect(first({server: 'http://tableau.example.com', redirectedTo: null})).toBe(httpToHttps);
		expect(first({server: 'http://tableau.example.com', redirectedTo: 'not an address'})).toBe(httpToHttps);
	});

	it('names the other host instead when the move left it, and keeps https:// advice for https', () => {
		expect(first({server: 'http://tableau.example.com', redirectedTo: 'http://sso.example.com/login'})).toBe(elsewhere);
		expect(first({server: 'https://tableau.example.com', redirectedTo: 'https://sso.example.com/login'})).toMatch(/^Keep https:\/\//);
	});
});
