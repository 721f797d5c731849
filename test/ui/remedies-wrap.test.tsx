// The diagnosis and warning views that every screen shares (live test view, home screen, wizard),
// at 100, 80, 60 and 40 columns: the codes after a title are never cut in two, remedy items wrap
// under their own text, and no Markdown backtick reaches the screen.
import {Box} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {DiagnosisView, WarningView} from '../../source/ui/checks/Remedies.js';
import {diagnose, warning} from '../../source/verify/diagnoses.js';
import {waitForFrame} from '../helpers/ink.js';

afterEach(() => {
	cleanup();
});

const context = {server: 'https://tableau.example.com', site: 'acme', httpStatus: 401, tableauCode: '401001', profile: 'acme'};

describe.each([100, 80, 60, 40])('at %i columns', columns => {
	it('a diagnosis keeps each code whole and its remedies under their text', async () => {
		const instance = render(
			<Box width={columns}>
				<DiagnosisView diagnosis={diagnose('signin-failed', context)} />
			</Box>,
		);
		const frame = await waitForFrame(instance, 'What to do:');
		const lines = frame.split('\n');
		const start = lines.findIndex(line => line.trim() === 'What to do:');
		const heading = lines.slice(0, start).join('\n');
		for (const code of ['[signin-failed', 'HTTP 401', 'Tableau 401001]']) {
			expect(heading).toContain(code);
		}

		// Every remedy line is checked, and there are several: an empty list must not pass.
		expect(start).toBeGreaterThan(0);
		expect(lines.length - start - 1).toBeGreaterThan(3);
		for (const line of lines.slice(start + 1)) {
			// Item text starts at column 5 ("  1. "); a wrapped line continues there. Ink's own
			// wrapping may still leave one space in front of a continuation (fixed in Ink's patch).
			expect(line).toMatch(/^( {2}\d\. | {5} ?)\S/);
		}

		expect(frame).not.toContain('`');
	});

	it('a warning keeps its code whole', async () => {
		const instance = render(
			<Box width={columns}>
				<WarningView warning={warning('insecure-tls', context)} />
			</Box>,
		);
		const frame = await waitForFrame(instance, 'insecure-tls');
		expect(frame).toContain('[insecure-tls]');
		expect(frame).not.toContain('`');
	});
});
