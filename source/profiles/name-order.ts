/*
Profile names are listed in the order a person expects: case-insensitive, with numbers by value
(prod2 before prod10) and `_`, `-`, `.` before digits and letters, as a collator would put them.
Written by hand rather than with Intl.Collator: a collator loads ICU's collation data, which costs
every command that lists profiles about 2.5 MiB of memory, and names are mostly ASCII anyway.
*/

// Where each punctuation mark of a profile name sorts: before digits, which sort before letters.
const punctuationRank: Readonly<Record<string, number>> = {_: 0, '-': 1, '.': 2};
const pieces = /\d+|\D/g;

function rankOf(piece: string): [kind: number, value: number | string] {
	if (/^\d/.test(piece)) {
		// Compared as text of one length, so a run of digits longer than a float's stays exact.
		return [1, piece.replace(/^0+(?=\d)/, '').padStart(64, '0')];
	}

	const punctuation = punctuationRank[piece];
	if (punctuation !== undefined) {
		return [0, punctuation];
	}

	const lower = piece.toLowerCase();
	return [/[a-z]/.test(lower) ? 2 : 3, lower];
}

/** Compares two names; equal only when they are the same name. */
export function compareProfileNames(a: string, b: string): number {
	const left = a.match(pieces) ?? [];
	const right = b.match(pieces) ?? [];
	for (let index = 0; index < Math.min(left.length, right.length); index++) {
		const [leftKind, leftValue] = rankOf(left[index]!);
		const [rightKind, rightValue] = rankOf(right[index]!);
		if (leftKind !== rightKind) {
			return leftKind - rightKind;
		}

		if (leftValue !== rightValue) {
			return leftValue < rightValue ? -1 : 1;
		}
	}

	if (left.length !== right.length) {
		return left.length - right.length;
	}

	// The same name but for case or leading zeros: code units decide, so the order is stable.
	return a < b ? -1 : a > b ? 1 : 0;
}
