import {shellQuote} from '../tableau/shell-quote.js';
import {isTableauCloud} from '../tableau/server-url.js';
import {describeTokenExpiry, expiresIn, expiryDate, isAdminRole} from './findings.js';
import {roleLabel} from './labels.js';
import {
	flagsTestWords,
	keyMention,
	setServerCommand,
	sharedKeys,
	type OfferedKey,
	type OfferedKeys,
	type RemedyFrame,
	type RemedyKeyRole,
} from './remedy-frame.js';
import {defaultTimeoutMs, type CheckId, type Diagnosis, type DiagnosisCode, type TokenExpiry, type Warning, type WarningCode} from './types.js';

/**
What a diagnosis or warning may mention about the run. None of it is secret: `detail` is Tableau's
`<detail>` text or a network error code, never a token, a secret or a session.
*/
export type DiagnosisContext = {
	server?: string;
	site?: string;
	httpStatus?: number | null;
	tableauCode?: string | null;
	detail?: string | null;
	apiVersion?: string | null;
	productVersion?: string | null;
	retryAfterSeconds?: number | null;
	redirectedTo?: string | null;
	siteRole?: string | null;
	timeoutSeconds?: number;
	/** The profile name of the values under test (saved or not); null for values given as flags. */
	profile?: string | null;
	/** What a refused call would have listed, as a sentence names it: "the site's workbooks", "views and data sources". */
	refused?: string | null;
	/** Tableau's estimate of the token's expiry, for `token-expiring`. */
	token?: TokenExpiry | null;
	/**
	Where the person reads the remedy and how they try again there, so a remedy names only what exists
	there: `saved` (the default when `profile` is set), a screen's keys, a command that saved nothing,
	or `test`'s flags (the default otherwise).
	*/
	rerun?: RemedyFrame;
	/** The keys a remedy may name: the frame's failure keys for a diagnosis, the shared ones for a warning. */
	offered?: OfferedKeys;
	/** The token's name (not secret), so a remedy can spell out the whole command. */
	tokenName?: string;
	/** The addresses the server sent us through, the first one included, when it redirected. */
	redirects?: readonly string[];
	/** Which of Tableau's other front doors answered instead of the REST API. */
	frontDoor?: 'tsm' | null;
	/** Why the address rules refuse this address, in full (a Tableau Cloud Manager host, …). */
	advice?: string | null;
	/** A sign-in answer could not be read: a session may have been opened that nothing can end. */
	sessionMayBeOpen?: boolean;
	/** serverinfo at this address answered as Tableau in this run. */
	tableauAnswered?: boolean;
	/** What answered a later call instead of Tableau (after `tableauAnswered`), and the check it failed. */
	device?: DeviceAnswer | null;
	failedCheck?: CheckId;
};

/** An answer that was not Tableau's, as far as it names its sender. None of it is secret. */
export type DeviceAnswer = {status: number; server: string | null; title: string | null; empty: boolean};

type Entry = {
	title: string;
	meaning: string;
	explain: (context: DiagnosisContext) => string;
	remedy: (context: DiagnosisContext) => string[];
};

const tokenPage = 'avatar (top right) → My Account Settings → Personal Access Tokens';
const siteTokenSettings = 'Settings → General → Personal Access Tokens';
const addressBarExample = 'https://10ay.online.tableau.com/#/site/acme/home';
function frameOf(context: DiagnosisContext): RemedyFrame['kind'] {
	if (context.rerun) {
		return context.rerun.kind;
	}

	return context.profile ? 'saved' : 'flags';
}

/** Whether the remedy is read where flags can be typed: `test` with flags, or a command that saved nothing. */
function isCommandLine(context: DiagnosisContext): boolean {
	const frame = frameOf(context);
	return frame === 'flags' || frame === 'command';
}

/** How to give a CA certificate where the remedy is read: the saved profile's command, the wizard's field, or the flag. */
function caFileWay(context: DiagnosisContext, what: string): string {
	switch (frameOf(context)) {
		case 'saved': {
			return `${what} with \`tableau-connect profiles set-ca-file ${context.profile} PATH\` or \`NODE_EXTRA_CA_CERTS\``;
		}

		case 'keys': {
			const edit = keyFor(context, 'edit');
			if (edit) {
				return `${what} in the CA file field, which ${keyMention(edit)} opens`;
			}

			return setupCommands(context) ? `${what} in the wizard's CA file field, or set \`NODE_EXTRA_CA_CERTS\`` : `${what} in \`NODE_EXTRA_CA_CERTS\``;
		}

		default: {
			return `${what} with \`--ca-file PATH\` or \`NODE_EXTRA_CA_CERTS\``;
		}
	}
}

/** What to send support: a screen's result as it reads, or the command's `--json` output. */
function supportOutput(context: DiagnosisContext): string {
	return frameOf(context) === 'keys' ? 'what this screen shows' : 'the `--json` output';
}

/** The key the screen offers for `role`, or null: also null off a screen. */
function keyFor(context: DiagnosisContext, role: RemedyKeyRole): OfferedKey | null {
	return frameOf(context) === 'keys' ? (context.offered?.[role] ?? null) : null;
}

/** Whether a remedy read on a screen may name `tableau-connect setup …` (the wizard's own command; not in the demo). */
function setupCommands(context: DiagnosisContext): boolean {
	return context.rerun?.kind === 'keys' && context.rerun.commands === true;
}

