// Shared by the tests of the bundle's text shortcuts (lazy segmenter, code point widths).

/** The ranges the shortcuts answer themselves, written out apart from their regular expression so the tests check it. */
export const oneGraphemeRanges: ReadonlyArray<readonly [first: number, last: number]> = [
	[0x00, 0x0c],
	[0x0e, 0x2ff],
	[0x370, 0x482],
	[0x48a, 0x52f],
	[0x2010, 0x2027],
	[0x2030, 0x205e],
	[0x2070, 0x20cf],
	[0x2100, 0x27bf],
];

/** A deterministic generator, so a failure names a case that reproduces. */
export function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}
