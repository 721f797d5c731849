/**
The advice about what was typed in the server and site fields: warnings about addresses that work
but will cause trouble, addresses to refuse with what to use instead, and the wording of the site
field's errors. Parsing lives in server-url.ts; each new rule about an address has its home here.
*/

/** Something that works but will probably cause trouble; the address is still accepted. */
export type ServerWarning = {code: 'cloud-without-pod' | 'http-for-cloud' | 'http-plain'; message: string};

export const exampleServers = 'https://10ay.online.tableau.com or https://tableau.example.com';

/**
Whether a server address (an origin, a URL or a bare host) is Tableau Cloud, whose hosts all end in
`online.tableau.com` (`10ay.online.tableau.com`, `prod-useast-a.online.tableau.com`, …).
*/
export function isTableauCloud(server: string): boolean {
	const host = hostOf(server);
	return host === 'online.tableau.com' || host.endsWith('.online.tableau.com');
}

function hostOf(server: string): string {
	const text = server.trim();
	try {
		return new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.replace(/\.$/, '');
	} catch {
		return text.toLowerCase();
	}
}

/**
Tableau Cloud Manager (`*.cloudmanager.tableau.com`) manages sites but is not one, and its tokens
cannot sign in to the REST API: an address there is refused before any request, with what to use.
*/
export function cloudManagerRefusal(server: string): string | null {
	const host = hostOf(server);
	if (host !== 'cloudmanager.tableau.com' && !host.endsWith('.cloudmanager.tableau.com')) {
		return null;
	}

	return `${host} is Tableau Cloud Manager, which manages sites but is not one: the REST API does not answer there, and Cloud Manager tokens cannot sign in to it. Open the site itself in your browser and use its pod address from the address bar (for example https://10ay.online.tableau.com, with the site after /site/), and a personal access token created on that site.`;
}

/** Whether a server address sends the token over plain http:// to another machine. */
export function isPlainHttpToNetwork(server: string): boolean {
	try {
		const url = new URL(server);
		return url.protocol === 'http:' && !isLoopback(url.hostname);
	} catch {
		return false;
	}
}

export function serverWarnings(scheme: string, hostname: string, cloud: boolean): ServerWarning[] {
	const warnings: ServerWarning[] = [];
	if (scheme === 'http' && cloud) {
		warnings.push({
			code: 'http-for-cloud',
			message:
				'Tableau Cloud only signs in over https://. An http:// sign-in is redirected, and the redirect turns it into a GET that Tableau refuses: type https:// instead.',
		});
	} else if (scheme === 'http' && !isLoopback(hostname)) {
		warnings.push({
			code: 'http-plain',
			message: 'With http:// the token secret and the session travel unencrypted. Use https:// if the server offers it (most do).',
		});
	}

	if (hostname === 'online.tableau.com' || hostname === 'www.online.tableau.com') {
		warnings.push({
			code: 'cloud-without-pod',
			message:
				'This Tableau Cloud address has no pod in it. Sign in with your browser and copy the host from the address bar, for example https://10ay.online.tableau.com.',
		});
	}

	return warnings;
}

// Plain http to this machine never crosses a network, so it is not worth a warning (the simulator uses it).
function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

export function siteError(text: string): string {
	const looksLikeName = /\s/.test(text) || /[A-Z]/.test(text);
	const where = 'the part after /site/ in the address bar (in https://10ay.online.tableau.com/#/site/acme/home it is acme)';
	if (looksLikeName) {
		const guess =
			text
				.toLowerCase()
				.replace(/[^a-z\d]+/g, '-')
				.replace(/^-+|-+$/g, '') || 'acme';
		return `"${text}" looks like the site's display name, but Tableau signs in with its content URL, which has no spaces or punctuation. It may be something like "${guess}", but check rather than guess: copy ${where}.`;
	}

	const bad = /[^A-Za-z\d_-]/.exec(text)?.[0] ?? '';
	return `"${text}" contains "${bad}", and a site content URL holds only letters, digits, hyphens and underscores. Copy ${where}.`;
}