/** How to test again where the remedy is read: the saved profile by name, the screen's key, or the same command. */
function again(context: DiagnosisContext): string {
	switch (frameOf(context)) {
		case 'saved': {
			return `run \`tableau-connect test ${context.profile}\` again`;
		}

		case 'keys': {
			const retry = keyFor(context, 'retry');
			return retry ? `test again with ${keyMention(retry)}` : 'test again';
		}

		default: {
			return 'run the command again';
		}
	}
}

/** Where to change the values: the saved profile in the wizard, the screen's edit key, or the command's flags. */
function editProfile(context: DiagnosisContext): string {
	switch (frameOf(context)) {
		case 'saved': {
			return `\`tableau-connect setup --profile ${context.profile}\``;
		}

		case 'keys': {
			const edit = keyFor(context, 'edit');
			if (edit) {
				return keyMention(edit);
			}

			// The success screen has no edit key, and the profile may not be saved yet: only the wizard itself is sure to exist.
			return setupCommands(context) ? 'the wizard (`tableau-connect setup`)' : "the wizard's fields";
		}

		case 'command': {
			return 'the corrected flags';
		}

		default: {
			return '`tableau-connect setup` (or the corrected flags)';
		}
	}
}

/** Where a longer `--timeout` goes: the saved profile's test, the command that ran, or the wizard started again. */
/**
The step for a server that may only be slow, starting with `when` ("If the server is just slow"):
the command or flag that allows more time, or, on a screen that runs no commands (the demo), a
retry once the server is less busy.
*/
function moreTime(context: DiagnosisContext, when: string): string {
	const seconds = Math.max(60, (context.timeoutSeconds ?? defaultTimeoutSeconds) * 2);
	switch (frameOf(context)) {
		case 'saved': {
			return `${when}, allow more time: \`tableau-connect test ${context.profile} --timeout ${seconds}\`.`;
		}

		// A screen's values may not be saved yet: no command can name them.
		case 'keys': {
			return setupCommands(context)
				? `${when}, allow more time: start the wizard again with \`tableau-connect setup --timeout ${seconds}\`.`
				: `${when}, ${again(context)} once it is less busy.`;
		}

		default: {
			return `${when}, allow more time: add \`--timeout ${seconds}\` to the command.`;
		}
	}
}

/**
The sentence that makes `server` the address in use and tests it, in the words of where it is read:
the saved profile's command, the screen's key, the flag of the command that saved nothing, or `test`
spelt out with every value but the secret.
*/
function switchServer(context: DiagnosisContext, server: string, byKey = true): string {
	switch (frameOf(context)) {
		case 'saved': {
			// Only the address changes: the CA file, the secret and where it lives stay as saved.
			return `Save it with \`${setServerCommand(context.profile!, server)}\`, then ${again(context)}.`;
		}

		case 'keys': {
			// The screen's key moves to the one address the result carries: this one, unless `byKey` is false.
			const use = byKey ? keyFor(context, 'use-address') : null;
			if (use) {
				// On a failure screen the key only changes the field: the retry key tests it there.
				return `Use it with ${keyMention(use)}: the server becomes ${server}.${keyFor(context, 'retry') ? ` Then ${again(context)}.` : ''}`;
			}

			const edit = keyFor(context, 'edit');
			if (edit) {
				return `Change the server to ${server} with ${keyMention(edit)}, then ${again(context)}.`;
			}

			return `Use ${server} as the Server URL in ${editProfile(context)}, and in Parable's Tableau form.`;
		}

		case 'command': {
			return `Put \`--server ${server}\` in the command, then run it again.`;
		}

		default: {
			const secret = context.rerun?.kind === 'flags' ? context.rerun.secret : undefined;
			const words = flagsTestWords({server, site: context.site, tokenName: context.tokenName ?? 'TOKEN_NAME', secret});
			return `Test it with \`tableau-connect test ${words.map(word => shellQuote(word)).join(' ')}\`.`;
		}
	}
}

/** The same host and port with the other scheme; a port that was implied by the old scheme is kept explicit. */
function otherScheme(server: string | undefined): string | null {
	if (!server) {
		return null;
	}

	try {
		const url = new URL(server);
		const port = url.port || (url.protocol === 'http:' ? '80' : '443');
		return new URL(`${url.protocol === 'http:' ? 'https' : 'http'}://${url.host.replace(/:\d+$/, '')}:${port}`).origin;
	} catch {
		return null;
	}
}

const defaultTimeoutSeconds = defaultTimeoutMs / 1000;

