// The steps of Parable's page for creating a personal access token (the wizard's steps 3 and 4), as
// plain words: the wizard renders them with Ink, and `rotate` prints them, so both say the same.

/** The page to open: the site's home, from where the avatar menu leads to the settings. */
export function siteHomeUrl(server: string, site: string | null): string {
	return site ? `${server}/#/site/${encodeURIComponent(site)}/home` : `${server}/#/home`;
}

/** Step 3: from the site's page to the token settings. */
export const accountSettingsSteps: readonly string[] = [
	'Click your avatar or initials, at the top right.',
	'Choose My Account Settings.',
	'Find the Personal Access Tokens section.',
];

/** Step 4, in the Personal Access Tokens section; the first step names `suggestedName`, which a screen may set in bold. */
export function createTokenSteps(suggestedName: string): {nameStep: {before: string; name: string; after: string}; rest: readonly string[]} {
	return {
		nameStep: {before: 'Type a token name, for example ', name: suggestedName, after: '.'},
		rest: ['Click Create new token.', 'Copy the token name and the token secret, and keep them in your password manager.'],
	};
}

/** Step 4 as plain lines. */
export function createTokenLines(suggestedName: string): string[] {
	const {nameStep, rest} = createTokenSteps(suggestedName);
	return [`${nameStep.before}${nameStep.name}${nameStep.after}`, ...rest];
}

/** The two warnings of step 4: a title and the sentence that explains it. */
export const tokenCautions: ReadonlyArray<{title: string; text: string}> = [
	{
		title: '! The secret is shown only this once.',
		text: 'If the dialog closes before you copy it, there is no way to see it again: delete the token and create a new one.',
	},
	{
		title: '! Unused tokens expire.',
		text: 'A token that is not used for 15 days in a row stops working (administrators may set shorter limits).',
	},
];
