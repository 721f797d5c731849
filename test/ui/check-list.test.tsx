// A check that waits says how long it has waited, against the request timeout: in the live test
// view, the home screen and the wizard alike (they share the check list).
import {cleanup, render} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {pendingCheckLines, updateCheck} from '../../source/ui/checks/check-lines.js';
import {CheckList, CheckTimeoutContext, waitingText} from '../../source/ui/checks/CheckList.js';
import {flat, waitForFrame} from '../helpers/ink.js';

afterEach(() => {
	cleanup();
});

test('the waiting text counts seconds against the timeout, and only seconds past it', () => {
	expect(waitingText(0, 15_000)).toBe('checking…');
	expect(waitingText(4, 15_000)).toBe('checking… 4 s of 15 s');
	expect(waitingText(17, 15_000)).toBe('checking… 17 s');
	// The demo's 2.5 s deadline is said as it is, not rounded to 3.
	expect(waitingText(2, 2500)).toBe('checking… 2 s of 2.5 s');
});

test('a running check shows its wait against the timeout it is given', async () => {
	const checks = updateCheck(pendingCheckLines(), 'reach', {status: 'running'});
	const instance = render(
		<CheckTimeoutContext.Provider value={30_000}>
			<CheckList checks={checks} columns={80} />
		</CheckTimeoutContext.Provider>,
	);
	expect(flat(instance.lastFrame() ?? '')).toContain('Reach server checking…');
	const frame = await waitForFrame(instance, 'checking… 1 s of 30 s', 4000);
	expect(flat(frame)).toMatch(/Reach server checking… 1 s of 30 s/);
});