const entries: Record<DiagnosisCode, Entry> = {
	'invalid-url': {
		title: 'The server address cannot be used',
		meaning: 'The server URL has no host, a scheme other than http or https, spaces, or characters a host name cannot have.',
		explain: context =>
			context.advice ??
			`${context.server ? `"${context.server}"` : 'The server address'} is not an address tableau-connect can send requests to${facts(context)}.`,
		remedy: context => [
			'Sign in to Tableau in your browser and copy the address from its address bar, for example https://10ay.online.tableau.com or https://tableau.example.com. A path after the host does no harm; it is dropped.',
			'Start the address with https:// and leave out spaces, user names and passwords.',
			`If what you have is a site name, it belongs in ${frameOf(context) === 'saved' ? `the profile's site, which ${editProfile(context)} changes` : `the site field${isCommandLine(context) ? ' (`--site`)' : ''}`}; ask your Tableau administrator for the server address.`,
			frameOf(context) === 'flags'
				? `Correct a saved profile with ${editProfile(context)}, or pass \`--server URL\` to the test.`
				: `Correct the address with ${editProfile(context)}, then ${again(context)}.`,
		],
	},
	'dns-not-found': {
		title: "The server's host name was not found",
		meaning: 'The host name in the server URL does not resolve to an address from this machine.',
		explain: context => `The name ${hostText(context)} could not be looked up${facts(context)}: either it is misspelt, or this machine's DNS does not know it.`,
		remedy: context => [
			"Compare the host with the one in your browser's address bar when you are signed in to Tableau; a single wrong letter gives this error.",
			"For Tableau Cloud, use your pod's host, for example https://10ay.online.tableau.com, not your company's name in front of online.tableau.com.",
			'For Tableau Server inside your company, connect to the VPN or office network first; internal names only resolve there.',
			'If your browser reaches the internet through a proxy, set `HTTPS_PROXY` (for example `HTTPS_PROXY=http://proxy.example.com:8080`) so tableau-connect uses it too.',
			`Check the name yourself with \`nslookup ${hostOnly(context) ?? 'HOST'}\`, then ${again(context)}.`,
		],
	},
	'connection-refused': {
		title: 'Nothing accepted the connection',
		meaning: 'The host exists, but nothing listens on that port, or a firewall rejected the connection.',
		explain: context => `${capitalize(hostText(context))} was found, but the connection to ${portText(context)} was refused${facts(context)}.`,
		remedy: context => [
			'Check the port: Tableau usually answers on 443 (https) or 80 (http). If your browser shows a port such as :8443 after the host, put the same port in the server address.',
			'Check https:// against http://: the same port rarely serves both.',
			'Ask your Tableau Server administrator whether the server is running (`tsm status -v` on the server).',
			'A firewall or VPN may block this machine: try from a machine where the browser reaches Tableau, or ask your network team.',
			`Then ${again(context)}.`,
		],
	},
	timeout: {
		title: 'The server did not answer in time',
		meaning: 'No answer arrived within the time allowed by `--timeout` (15 seconds unless changed).',
		explain: context =>
			`${capitalize(serverText(context))} did not answer within ${context.timeoutSeconds ?? defaultTimeoutSeconds} seconds${facts(context)}. Firewalls that silently drop connections and slow servers both look like this.`,
		remedy: context => [
			'Open the server address in a browser on this same machine: if it does not load there either, the network is the problem (VPN, firewall, or a proxy that is not set).',
			'If your network needs a proxy, set `HTTPS_PROXY`; if it must not be used for this host, add the host to `NO_PROXY`.',
			moreTime(context, 'If the server is just slow'),
			'If it keeps happening, ask your Tableau administrator whether the server is overloaded or in maintenance.',
		],
	},
	'tls-untrusted-certificate': {
		title: "The server's certificate is not trusted",
		meaning:
			'The TLS certificate is self-signed or issued by a certificate authority this machine does not trust (often a company CA or a TLS-inspecting proxy).',
		explain: context =>
			`${capitalize(hostText(context))} presented a certificate that Node.js cannot trace to a trusted authority${facts(context)}. This is usual for Tableau Server with a company certificate, and for networks with a TLS-inspecting proxy.`,
		remedy: context => [
			'Get the root certificate in PEM form: ask your IT team for the company CA, or export it from your browser (padlock → certificate → the top certificate of the chain → export as Base64/PEM).',
			frameOf(context) === 'keys'
				? `Give its path in the CA file field${keyFor(context, 'edit') ? `, which ${keyMention(keyFor(context, 'edit')!)} opens` : ''}; the test then trusts it, and the profile keeps it.`
				: frameOf(context) === 'saved'
					? `Save it with the profile: \`tableau-connect profiles set-ca-file ${context.profile} /path/to/company-ca.pem\`, then ${again(context)}.`
					: 'Pass it to the test: `tableau-connect test --ca-file /path/to/company-ca.pem`.',
			'Or trust it for every Node.js program: `export NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem` before running tableau-connect.',
			"If a proxy inspects TLS on your network, the certificate to add is the proxy's root, not Tableau's.",
			lastResortInsecure(context, 'to confirm the certificate is the only problem'),
		],
	},
	'tls-hostname-mismatch': {
		title: 'The certificate is for a different host name',
		meaning: "The server's TLS certificate does not list the host name in the server URL.",
		explain: context =>
			`The certificate presented by ${hostText(context)} was issued for other names${facts(context)}, so the connection cannot be trusted as it is.`,
		remedy: context => [
			'Open the address in your browser, view the certificate, and look at the names it lists (Subject Alternative Name).',
			'Use one of those names as the server address: usually the full name (tableau.example.com) instead of a short name, an alias or an IP address.',
			`Update the profile with ${editProfile(context)}, then ${again(context)}.`,
			'If none of the names fits, ask your Tableau administrator to issue a certificate that includes the name you use.',
			lastResortInsecure(context, 'to skip the check for a diagnosis'),
		],
	},
	'tls-certificate-expired': {
		title: "The server's certificate has expired",
		meaning: 'The TLS certificate is past its end date (or not yet valid, which usually means a wrong clock).',
		explain: context => `The certificate presented by ${hostText(context)} is outside its validity dates${facts(context)}.`,
		remedy: context => [
			'Ask your Tableau Server administrator to renew the certificate; browsers will be warning about it too.',
			"Check this machine's date and time: a clock that is far off makes a valid certificate look expired or not yet valid.",
			lastResortInsecure(context, 'to let a test through meanwhile'),
		],
	},
	'proxy-error': {
		title: 'The proxy failed the connection',
		meaning: 'A proxy (from `HTTPS_PROXY` or `HTTP_PROXY`) refused the request, could not reach the server, or asked for authentication.',
		explain: context =>
			context.device
				? `${deviceIntro(context)} A proxy answered it itself (${deviceText(context.device)}), so the request never reached Tableau; the address is right, and the token was not checked.`
				: `The proxy between this machine and ${serverText(context)} refused or failed the connection${facts(context)}.`,
		remedy: context => [
			'Check the proxy variables: `HTTPS_PROXY` (and `HTTP_PROXY`) need a scheme, host and port, for example `http://proxy.example.com:8080`.',
			`If ${hostOnly(context) ?? 'the server'} is on your internal network, add it to \`NO_PROXY\` so requests go to it directly.`,
			'If the proxy needs a login or only lets listed hosts through, ask your network team to allow the Tableau host.',
			`If the proxy inspects TLS, ${caFileWay(context, 'give its root certificate')}.`,
			`Then ${again(context)}.`,
		],
	},
	'not-tableau': {
		title: 'That address is not a Tableau REST API',
		meaning: "Something answered, but not like Tableau's REST API: an HTML page, a login portal, Tableau Services Manager, or the wrong path.",
		explain: context => {
			if (context.frontDoor === 'tsm') {
				return `${capitalize(serverText(context))} is Tableau Services Manager, the administration port of Tableau Server, not its REST API${facts(context)}. TSM answers every other path with its own login.`;
			}

			const landed = context.redirects && context.redirects.length > 1 ? context.redirects.at(-1)! : null;
			if (landed) {
				return `${capitalize(serverText(context))} sent us to ${landed}${facts(context)}, which is not Tableau's REST API. A redirect to a login page usually means a proxy with single sign-on (or a network's captive portal) stands in front of /api/ and lets only browsers through.`;
			}

			return `${capitalize(serverText(context))} answered, but not the way Tableau's REST API does${facts(context)}. The address may point at another web server, a single-sign-on portal or a proxy's page.`;
		},
		remedy: context => [
			context.frontDoor === 'tsm'
				? `Use the address people open Tableau with, the gateway (usually https://${hostOnly(context) ?? 'tableau.example.com'} on port 443), not port 8850: that port is for \`tsm\` and its web page only.`
				: 'Use the address you open Tableau with in your browser, host only, for example https://tableau.example.com; the REST API is always under /api/ at its root.',
			'For Tableau Cloud, use the pod host, for example https://10ay.online.tableau.com.',
			context.redirects && context.redirects.length > 1
				? `Ask whoever runs the single sign-on proxy in front of Tableau to let /api/ through without a browser login (Tableau checks the token itself), or use an address of Tableau that is not behind it.`
				: "If a portal, load balancer or reverse proxy sits in front of Tableau, ask its owner to pass /api/ through, or use Tableau's own address.",
			'If your network shows a proxy login page, set `HTTPS_PROXY` or sign in to the proxy first.',
			`Correct the profile with ${editProfile(context)}.`,
		],
	},
	'redirect-method': {
		title: 'Sign-in was redirected and lost its POST',
		meaning:
			'A redirect turned the sign-in POST into a GET, which Tableau refuses (405000), or sent the sign-in to another host, where the token is not sent; typical for http:// or for online.tableau.com without the pod.',
		explain: context =>
			context.httpStatus !== null && context.httpStatus !== undefined && context.httpStatus >= 300 && context.httpStatus < 400
				? `${capitalize(serverText(context))} redirected the sign-in${context.redirectedTo ? ` to ${context.redirectedTo}` : ''}: another host, or from https to http. tableau-connect stopped there and did not send your token to it${facts(context)}.`
				: `${capitalize(serverText(context))} redirected the sign-in${context.redirectedTo ? ` to ${context.redirectedTo}` : ''}, and the request arrived there as a GET, which Tableau refuses${facts(context)}.`,
		remedy: context => [
			context.server?.startsWith('http://') && !movedToAnotherHost(context)
				? 'Change http:// to https:// in the server address: the redirect from http to https is what loses the sign-in.'
				: context.server?.startsWith('http://')
					? 'Use the host that serves Tableau itself rather than one that redirects to another: the sign-in is never sent on to another host.'
					: 'Keep https:// in the server address, and use the host that serves Tableau itself rather than one that redirects.',
			context.redirectedTo
				? `If ${originOf(context.redirectedTo)} is really your Tableau server (open it in a browser and check), use it as the server address: the token is sent only to the address you give.`
				: 'For Tableau Cloud, use your pod host from the address bar, for example https://10ay.online.tableau.com, not https://online.tableau.com.',
			context.redirectedTo
				? switchServer(context, originOf(context.redirectedTo))
				: `Correct the address with ${editProfile(context)}, then ${again(context)}.`,
		],
	},
	'api-version-unsupported': {
		title: "The server's REST API is too old for token sign-in",
		meaning: 'Signing in with a personal access token needs REST API 3.6 (Tableau Server 2019.4) or newer, or the server refused the requested API version.',
		explain: context => {
			const found = [context.productVersion ? `Tableau ${context.productVersion}` : null, context.apiVersion ? `REST API ${context.apiVersion}` : null]
				.filter(Boolean)
				.join(', ');
			if (context.tableauCode === '404003') {
				return `${capitalize(serverText(context))} does not know the server information call at all${facts(context)}: that call came with Tableau Server 10.1, so this server is older still, years before token sign-in (REST API 3.6, Tableau Server 2019.4).`;
			}

			const reported =
				found === '' ? 'The server did not accept the REST API version that was asked for' : `${capitalize(serverText(context))} reports ${found}`;
			return `${reported}${facts(context)}. Personal access tokens need REST API 3.6 or newer, which came with Tableau Server 2019.4.`;
		},
		remedy: context =>
			[
				'If the server is older than Tableau Server 2019.4, it cannot sign in with a token: ask your Tableau administrator about upgrading.',
				context.tableauCode === '404003' || frameOf(context) === 'keys'
					? null
					: context.apiVersion
						? `If you passed \`--api-version\`, use one the server knows (it reports ${context.apiVersion}, and 3.6 is the lowest that works), or leave the flag out to detect it.`
						: 'If you passed `--api-version`, choose a version the server knows (3.6 or later), or leave the flag out so the version is detected.',
				`Open ${context.server ? originOf(context.server) : 'https://YOUR_SERVER'}/api/2.4/serverinfo in a browser: it shows the product and REST API versions without signing in.`,
				`Then ${again(context)}.`,
			].filter(step => step !== null),
	},
	'signin-failed': {
		title: 'Tableau refused the token sign-in',
		meaning:
			'Sign-in error 401001. Tableau gives the same answer for a wrong token name or secret, an expired or revoked token, tokens being disabled, and a wrong site content URL.',
		explain: context =>
			`${capitalize(serverText(context))} refused to sign in with this token on ${siteText(context)}${facts(context)}. Tableau does not say why: the same answer covers every cause below, so check each one.`,
		remedy: context => [
			'Token name and secret: the name must match exactly, including capital letters, and the secret must be pasted whole (a secret cut short, or with a space added, fails the same way).',
			`Expired or revoked token: open ${tokenPage}. A token expires after 15 days in a row without use, or at the expiry date an administrator set; a revoked token is no longer listed. If yours is missing or expired, create a new one.`,
			`Tokens disabled: a site administrator can check ${siteTokenSettings}; tokens must be allowed on the site, and if they are limited to a group, your user must be in it.`,
			`Site: it must be the content URL, not the display name: the part after /site/ in the address bar (in ${addressBarExample} it is acme)${siteUsed(context)}.`,
			`Default site on Tableau Server: its content URL is empty, so leave the site empty${isCommandLine(context) ? ' (`--site ""`)' : ''} rather than typing "Default".`,
			`Fix the values with ${editProfile(context)}, then ${again(context)}.`,
		],
	},
	'site-not-found': {
		title: 'The site was not found',
		meaning: 'The server has no site with that content URL (404000).',
		explain: context => `${capitalize(serverText(context))} has no site with the content URL ${context.site ? `"${context.site}"` : 'given'}${facts(context)}.`,
		remedy: context => [
			`Copy the site's content URL from the address bar: the part after /site/ (in ${addressBarExample} it is acme). The display name shown in Tableau often differs.`,
			'On Tableau Server, the Default site has an empty content URL: leave the site empty.',
			'If you belong to several sites, switch to the right one in Tableau first, then copy the address bar again.',
			`Save the corrected site with ${editProfile(context)}, then ${again(context)}.`,
		],
	},
	'session-invalidated': {
		title: 'Another sign-in ended this session',
		meaning: 'Sign-in worked, but the session was rejected at once (401002): another sign-in with the same token replaced it.',
		explain: context =>
			`Sign-in to ${serverText(context)} worked, but the next request was refused${facts(context)}: the session was already over. Tableau keeps one session per personal access token, so another sign-in with the same token (Parable's own sync, a script, or a second test) ended this one.`,
		remedy: context => [
			`Give each tool its own token: create one for Parable and another for scripts or tests, in ${tokenPage}.`,
			"Do not test with the token Parable syncs with while a sync runs: each test ends Parable's session, and the sync has to sign in again.",
			`Wait until the other job has finished, then ${again(context)}.`,
		],
	},
	'insufficient-permissions': {
		title: "The user's site role is too low",
		meaning: "A check was refused with 403: the signed-in user's site role does not allow it.",
		explain: context =>
			`Signed in${context.siteRole ? ` as ${roleLabel(context.siteRole)}` : ''}, but ${serverText(context)} refused to list ${context.refused ?? "the site's users"}${facts(context)}. That needs an administrator's site role, or permissions on the content.`,
		remedy: context => [
			'Parable needs the Site Administrator Explorer or Site Administrator Creator site role for full access.',
			'Ask a site or server administrator to change the role (Users → select the user → Actions → Site Role), or create the token as a user who already has it.',
			`Then ${again(context)}: the token stays valid, and the new role counts from its next sign-in.`,
		],
	},
	'rate-limited': {
		title: 'Tableau is limiting requests',
		meaning: 'The server kept answering 429 Too Many Requests after the retries.',
		explain: context =>
			`${capitalize(serverText(context))} kept answering "too many requests"${facts(context)} after several retries${context.retryAfterSeconds ? `, and asked to wait ${formatSeconds(context.retryAfterSeconds)}` : ''}.`,
		remedy: context => [
			context.retryAfterSeconds ? `Wait ${formatSeconds(context.retryAfterSeconds)}, then ${again(context)}.` : `Wait a few minutes, then ${again(context)}.`,
			"Other jobs that use the REST API of the same site share the limit (Parable's sync, scripts): test when they are quiet.",
			'On Tableau Server, ask your administrator whether rate limiting is set low for this user or site.',
		],
	},
	'server-error': {
		title: 'Tableau answered with a server error',
		meaning: 'The server kept answering with a 5xx status after the retries.',
		explain: context =>
			`${capitalize(serverText(context))} answered with a server error${facts(context)}, even after retries. This is a problem on the server's side, not in your values.`,
		remedy: context => [
			`Wait a few minutes and ${again(context)}.`,
			context.server && isTableauCloud(context.server)
				? 'Check https://trust.tableau.com for an incident on your pod.'
				: 'Ask your Tableau administrator to check the server (`tsm status -v`) and its logs.',
			'A 502 or 504 often comes from a load balancer or proxy in front of Tableau: its owner can tell whether Tableau behind it is up.',
			'If it persists, contact support with the status code and the time; never send the token secret.',
		],
	},
	'wrong-scheme': {
		title: 'The address has the wrong scheme for its port',
		meaning: '`https://` to a port that speaks plain HTTP, or `http://` to a port that speaks TLS: the remedy names the address to use.',
		explain: context =>
			context.server?.startsWith('http://')
				? `${upperFirst(portText(context))} of ${hostText(context)} speaks TLS, so it answers plain http:// with a TLS error or by hanging up${facts(context)}. The address needs https://.`
				: `${upperFirst(portText(context))} of ${hostText(context)} answers plain HTTP, not TLS, so the https:// handshake failed${facts(context)}.`,
		remedy: context => {
			const other = otherScheme(context.server);
			if (context.server?.startsWith('http://')) {
				return [
					`Use ${other ?? 'https://YOUR_SERVER'} as the server address: the same host and port, with https://.`,
					other ? switchServer(context, other) : `Correct the address with ${editProfile(context)}, then ${again(context)}.`,
					frameOf(context) === 'keys'
						? "If the certificate is not trusted then, give your company's CA in the CA file field."
						: frameOf(context) === 'saved'
							? `If the certificate is not trusted then, save your company's CA with \`tableau-connect profiles set-ca-file ${context.profile} PATH\`.`
							: "If the certificate is not trusted then, add your company's CA with `--ca-file PATH`.",
				];
			}

			return [
				`Check which address your browser uses for Tableau: it is usually https:// on port 443, and a port that speaks plain HTTP is often a redirect to it or an internal port.`,
				`If Tableau really listens only on plain HTTP there, the address is ${other ?? 'http://YOUR_SERVER'}; the token secret and the session would then cross the network unencrypted, so ask your administrator to turn on TLS instead.`,
				other ? switchServer(context, other) : `Correct the address with ${editProfile(context)}, then ${again(context)}.`,
			];
		},
	},
	'unexpected-response': {
		title: 'Tableau gave an unexpected answer',
		meaning: 'An answer that fits none of the other codes; the HTTP status and Tableau code are shown as received.',
		explain: context =>
			context.device
				? `${deviceIntro(context)} Something in front of Tableau answered it instead (${deviceText(context.device)}): a web application firewall, a single-sign-on gateway, a load balancer or a proxy. The address is right, and the token was not checked.`
				: `${capitalize(serverText(context))} answered in a way tableau-connect does not recognise${facts(context)}.${
						context.sessionMayBeOpen
							? ' The sign-in answer could not be read, so if it opened a session, that session stays open until it expires (Tableau ends idle sessions after a few hours) and nothing here can sign it out.'
							: ''
					}`,
		remedy: context =>
			context.device
				? [
						'Ask whoever runs the device in front of Tableau (your network, security or web team) to let every path under /api/ through to Tableau unchanged, POST requests with a JSON body included: tableau-connect signs in with POST /api/…/auth/signin, as Parable does.',
						`Try from inside the company network or over the VPN, where nothing may stand between this machine and Tableau, then ${again(context)}.`,
						'If this machine reaches Tableau through a proxy (`HTTPS_PROXY`) and could reach it directly, add its host to `NO_PROXY`.',
						`If it persists, contact support with ${supportOutput(context)} (it never contains the token secret).`,
					]
				: [
						`${upperFirst(again(context))}: a connection cut short can cause this once.`,
						frameOf(context) === 'keys'
							? 'The checks above show which call failed, with its status and Tableau error code.'
							: 'Run it with `--json` to see every check, the status and the Tableau error code.',
						context.sessionMayBeOpen
							? 'If a proxy or gateway in front of Tableau rewrites or compresses answers, ask its owner to pass /api/ through unchanged.'
							: 'Check the server address and site in a browser, signed in as the same user.',
						'If it persists, contact support with that output (it never contains the token secret).',
					],
	},
	interrupted: {
		title: 'The test was interrupted',
		meaning: 'Ctrl-C (or SIGTERM) stopped the run before its checks ended; a session it had opened is still signed out.',
		explain: () =>
			'Stopped with Ctrl-C before the checks ended: the checks after that point did not run. The Sign out line says whether a session was open and ended.',
		remedy: context => [`${upperFirst(again(context))} when you are ready.`, moreTime(context, 'If a check was waiting on a slow server')],
	},
};

