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

	it('a flag without a value is not joined to the flag after it', () => {
		expect(commandLines(['t', '--insecure', '--timeout', '9'], '', 14)).toEqual(['t --insecure \\', '--timeout 9']);
	});
});
