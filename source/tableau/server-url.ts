import {cloudManagerRefusal, exampleServers, isTableauCloud, serverWarnings, siteError, type ServerWarning} from './server-advice.js';
import {looksLikeTokenSecret, misplacedSecretMessage} from './secret-shape.js';

export {isTableauCloud, type ServerWarning} from './server-advice.js';

/**
What `parseServerInput` makes of a pasted server address: the origin to send requests to, and the site
when the address bar showed one.

`site` is the content URL read from the address (`#/site/acme/…`, or `/t/acme/…` on Tableau Server),
`''` when the address clearly shows the Default site, and `null` when it says nothing about the site.
*/
export type ServerInputResult = {ok: true; server: string; site: string | null; notes: string[]; warnings: ServerWarning[]} | {ok: false; error: string};

/** What `parseSiteInput` makes of the site field: the content URL, or why it cannot be one. */
export type SiteInputResult = {ok: true; site: string; notes: string[]} | {ok: false; error: string};

const slugPattern = /^[A-Za-z0-9_-]+$/;

// Hash routes of Tableau's web client that belong to a site: without `site/…` in front of them, the
// page is on the Default site. Anything else (sign-in pages, server admin pages) says nothing.
const siteRoutes = new Set([
	'home',
	'projects',
	'workbooks',
	'views',
	'datasources',
	'flows',
	'explore',
	'favorites',
	'recents',
	'shared-with-me',
	'collections',
	'metrics',
	'personal-space',
	'search',
	'data-management',
]);