type WarningEntry = {
	title: (context: DiagnosisContext) => string;
	remedy: (context: DiagnosisContext) => string[];
};

const warningEntries: Record<WarningCode, WarningEntry> = {
	'not-site-admin': {
		title: context => `Signed in as ${context.siteRole ? roleLabel(context.siteRole) : 'a user'}, not as a Site Administrator`,
		remedy: context => [
			'Parable can connect, but some content (usage, users) will be missing with this role.',
			'Ask a site administrator to give this user the Site Administrator Explorer or Site Administrator Creator role (Users → Actions → Site Role).',
			`Then ${again(context)}.`,
		],
	},
	'insecure-tls': {
		title: () => 'TLS certificate verification was turned off (--insecure)',
		remedy: context => [
			'Never use `--insecure` in production: anyone between this machine and the server could read the token secret.',
			`Trust the server's certificate instead: ${caFileWay(context, 'give its CA in PEM form')}.`,
		],
	},
	'token-expiring': {
		title: context => (context.token ? `The token expires ${expiresIn(context.token)}, on ${expiryDate(context.token)}` : 'The token expires within days'),
		remedy: context => [
			`Tableau says ${context.token ? describeTokenExpiry(context.token) : 'the token expires soon'}; after that, Parable's sync stops signing in.`,
			`Before ${context.token ? expiryDate(context.token) : 'then'}, create a new token in ${tokenPage} (the secret is shown once).`,
			replaceToken(context),
		],
	},
	'limited-access': {
		title: context => `Tableau refused to list ${context.refused ?? 'some content'}`,
		remedy: context => [
			`Parable will miss ${missedText(context.refused)}: the token's user may not list ${context.refused ? 'them' : 'it'}${facts(context)}.`,
			isAdminRole(context.siteRole ?? null)
				? `The user is already ${roleLabel(context.siteRole!)}, so the site role is not the cause: look at the permissions of the projects that hold them (a project can deny even administrators' views), and ask whoever runs a gateway or firewall in front of Tableau whether it blocks these REST paths.`
				: 'Give that user the Site Administrator Explorer or Site Administrator Creator site role, or create the token as a user who has it; a gateway that blocks these REST paths has the same effect.',
			`Then ${again(context)}.`,
		],
	},
	redirected: {
		title: context => `The server moved us${context.redirectedTo ? ` to ${originOf(context.redirectedTo)}` : ' to another address'}; save that address instead`,
		remedy: context => [
			`Requests should go to ${context.redirectedTo ? originOf(context.redirectedTo) : 'the address it moved to'} directly. ${switchServer(context, context.redirectedTo ? originOf(context.redirectedTo) : 'https://NEW_ADDRESS')}`,
			'Every run through the old address costs extra round trips, and clients that follow the redirect without re-sending the sign-in fail with 405.',
		],
	},
	'plain-http': {
		title: () => 'The token was sent over plain http://, unencrypted',
		remedy: context => [
			`Anyone on the network between this machine and ${hostText(context)} can read the token secret and the session. Use https:// if the server offers it (most do). ${switchServer(context, hostOnly(context) ? `https://${hostOnly(context)}` : 'https://YOUR_SERVER', false)}`,
			'If the server has no https:// address, ask your Tableau administrator to turn on TLS (`tsm security external-ssl enable`).',
		],
	},
};

