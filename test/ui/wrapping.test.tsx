// A wrapped line never starts with the space at which it was broken; a line's own indentation stays
// (patches/ink+6.8.0.patch, wrap-text.js). Checked on Ink text directly and on the wizard's screens.
import {afterEach, describe, expect, test} from 'vitest';
import {Box, Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {diagnose} from '../../source/verify/diagnoses.js';
import {frameOf, resize, tick, waitForFrame} from '../helpers/ink.js';
import {fakeResult} from '../helpers/verification.js';
import {renderWizard} from '../helpers/wizard.js';

afterEach(() => {
	cleanup();
});

describe('Ink text', () => {
	test('a row that fills the width exactly does not push its space onto the next row', () => {
		const {lastFrame} = render(
			<Box width={5}>
				<Text>abcde fghij klm</Text>
			</Box>,
		);
		expect(lastFrame()).toBe('abcde\nfghij\nklm');
	});

	test("a line's own indentation stays; the rows it wraps into start at the text", () => {
		const {lastFrame} = render(
			<Box width={10}>
				<Text>{'  indented text here\nnext line'}</Text>
			</Box>,
		);
		expect(lastFrame()).toBe('  indented\ntext here\nnext line');
	});
});

const filled = {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration', tokenSecret: 'secret-value'};

function failing() {
	const result = fakeResult({code: 'signin-failed'});
	return {...result, diagnosis: diagnose('signin-failed', {httpStatus: 401, tableauCode: '401001'})};
}

/**
Lines where a paragraph's wrapped row of words starts one space further in than the row above it:
the mark of a break space carried over. (Our own indents step by two or more; the check list's one
space before its symbols is not words.)
*/
function strayBreakSpaces(frame: string): string[] {
	const lines = frame.split('\n').map(line => line.trimEnd());
	const indent = (line: string) => line.length - line.trimStart().length;
	return lines.filter(
		(line, index) => index > 0 && /^\p{L}/u.test(line.trimStart()) && lines[index - 1] !== '' && indent(line) === indent(lines[index - 1]!) + 1,
	);
}

describe('the wizard, at 100, 80, 60 and 40 columns', () => {
	test.each([100, 80, 60, 40])('no wrapped line starts with a stray space on any step (%i columns)', async columns => {
		for (const step of ['needs', 'prerequisites', 'account', 'token', 'server', 'credentials', 'review', 'verify'] as const) {
			const instance = renderWizard({verify: async () => failing(), initialStep: step, initialValues: filled});
			resize(instance, columns, 200);
			await tick();
			const frame = step === 'verify' ? await waitForFrame(instance, '[signin-failed') : frameOf(instance);
			expect({step, columns, stray: strayBreakSpaces(frame)}).toEqual({step, columns, stray: []});
			instance.unmount();
		}
	});
});
