import {rowsPerProfile} from './ProfileList.js';

/** Rows `text` takes when Ink wraps it at word boundaries to `columns`. */
export function wrappedRows(text: string, columns: number): number {
	const width = Math.max(1, columns);
	let rows = 1;
	let used = 0;
	for (const word of text.split(' ')) {
		const length = [...word].length;
		if (used === 0) {
			used = length;
		} else if (used + 1 + length <= width) {
			used += 1 + length;
		} else {
			rows++;
			used = length;
		}

		while (used > width) {
			rows++;
			used -= width;
		}
	}

	return rows;
}

type LayoutInput = {
	/** Rows left for the list, the rule under it and the details. */
	available: number;
	profileCount: number;
	/** Rows the details would like: a few for a stored result, many for a live test and its remedies. */
	detailWanted: number;
};

/**
How the rows are shared: the list gets what the details do not want (whole profiles only), but
the details keep at least half when both need room; whatever does not fit scrolls.
*/
export function homeLayout({available, profileCount, detailWanted}: LayoutInput): {listRows: number; detailRows: number} {
	const space = Math.max(rowsPerProfile + 1, available - 1);
	const want = Math.min(detailWanted, Math.floor(space / 2));
	const fit = Math.floor((space - want) / rowsPerProfile) * rowsPerProfile;
	const listRows = Math.min(Math.max(1, profileCount) * rowsPerProfile, Math.max(rowsPerProfile, fit));
	return {listRows, detailRows: Math.max(1, space - listRows)};
}