/** Titles and one-line meanings of every diagnosis code, for documentation and `--list`. */
export const diagnosisCatalogue: Record<DiagnosisCode, {title: string; meaning: string}> = Object.fromEntries(
	Object.entries(entries).map(([code, entry]) => [code, {title: entry.title, meaning: entry.meaning}]),
) as Record<DiagnosisCode, {title: string; meaning: string}>;

/**
The full diagnosis for `code`: title, an explanation that names the server, site and status from
`context`, and the steps that fix it. `httpStatus` and `tableauCode` come from `context`, `null` when
it has none.
*/
export function diagnose(code: DiagnosisCode, given: DiagnosisContext = {}): Diagnosis {
	const entry = entries[code];
	// A diagnosis is read on the failure screen.
	const context = given.rerun?.kind === 'keys' ? {...given, offered: given.rerun.failure} : given;
	return {
		code,
		httpStatus: context.httpStatus ?? null,
		tableauCode: context.tableauCode ?? null,
		title: entry.title,
		explanation: entry.explain(context),
		remediation: entry.remedy(context),
		...addressOf(code, context),
	};
}

/** The address a diagnosis's remedy says to use instead: the same host with the other scheme, or where the sign-in was sent. */
function addressOf(code: DiagnosisCode, context: DiagnosisContext): {address?: string} {
	const address =
		code === 'wrong-scheme' ? otherScheme(context.server) : code === 'redirect-method' && context.redirectedTo ? originOf(context.redirectedTo) : null;
	return address ? {address} : {};
}

