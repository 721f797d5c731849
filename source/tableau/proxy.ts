/** Proxy settings given in code (tests); each one given wins over its environment variables. */
export type ProxySettings = {httpProxy?: string; httpsProxy?: string; noProxy?: string};

/**
Which proxy a request to a URL goes through, and why: the variable (or setting) that named it, or
the NO_PROXY entry that sent it direct. `proxy` is undefined when it goes direct.
*/
export type ProxyDecision = {
	proxy: string | undefined;
	/** `HTTPS_PROXY`, `https_proxy`, `HTTP_PROXY`, `http_proxy`, or `setting` for one given in code; null when none was set. */
	from: string | null;
	/** The NO_PROXY (or no_proxy) entry that matched the host, as written there; null when none did. */
	noProxyEntry: string | null;
	/** The variable the NO_PROXY list was read from, when one was. */
	noProxyFrom: string | null;
};

type Candidate = readonly [from: string, value: string | undefined];

/** The first candidate that is set (an empty value counts: it is how a person unsets a proxy for one command). */
function firstSet(candidates: readonly Candidate[]): Candidate | undefined {
	return candidates.find(([, value]) => value !== undefined);
}

/**
The one proxy decision of the transport, with the variables of `env` (the command's environment),
never the process's own: lower-case names before upper-case ones, as curl reads them; `https://`
through HTTPS_PROXY, else HTTP_PROXY; `http://` through HTTP_PROXY only; NO_PROXY entries are host
names, `.suffix` or `*.suffix`, `host:port`, IP addresses (IPv6 with or without brackets) or `*`.
*/
export function proxyDecision(url: URL, settings: ProxySettings | undefined, env: NodeJS.ProcessEnv): ProxyDecision {
	const noProxySource = firstSet([
		['setting', settings?.noProxy],
		['no_proxy', env['no_proxy']],
		['NO_PROXY', env['NO_PROXY']],
	]);
	const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
	for (const rawEntry of (noProxySource?.[1] ?? '').split(/[,\s]+/)) {
		const entry = rawEntry
			.trim()
			.toLowerCase()
			// `[::1]:8443` and `[::1]` are IPv6; `::1` has colons of its own, so only `host:port` loses a port.
			.replace(/^\[([^\]]*)\](:\d+)?$/, '$1')
			.replace(/^([^:]*):\d+$/, '$1')
			.replace(/^\*?\./, '');
		if (entry === '*' || (entry && (host === entry || host.endsWith(`.${entry}`)))) {
			return {proxy: undefined, from: null, noProxyEntry: rawEntry.trim(), noProxyFrom: noProxySource![0]};
		}
	}

	const httpCandidates: Candidate[] = [
		['setting', settings?.httpProxy],
		['http_proxy', env['http_proxy']],
		['HTTP_PROXY', env['HTTP_PROXY']],
	];
	const chosen = firstSet(
		url.protocol === 'https:'
			? [['setting', settings?.httpsProxy], ['https_proxy', env['https_proxy']], ['HTTPS_PROXY', env['HTTPS_PROXY']], ...httpCandidates]
			: httpCandidates,
	);
	return {proxy: chosen?.[1], from: chosen?.[0] ?? null, noProxyEntry: null, noProxyFrom: noProxySource?.[0] ?? null};
}
