// docs/reference.md is generated from the code; this fails when the committed file is out of date.
import {readFileSync} from 'node:fs';
import {expect, test} from 'vitest';
import {referenceMarkdown} from '../../source/docs/reference.js';
import {checkIds, diagnosisCodes, warningCodes} from '../../source/verify/types.js';

const committed = readFileSync(new URL('../../docs/reference.md', import.meta.url), 'utf8');

test('docs/reference.md is what `npm run docs` writes now', () => {
	// On failure: run `npm run docs` and commit docs/reference.md.
	expect(committed).toBe(referenceMarkdown());
});

test('it names every check id, diagnosis code and warning code', () => {
	for (const code of [...checkIds, ...diagnosisCodes, ...warningCodes]) {
		expect(committed).toContain(`| \`${code}\` |`);
	}
});
