/**
Word wrap for plain output on a terminal, where the terminal itself would continue a long line at
column 0, under the number of a remedy or the id of a demo scenario. Breaks only at spaces: a word
longer than the line (an address, a command's path) has a line of its own, whole, for the terminal
to continue, so that it still works when copied or clicked. Counts characters, which is the width
of everything the catalogue and the scenario list write.
*/
export function wrapWords(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ').filter(part => part !== '')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (line === '' || [...candidate].length <= limit) {
			line = candidate;
		} else {
			lines.push(line);
			line = word;
		}
	}

	lines.push(line);
	return lines;
}

/**
`text` after `first` (such as "     1. "), its continuation lines indented to line up under the text,
not under the number. Without `columns` (a pipe, a file) the line is left whole for tools to read.
*/
export function hanging(first: string, text: string, columns: number | undefined): string[] {
	const indent = [...first].length;
	// Too narrow to indent usefully: continue at four spaces rather than a sliver of a column.
	const continuation = columns !== undefined && columns - indent < 20 ? 4 : indent;
	if (columns === undefined || [...first].length + [...text].length <= columns) {
		return [`${first}${text}`];
	}

	const [head = '', ...tail] = wrapWords(text, columns - indent);
	const rest = wrapWords(tail.join(' '), columns - continuation);
	return [`${first}${head}`, ...(tail.length === 0 ? [] : rest.map(line => `${' '.repeat(continuation)}${line}`))];
}

/**
A shell command to copy, wrapped for a terminal so that it still runs when pasted: lines end in
` \` (the shell's line continuation), and a flag stays on the line of its value. Each line starts
with `indent`; without `columns` it is one line.
*/
export function commandLines(words: readonly string[], indent: string, columns: number | undefined): string[] {
	const units: string[] = [];
	for (const word of words) {
		const last = units.at(-1);
		// A flag's value rides with its flag: `--trace tableau-connect.har` is never cut in two.
		if (last !== undefined && /^--[\w-]+$/.test(last.split(' ').at(-1)!) && !word.startsWith('-')) {
			units[units.length - 1] = `${last} ${word}`;
		} else {
			units.push(word);
		}
	}

	const limit = columns === undefined ? Number.POSITIVE_INFINITY : columns - [...indent].length - 2;
	const lines: string[] = [];
	let line = '';
	for (const unit of units) {
		const candidate = line === '' ? unit : `${line} ${unit}`;
		if (line !== '' && [...candidate].length > limit) {
			lines.push(line);
			line = unit;
		} else {
			line = candidate;
		}
	}

	lines.push(line);
	return lines.map((text, index) => `${indent}${text}${index < lines.length - 1 ? ' \\' : ''}`);
}