/**
Reads what people paste into the server field: a bare host, a URL with any path, or a whole Tableau
address bar. Returns the origin, the site if the address shows one, remarks on what was assumed or
dropped, and warnings; or, when the address cannot work, an error that says what to type instead.
*/
export function parseServerInput(input: string): ServerInputResult {
	const notes: string[] = [];
	let text = input.trim();
	if (text === '') {
		return fail(`Type the server address, for example ${exampleServers}.`);
	}

	if (looksLikeTokenSecret(text)) {
		return fail(misplacedSecretMessage('server'));
	}

	const unquoted = stripQuotes(text);
	if (unquoted !== text) {
		notes.push('The quotes around the address were removed.');
		text = unquoted;
	}

	const parts = splitScheme(text);
	if (!parts.ok) {
		return parts;
	}

	const {scheme, schemeGiven, rest} = parts;
	// Stryker disable next-line StringLiteral: split with a limit of 1 always returns one element, so the fallback is never read.
	const authority = rest.split(/[/?#\\]/, 1)[0] ?? '';
	const remainder = rest.slice(authority.length);
	if (authority === '') {
		return fail(`The address has no host name after ${scheme}://. Type the whole address, for example ${exampleServers}.`);
	}

	if (/\s/.test(authority)) {
		return fail(
			`A server address cannot contain spaces ("${authority}"). Type the host name from your browser's address bar, for example ${exampleServers}; a site name goes in the site field.`,
		);
	}

	if (authority.includes('@')) {
		const host = authority.slice(authority.lastIndexOf('@') + 1) || 'tableau.example.com';
		return fail(
			`Leave the user name and password out of the address (type https://${host}): the token does the signing in, and credentials in a URL end up in logs and shell history.`,
		);
	}

	const split = splitHostPort(authority);
	if (!split.ok) {
		return split;
	}

	const {port} = split;
	let {host} = split;
	const portError = checkPort(port, `${scheme}://${host}`);
	if (portError) {
		return fail(portError);
	}

	if (!host.startsWith('[')) {
		// A trailing dot is valid DNS but breaks certificate name checks, so drop it.
		host = host.replace(/\.$/, '');
		const hostError = checkHostName(host);
		if (hostError) {
			return fail(hostError);
		}
	}

	let url: URL;
	try {
		url = new URL(`${scheme}://${host}${port === '' ? '' : `:${port}`}`);
	} catch {
		return fail(`"${text}" is not a valid server address. Type it as it appears in your browser's address bar, for example ${exampleServers}.`);
	}

	const hostname = url.hostname;
	const refusal = cloudManagerRefusal(hostname);
	if (refusal) {
		return fail(refusal);
	}

	const isIp = hostname.startsWith('[') || /^[\d.]+$/.test(hostname);
	if (!schemeGiven && port === '' && !isIp && hostname !== 'localhost' && !hostname.includes('.')) {
		return fail(
			`"${host}" has no dot in it, so it looks like a site name rather than a server address. If it is your site, type it in the site field and type the server as in your browser's address bar, for example ${exampleServers}. If it is a short internal host name, type it with https:// in front.`,
		);
	}

	if (!schemeGiven) {
		notes.push('No scheme was typed, so https:// is used.');
	}

	const server = url.origin;
	const cloud = isTableauCloud(server);
	const site = siteFromRemainder(remainder, server, cloud);
	const shown = ellipsize(remainder);
	if (site === null) {
		if (!isTrivialRemainder(remainder)) {
			notes.push(`Ignored "${shown}": requests go to the server root, where the REST API lives, so only the host is kept.`);
		}
	} else if (site === '') {
		notes.push(`The address (${shown}) shows a page of the Default site, so the site is left empty; only the host is kept as the server.`);
	} else {
		notes.push(`The site "${site}" was read from the address (${shown}); only the host is kept as the server.`);
	}

	return {ok: true, server, site, notes, warnings: serverWarnings(scheme, hostname, cloud)};
}

/**
Reads the site field: the site's content URL, the part after `/site/` in the address bar. Empty means
the Default site, which Tableau Cloud does not have. A pasted address is reduced to its site; a display
name, or anything with characters a content URL cannot hold, is refused with what to type instead.
*/
export function parseSiteInput(input: string, context: {server?: string} = {}): SiteInputResult {
	const notes: string[] = [];
	const cloud = context.server !== undefined && context.server !== '' && isTableauCloud(context.server);
	let text = input.trim();
	if (looksLikeTokenSecret(text)) {
		return fail(misplacedSecretMessage('site'));
	}

	const unquoted = stripQuotes(text);
	if (unquoted !== text) {
		notes.push('The quotes around the site were removed.');
		text = unquoted.trim();
	}

	if (looksLikeAddress(text)) {
		const site = siteFromAddress(text);
		if (site === null) {
			return fail(
				'That looks like an address, but it does not show a site. The site field wants only the content URL: the part after /site/ in the address bar (on Tableau Server, leave it empty for the Default site).',
			);
		}

		if (site !== '') {
			notes.push(`The site "${site}" was taken from the address you pasted.`);
		}

		text = site;
	} else if (/^\/+|\/+$/.test(text)) {
		const trimmed = text.replace(/^\/+|\/+$/g, '');
		if (slugPattern.test(trimmed)) {
			notes.push('The slashes around the site were removed.');
			text = trimmed;
		}
	}

	if (text === '') {
		if (cloud) {
			return fail(
				'Tableau Cloud has no Default site: every site has a content URL. Copy it from the address bar, the part after /site/ (in https://10ay.online.tableau.com/#/site/acme/home it is acme).',
			);
		}

		return {ok: true, site: '', notes: [...notes, 'An empty site means the Default site.']};
	}

	if (!slugPattern.test(text)) {
		return fail(siteError(text));
	}

	if (text.toLowerCase() === 'default') {
		// A common slip: the Default site is named "Default" on screen, but its content URL is empty.
		notes.push('If you mean the Default site, leave the site empty: its content URL is "", not "Default".');
	} else if (/[A-Z]/.test(text)) {
		notes.push(
			'The site has capital letters. That is fine if the address bar shows them too; if sign-in fails, copy the site exactly as the address bar shows it.',
		);
	}

	return {ok: true, site: text, notes};
}

function fail(error: string): {ok: false; error: string} {
	return {ok: false, error};
}

function stripQuotes(text: string): string {
	const match = /^(["'`<])(.*)(["'`>])$/s.exec(text);
	if (!match) {
		return text;
	}

	const pairs: Record<string, string> = {'"': '"', "'": "'", '`': '`', '<': '>'};
	return pairs[match[1]!] === match[3] ? match[2]!.trim() : text;
}

type SchemeParts = {ok: true; scheme: string; schemeGiven: boolean; rest: string} | {ok: false; error: string};

function splitScheme(text: string): SchemeParts {
	const withSlashes = /^([a-z][a-z\d+.-]*):\/\//i.exec(text);
	if (withSlashes) {
		const scheme = withSlashes[1]!.toLowerCase();
		const rest = text.slice(withSlashes[0].length);
		if (scheme !== 'http' && scheme !== 'https') {
			// Whatever came before an @ may be a password: the example shows the host only.
			const authority = rest.split(/[/?#\\]/, 1)[0] ?? '';
			const typed = authority.slice(authority.lastIndexOf('@') + 1);
			// Only a usable host makes a useful example; "exa mple" would just be the next error.
			const host = /^[a-z\d.-]+(:\d+)?$/i.test(typed) ? typed : 'tableau.example.com';
			return fail(`"${scheme}://" is not an address Tableau answers on: use https://, for example https://${host}.`);
		}

		return {ok: true, scheme, schemeGiven: true, rest};
	}

	// `https:/host` and `https:host` are typos of `https://host`; browsers read them that way too.
	const httpWithoutSlashes = /^(https?):\/*/i.exec(text);
	if (httpWithoutSlashes) {
		return {ok: true, scheme: httpWithoutSlashes[1]!.toLowerCase(), schemeGiven: true, rest: text.slice(httpWithoutSlashes[0].length)};
	}

	return {ok: true, scheme: 'https', schemeGiven: false, rest: text.replace(/^\/\//, '')};
}

function checkPort(port: string, origin: string): string | undefined {
	if (port === '') {
		return undefined;
	}

	if (!/^\d+$/.test(port)) {
		// A port has at most five digits: anything longer is not repeated, as it may be something pasted by mistake.
		const shown = port.length <= 5 ? `The port "${port}"` : 'The part after the colon';
		return `${shown} is not a number. Type the address as ${origin}:PORT with a port from 1 to 65535, or leave the port out.`;
	}

	const number = Number(port);
	if (number < 1 || number > 65_535) {
		return `Port ${port} is out of range: ports go from 1 to 65535. Check the port in your browser's address bar, or leave it out to use the standard one.`;
	}

	return undefined;
}

type HostPort = {ok: true; host: string; port: string} | {ok: false; error: string};

function splitHostPort(authority: string): HostPort {
	if (authority.startsWith('[')) {
		const end = authority.indexOf(']');
		const after = authority.slice(end + 1);
		if (end === -1 || (after !== '' && !after.startsWith(':'))) {
			return fail(`"${authority}" is not a valid IPv6 address. Write it in square brackets with the port after them, for example https://[2001:db8::1]:8443.`);
		}

		return {ok: true, host: authority.slice(0, end + 1), port: after.slice(1)};
	}

	const colons = authority.split(':').length - 1;
	if (colons > 1) {
		return fail(`"${authority}" looks like an IPv6 address: put it in square brackets, for example https://[2001:db8::1]:8443.`);
	}

	const [host = '', port = ''] = authority.split(':');
	if (host === '') {
		return fail(`The address has no host name before ":${port}". Type the whole address, for example ${exampleServers}.`);
	}

	return {ok: true, host, port};
}

function checkHostName(host: string): string | undefined {
	// Letters beyond ASCII are allowed: URL turns international names into their punycode form.
	const bad = /[^A-Za-z\d._\-\u0080-\uFFFF]/.exec(host);
	if (bad) {
		return `The host name "${host}" contains "${bad[0]}", which cannot be part of a host name. Copy the host from your browser's address bar, for example ${exampleServers}.`;
	}

	const labels = host.split('.');
	if (labels.some(label => label === '' || label.startsWith('-') || label.endsWith('-'))) {
		return `"${host}" is not a valid host name: it has an empty part or a part that starts or ends with a hyphen. Copy the host from your browser's address bar, for example ${exampleServers}.`;
	}

	if (/^[\d.]+$/.test(host) && (labels.length !== 4 || labels.some(label => Number(label) > 255))) {
		return `"${host}" is not a valid IP address: an IPv4 address has four numbers from 0 to 255, for example https://10.0.0.12.`;
	}

	return undefined;
}

/** The site shown by the path and fragment of an address, `''` for the Default site, `null` if none. */
function siteFromRemainder(remainder: string, server: string, cloud: boolean): string | null {
	if (remainder === '') {
		return null;
	}

	let url: URL;
	try {
		url = new URL(remainder, server);
	} catch {
		return null;
	}

	const route = url.hash.replace(/^#\/*/, '').split('?', 1)[0] ?? '';
	const fromHash = siteFromSegments(route.split('/'), cloud);
	if (fromHash !== null) {
		return fromHash;
	}

	return siteFromSegments(url.pathname.split('/').filter(Boolean), cloud);
}

function siteFromSegments(segments: string[], cloud: boolean): string | null {
	const [first = '', second = ''] = segments;
	if (first === 'site' || first === 't') {
		const slug = safeDecode(second);
		return slugPattern.test(slug) ? slug : null;
	}

	// Tableau Cloud has no Default site, so a page without `site/…` there tells nothing.
	if (!cloud && siteRoutes.has(first)) {
		return '';
	}

	return null;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

function isTrivialRemainder(remainder: string): boolean {
	return /^[/\\]*(?:\?)?(?:#\/?)?$/.test(remainder);
}

function ellipsize(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function looksLikeAddress(text: string): boolean {
	return text.includes('://') || text.includes('#/') || /(?:^|\/)(?:site|t)\/[^/]/.test(text) || /^[^/\s]+\.[^/\s]+\//.test(text);
}

function siteFromAddress(text: string): string | null {
	if (text.includes('://') || /^[^/\s#]+\.[^/\s#]+[/#]/.test(text)) {
		const parsed = parseServerInput(text);
		if (parsed.ok) {
			return parsed.site;
		}
	}

	const match = /(?:^|[/#])(?:site|t)\/([^/?#\s]+)/.exec(text);
	if (match) {
		return safeDecode(match[1]!);
	}

	const route = /#\/+([^/?#\s]+)/.exec(text);
	return route && siteRoutes.has(route[1]!) ? '' : null;
}