/** The warning for `code`, worded with the role, redirect target and so on from `context`. */
export function warning(code: WarningCode, given: DiagnosisContext = {}): Warning {
	const entry = warningEntries[code];
	// A warning is read on the success screen and under a failure alike: only the keys both offer.
	const context = given.rerun?.kind === 'keys' ? {...given, offered: sharedKeys(given.rerun)} : given;
	const address = code === 'redirected' && context.redirectedTo ? {address: originOf(context.redirectedTo)} : {};
	return {code, title: entry.title(context), remediation: entry.remedy(context), ...address};
}

/** `--insecure` as the last resort, named as it can be given where the remedy is read. */
function lastResortInsecure(context: DiagnosisContext, purpose: string): string {
	if (frameOf(context) !== 'keys') {
		return `Only as a last resort, ${purpose}, add \`--insecure\`; never keep it for real use.`;
	}

	return setupCommands(context)
		? `Only as a last resort, ${purpose}, start the wizard again with \`tableau-connect setup --insecure\`; never keep it for real use.`
		: 'Never turn certificate checks off for real use: anyone between this machine and the server could read the token secret.';
}

/** How the new token replaces the old one: the rotate key or command where there is one, else the profile's editor. */
function replaceToken(context: DiagnosisContext): string {
	const rotate = keyFor(context, 'rotate');
	if (rotate) {
		return `Replace it in this profile with ${keyMention(rotate)}: the new token is tested before anything changes. Then put it in Parable's Tableau form.`;
	}

	if (frameOf(context) === 'saved') {
		return `Replace it in this profile with \`tableau-connect rotate ${context.profile}\`: the new token is tested before anything changes. Then put it in Parable's Tableau form.`;
	}

	// A warning on a screen is read before the save too: the command works once the profile is saved.
	if (setupCommands(context) && context.profile) {
		return `Once the profile is saved, replace it with \`tableau-connect rotate ${context.profile}\`: the new token is tested before anything changes. Then put it in Parable's Tableau form.`;
	}

	return `Put its name and secret in ${editProfile(context)}, and in Parable's Tableau form.`;
}

