const mask = '••••••••';

/**
What to show in place of a token secret. The mask is the same for every secret: showing the last
characters or the length would hand part of the secret to whoever sees the screen, a log or a
screenshot.
*/
export function maskSecret(_secret: string): string {
	return mask;
}
