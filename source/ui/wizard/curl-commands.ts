/** What the curl commands are built from. The secret is never among them: it stays a variable. */
export type CurlInput = {
	server: string;
	site: string;
	tokenName: string;
	/** The version the test used; the doc's 3.19 when the server was never reached. */
	apiVersion: string | null;
	insecure?: boolean;
};

export const secretVariable = 'TABLEAU_TOKEN_SECRET';
export const fallbackApiVersion = '3.19';

// Inside an unquoted here-document the shell still expands $, ` and \: escape them so the name
// arrives as typed. JSON.stringify has already escaped quotes and backslashes for JSON.
function forHereDocument(json: string): string {
	return json.replace(/[\\$`]/g, character => `\\${character}`);
}

function quoteUrl(url: string): string {
	return `"${url.replace(/["\\$`]/g, character => `\\${character}`)}"`;
}

/**
The checks as curl commands a person can run, or send to their Tableau administrator: sign in,
list one page of the site's users, sign out. The secret is read from `$TABLEAU_TOKEN_SECRET`, and
the session and site id are copied from the sign-in answer by hand.
*/
export function curlCommands(input: CurlInput): string[] {
	const version = input.apiVersion ?? fallbackApiVersion;
	const api = `${input.server.replace(/\/+$/, '')}/api/${version}`;
	const insecure = input.insecure ? ' --insecure' : '';
	const body = [
		'{"credentials": {',
		`  "personalAccessTokenName": ${forHereDocument(JSON.stringify(input.tokenName))},`,
		`  "personalAccessTokenSecret": "$${secretVariable}",`,
		`  "site": {"contentUrl": ${forHereDocument(JSON.stringify(input.site))}}}}`,
	];
	// Each address has a line of its own, after a " \\": a line the terminal had to wrap would paste
	// as two broken commands, and the addresses are what grows with the server's name.
	return [
		`# 1. Set the secret first (it is not echoed): read -rs ${secretVariable}`,
		`curl${insecure} -X POST \\`,
		`  ${quoteUrl(`${api}/auth/signin`)} \\`,
		'  -H "Content-Type: application/json" -H "Accept: application/json" \\',
		'  --data @- <<EOF',
		...body,
		'EOF',
		'# 2. From the answer, copy credentials.token and credentials.site.id:',
		'#    TABLEAU_AUTH=<token>  SITE_ID=<site id>',
		`curl${insecure} -H "X-Tableau-Auth: $TABLEAU_AUTH" -H "Accept: application/json" \\`,
		`  ${quoteUrl(`${api}/sites/`).slice(0, -1)}$SITE_ID/users?pageSize=1"`,
		"# 3. Sign out, so the token's one session is free for Parable again:",
		`curl${insecure} -X POST -H "X-Tableau-Auth: $TABLEAU_AUTH" \\`,
		`  ${quoteUrl(`${api}/auth/signout`)}`,
	];
}
