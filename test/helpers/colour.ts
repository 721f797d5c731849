// Colour on for the tests of one file, so that turning it off (NO_COLOR) can be seen. Test files
// share their worker's modules, chalk among them: its level is set here and put back afterwards,
// not read from FORCE_COLOR, which chalk reads only once, when it is first imported.
import chalk from 'chalk';
import {afterAll, beforeAll} from 'vitest';

export function withColourTerminal(): void {
	let previous: typeof chalk.level;
	beforeAll(() => {
		previous = chalk.level;
		chalk.level = 1;
	});
	afterAll(() => {
		chalk.level = previous;
	});
}
