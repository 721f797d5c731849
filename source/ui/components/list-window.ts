/**
Which items of a list that does not fit are shown: `visible` of them, with the selected one in view
near the middle, and how many are out of view on each side (for the footer's scroll line or the
list's own "more below" row). Every scrolling list (the home screen's profiles, the demo's scenarios)
asks this, so they scroll alike.
*/
export function listWindow(selected: number, count: number, visible: number): {first: number; above: number; below: number} {
	const shown = Math.max(0, Math.min(visible, count));
	const first = Math.max(0, Math.min(selected - Math.floor(shown / 2), count - shown));
	return {first, above: first, below: count - first - shown};
}
