/**
Reads `estimatedTimeToExpiration` of a sign-in answer: days, hours and minutes left on the personal
access token, as in "177:05:38". Returns the milliseconds left, or null for anything else (absent,
negative, hours past 23, extra parts): a value we cannot read is no reason to fail a run.
*/
export function parseTimeToExpiration(value: string | null | undefined): number | null {
	const found = /^\s*(\d{1,5}):(\d{1,2}):(\d{1,2})\s*$/.exec(value ?? '');
	if (!found) {
		return null;
	}

	const [days, hours, minutes] = [Number(found[1]), Number(found[2]), Number(found[3])];
	if (hours > 23 || minutes > 59) {
		return null;
	}

	return ((days * 24 + hours) * 60 + minutes) * 60_000;
}
