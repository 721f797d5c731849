// Word wrap for plain output on a terminal (source/commands/core/wrap.ts): lines fit the width,
// words stay whole, and an address longer than the line is never cut, so it still works when copied.
import {describe, expect, it} from 'vitest';
import {hanging, wrapWords} from '../../source/commands/core/wrap.js';

const help = 'https://help.tableau.com/current/server/en-us/security_personal_access_tokens.htm';

describe('wrapWords', () => {
	it('breaks between words, each line as full as the width allows', () => {
		expect(wrapWords('Sign in with a personal access token of the site', 20)).toEqual(['Sign in with a', 'personal access', 'token of the site']);
		expect(wrapWords('  two   spaces  ', 20)).toEqual(['two spaces']);
		expect(wrapWords('', 20)).toEqual(['']);
	});

	it('gives a word longer than the line a line of its own, whole', () => {
		expect(wrapWords(`See ${help} for how.`, 40)).toEqual(['See', help, 'for how.']);
		expect(wrapWords(help, 10)).toEqual([help]);
	});

	it('fills a line to exactly the width', () => {
		expect(wrapWords('abcd efgh ijkl', 9)).toEqual(['abcd efgh', 'ijkl']);
	});

	it('counts characters, not UTF-16 units', () => {
		expect(wrapWords('✓ 𝒳𝒳𝒳 done', 9)).toEqual(['✓ 𝒳𝒳𝒳', 'done']);
	});
});

describe('hanging', () => {
	it('lines continuations up under the text, not under the number', () => {
		expect(hanging('  1. ', 'Create a new token in Tableau and paste its secret here', 30)).toEqual([
			'  1. Create a new token in',
			'     Tableau and paste its',
			'     secret here',
		]);
	});

	it('leaves the line whole without a terminal width, and when it fits', () => {
		const text = `Read ${help} first`;
		expect(hanging('  1. ', text, undefined)).toEqual([`  1. ${text}`]);
		expect(hanging('x ', 'fits', 80)).toEqual(['x fits']);
	});

	it('keeps an address whole, on its own line, under the text', () => {
		expect(hanging('  2. ', `Read ${help} first`, 60)).toEqual(['  2. Read', `     ${help}`, '     first']);
	});

	it('takes a line that fills the terminal exactly as it is, and one word too long for it as one line', () => {
		expect(hanging('1. ', 'abcd efgh', 12)).toEqual(['1. abcd efgh']);
		expect(hanging('1. ', help, 40)).toEqual([`1. ${help}`]);
	});

	it('indents under the text while 20 columns are left beside the indent, at four spaces below that', () => {
		const text = 'aaaa bbbb cccc dddd eeee ffff gggg';
		expect(hanging('     1. ', text, 28)).toEqual(['     1. aaaa bbbb cccc dddd', '        eeee ffff gggg']);
		expect(hanging('     1. ', text, 27)).toEqual(['     1. aaaa bbbb cccc dddd', '    eeee ffff gggg']);
	});

	it('continues at four spaces when the indent would leave a sliver', () => {
		expect(hanging('            10. ', 'one two three four five six', 30)).toEqual(['            10. one two three', '    four five six']);
	});
});
