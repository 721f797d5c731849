/** PAT sign-in arrived in REST API 3.6 (Tableau Server 2019.4); every server that can sign in knows it. */
export const minimumPatApiVersion = '3.6';

/** Orders two REST API versions such as 3.6 and 3.19 by number, not as text. */
export function compareVersions(a: string, b: string): number {
	const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
	const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
	return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}
