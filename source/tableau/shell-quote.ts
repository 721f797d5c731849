/**
Quotes a path for a POSIX shell, so the commands we print can be pasted as they are even when a
folder name has spaces or quotes in it.
*/
export function shellQuote(value: string): string {
	if (/^[\w@%+=:,./-]+$/.test(value)) {
		return value;
	}

	return `'${value.replaceAll("'", "'\\''")}'`;
}
