/**
Whether the terminal shows OSC 8 hyperlinks. There is no way to ask a terminal, so this goes by the
variables the terminals that support them set (the same list supports-hyperlinks keeps), with
`FORCE_HYPERLINK=1` or `0` to override. Unknown terminals get plain text, which always works.
*/
export function supportsHyperlinks(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
	const forced = env['FORCE_HYPERLINK'];
	if (forced !== undefined) {
		return forced !== '0' && forced !== 'false';
	}

	if (!stream.isTTY || env['CI'] || env['TERM'] === 'dumb') {
		return false;
	}

	// tmux and screen swallow the sequence unless configured to pass it on.
	if (env['TMUX'] || env['STY']) {
		return false;
	}

	if (env['WT_SESSION'] || env['DOMTERM'] || env['KONSOLE_VERSION'] || env['TERM'] === 'xterm-kitty' || env['TERM'] === 'xterm-ghostty') {
		return true;
	}

	const vte = Number(env['VTE_VERSION'] ?? 0);
	if (vte >= 5000) {
		return true;
	}

	const version = env['TERM_PROGRAM_VERSION'] ?? '';
	const [major = 0, minor = 0] = version.split('.').map(Number);
	switch (env['TERM_PROGRAM']) {
		case 'iTerm.app': {
			return major > 3 || (major === 3 && minor >= 1);
		}

		case 'vscode': {
			return major > 1 || (major === 1 && minor >= 72);
		}

		case 'WezTerm':
		case 'ghostty':
		case 'Hyper': {
			return true;
		}

		default: {
			return false;
		}
	}
}

/** `text` as an OSC 8 hyperlink to `url`. */
export function hyperlink(text: string, url: string): string {
	return `\u001B]8;;${url}\u001B\\${text}\u001B]8;;\u001B\\`;
}