/** What Parable loses when a kind of content is refused. */
function missedText(refused: string | null | undefined): string {
	if (!refused) {
		return 'some content';
	}

	const losses: Array<[string, string]> = [
		['views', 'the views and their view counts (what people actually use)'],
		['data sources', 'the published data sources'],
		['workbooks', 'the workbooks'],
		['users', "the site's users"],
	];
	const missed = losses.filter(([kind]) => refused.includes(kind)).map(([, loss]) => loss);
	return missed.length === 0 ? refused : missed.join(' and ');
}

function serverText(context: DiagnosisContext): string {
	return context.server ? originOf(context.server) : 'the server';
}

// Only the stand-in words are capitalised: a host or URL must be shown exactly as it is.
function capitalize(text: string): string {
	return text.startsWith('the ') ? `T${text.slice(1)}` : text;
}

function upperFirst(text: string): string {
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function hostOnly(context: DiagnosisContext): string | null {
	if (!context.server) {
		return null;
	}

	try {
		return new URL(context.server).hostname;
	} catch {
		return context.server;
	}
}

function hostText(context: DiagnosisContext): string {
	return hostOnly(context) ?? 'the server';
}

function portText(context: DiagnosisContext): string {
	if (!context.server) {
		return 'its port';
	}

	try {
		const url = new URL(context.server);
		return `port ${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
	} catch {
		return 'its port';
	}
}

/** Whether the redirect went to another host (not only to another scheme or port of the same one). */
function movedToAnotherHost(context: DiagnosisContext): boolean {
	try {
		// Either address missing or unreadable: nothing says the move left the host.
		return new URL(context.redirectedTo ?? '').hostname !== new URL(context.server ?? '').hostname;
	} catch {
		return false;
	}
}

function originOf(address: string): string {
	try {
		return new URL(address).origin;
	} catch {
		return address;
	}
}

function siteText(context: DiagnosisContext): string {
	if (context.site === undefined) {
		return 'the site';
	}

	return context.site === '' ? 'the Default site' : `site "${context.site}"`;
}

/**
What the server or network said, in one parenthesis: status, Tableau code and detail, those that are known.
A long detail (an HTML page, a stack) is cut short: it helps support, but must not bury the explanation.
*/
function facts(context: DiagnosisContext): string {
	let detail = context.detail?.replace(/\s+/g, ' ').trim().replace(/\.$/, '') ?? '';
	if (detail.length > 160) {
		detail = `${detail.slice(0, 157)}...`;
	}

	const codes = [context.httpStatus ? `HTTP ${context.httpStatus}` : null, context.tableauCode ? `Tableau code ${context.tableauCode}` : null]
		.filter(Boolean)
		.join(', ');
	const said = detail.includes(' ') ? `"${detail}"` : detail;
	const parts = [codes, said].filter(part => part !== '');
	return parts.length === 0 ? '' : ` (${parts.join(': ')})`;
}

const checkCalls: Record<CheckId, string> = {
	reach: 'the connection',
	serverinfo: 'the server information call',
	signin: 'the sign-in',
	permissions: "the call for the signed-in user and the site's users",
	content: 'the calls for workbooks, views and data sources',
	signout: 'the sign-out',
};

function deviceIntro(context: DiagnosisContext): string {
	return `${capitalize(serverText(context))} answered as Tableau a moment ago (its server information), but not ${checkCalls[context.failedCheck ?? 'signin']}.`;
}

/** What answered, in its own words: the status, the `Server` header and the page's title. */
function deviceText(device: DeviceAnswer): string {
	const what = device.empty ? 'an empty answer' : device.title ? `a page titled "${device.title}"` : "an answer that is not Tableau's";
	return `HTTP ${device.status}${device.server ? ` from a server that calls itself "${device.server}"` : ''}, ${what}`;
}

function formatSeconds(seconds: number): string {
	if (seconds < 120) {
		return `${Math.ceil(seconds)} seconds`;
	}

	return `${Math.ceil(seconds / 60)} minutes`;
}

function siteUsed(context: DiagnosisContext): string {
	if (context.site === undefined) {
		return '';
	}

	if (context.site !== '') {
		return `. You used "${context.site}"`;
	}

	const cloud = context.server !== undefined && isTableauCloud(context.server);
	return cloud ? '. You left it empty, but Tableau Cloud has no Default site' : '. You left it empty, which means the Default site';
}
