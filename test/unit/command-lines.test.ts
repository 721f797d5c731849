// A command printed for a person to paste: wrapped with the shell's line continuation, each flag on
// the line of its value, so that what is pasted runs as the one command it is.
import {describe, expect, it} from 'vitest';
import {commandLines} from '../../source/commands/core/wrap.js';

const words = ['tableau-connect', 'test', '--server', 'https://tableau.example.com', '--token-secret-stdin', '--trace', 'tableau-connect.har'];

describe('commandLines', () => {
	it('one line without a width, or when it fits', () => {
		expect(commandLines(words, '  ', undefined)).toEqual([`  ${words.join(' ')}`]);
		expect(commandLines(words, '', 200)).toEqual([words.join(' ')]);
	});

	it('narrow: breaks between a flag with its value and the next, each line but the last ending in " \\"', () => {
		const lines = commandLines(words, '  ', 44);
		expect(lines).toEqual([
			'  tableau-connect test \\',
			'  --server https://tableau.example.com \\',
			'  --token-secret-stdin \\',
			'  --trace tableau-connect.har',
		]);
		for (const line of lines) {
			expect(line.length).toBeLessThanOrEqual(44);
		}
	});

	it('fills a line to exactly the width, less the indent and the " \\"', () => {
		// 10 columns, 2 of indent, 2 for " \": a line of 6.
		expect(commandLines(['abc', 'de', 'fghi'], '  ', 10)).toEqual(['  abc de \\', '  fghi']);
		expect(commandLines(['abc', 'def', 'gh'], '  ', 10)).toEqual(['  abc \\', '  def gh']);
	});

	it('a first word longer than the line starts the first line, with no empty line before it', () => {
		expect(commandLines(['https://tableau.example.com/very/long', 'x'], '', 10)).toEqual(['https://tableau.example.com/very/long \\', 'x']);
	});

	it('only a whole flag takes the word after it: not --flag=value, not a word with -- inside', () => {
		expect(commandLines(['t', '--timeout=9', 'next'], '', 16)).toEqual(['t --timeout=9 \\', 'next']);
		expect(commandLines(['t', 'a--b', 'next'], '', 8)).toEqual(['t a--b \\', 'next']);
	});

	it('a flag without a value is not joined to the flag after it', () => {
		expect(commandLines(['t', '--insecure', '--timeout', '9'], '', 14)).toEqual(['t --insecure \\', '--timeout 9']);
	});
});
