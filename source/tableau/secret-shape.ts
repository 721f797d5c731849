/**
Tableau's token secrets have one shape: base64 (often ending in ==), a colon, then 32 letters and
digits. Pasted into a field that is shown and repeated in messages (server, site, token name), a
secret would be echoed on screen and into logs; recognising the shape lets us say where it goes
without repeating any of it.
*/
const tokenSecretShape = /^[A-Za-z\d+/]{20,}={1,2}:[A-Za-z\d]{24,}$/;

export function looksLikeTokenSecret(text: string): boolean {
	return tokenSecretShape.test(text.trim().replace(/^(["'])(.*)\1$/, '$2'));
}

/** Says that `text` in the field `where` looks like a token secret, without repeating any of it. */
export function misplacedSecretMessage(where: 'server' | 'site' | 'token name' | 'profile name' | 'CA file path'): string {
	const instead = {
		server: "Type the server address from your browser's address bar here, for example https://tableau.example.com",
		site: "Type the site's content URL here: the part after /site/ in the address bar",
		'token name': "Type the token's name here, as Tableau's Personal Access Tokens list shows it",
		'profile name': 'Type a name for the profile here, for example acme-prod',
		'CA file path': "Give the path of a PEM file holding your organisation's CA certificate",
	}[where];
	return `This looks like a token secret, not a ${where} (so it is not repeated here). ${instead}; the secret goes only where it is asked for, hidden.`;
}

// Looser than the shape above: anything a real secret could be, so only a value that cannot be one
// (a few letters, a word, a password) is warned about.
const possibleSecretShape = /^[A-Za-z\d+/]{12,}={0,2}:[A-Za-z\d]{12,}$/;

/**
A warning, in words that never repeat the value, when `secret` cannot be a Tableau token secret; null
when it could be. Nothing is refused for it (Tableau is the judge), and it names no next step, since
`profiles add --no-verify` and `set-secret` test nothing: it only saves a puzzled minute.
*/
export function secretShapeWarning(secret: string): string | null {
	return possibleSecretShape.test(secret.trim())
		? null
		: 'The token secret does not look like one from Tableau (those are about 60 characters: letters and digits, a colon, then more letters and digits), so it may be cut short or be another value.';
}
