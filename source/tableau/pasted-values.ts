/**
What people paste carries what was around it: a space after a copied token name, the line break of
`echo`, a tab from a password manager's auto-type. Tableau compares the token name and the secret
exactly, so a single space fails the sign-in with the same 401001 as a wrong secret. Only the
surrounding whitespace goes: spaces inside a value are the person's (token names often have them).
*/
const surrounding = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export function withoutSurroundingSpace(text: string): string {
	return text.replace(surrounding, '');
}

export type PastedField = 'server' | 'site' | 'token name' | 'token secret';

/** One line that says which values lost the whitespace around them, or null when none did. */
export function trimmedNotice(fields: readonly PastedField[]): string | null {
	if (fields.length === 0) {
		return null;
	}

	const names = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
	return `Note: removed the spaces or line breaks around the ${names}, as pasted; what is inside is used as typed.`;
}

/** The values of a run without the whitespace around them, and which of them had some. */
export function trimPasted<T extends {server?: string; site?: string; tokenName?: string; tokenSecret?: string}>(
	values: T,
): {values: T; trimmed: PastedField[]} {
	const trimmed: PastedField[] = [];
	const result: T = {...values};
	const fields: Array<[keyof T & string, PastedField]> = [
		['server', 'server'],
		['site', 'site'],
		['tokenName', 'token name'],
		['tokenSecret', 'token secret'],
	];
	for (const [key, label] of fields) {
		const value = values[key];
		if (typeof value === 'string' && withoutSurroundingSpace(value) !== value) {
			(result as Record<string, unknown>)[key] = withoutSurroundingSpace(value);
			trimmed.push(label);
		}
	}

	return {values: result, trimmed};
}
