// Paths in the commands we print are quoted for a POSIX shell, so they paste as they are.
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {shellQuote} from '../../source/tableau/shell-quote.js';

describe('shellQuote', () => {
	it('leaves a plain path alone', () => {
		expect(shellQuote('/home/ada/.config/tableau-connect')).toBe('/home/ada/.config/tableau-connect');
	});

	it.each(['/home/ada/My Files', "/home/o'brien/config", "it's a 'test'", '$HOME/`x`', ''])('quotes %j so that sh reads it back unchanged', value => {
		const quoted = shellQuote(value);
		expect(execFileSync('sh', ['-c', `printf %s ${quoted}`], {encoding: 'utf8'})).toBe(value);
	});
});
