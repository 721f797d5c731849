// Polling helpers for ink-testing-library, after Shopify/cli's `waitForContent` and
// `sendInputAndWaitForChange`: write keys, then yield until the frame shows what the test expects,
// with a deadline. Never a fixed sleep, and never a pass on an empty frame.
import type {render} from 'ink-testing-library';

export type Rendered = ReturnType<typeof render>;

/** What terminals send for the keys the wizard uses. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	backspace: '\u007F',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	ctrlC: '\u0003',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
} as const;

/** Lets React and Ink flush: the next check runs after pending immediates and timers. */
export async function tick(): Promise<void> {
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	await new Promise(resolve => {
		setTimeout(resolve, 0);
	});
}

/** The current frame; throws on an empty one, so no test passes by looking at nothing. */
export function frameOf(instance: Rendered): string {
	const frame = instance.lastFrame();
	if (frame === undefined || frame.trim() === '') {
		throw new Error('The frame is empty.');
	}

	return frame;
}

type Expectation = string | RegExp | ((frame: string) => boolean);

/** The frame's text with every run of whitespace (line breaks and wrap indents too) as one space. */
export function flat(text: string): string {
	return text.replaceAll(/\s+/g, ' ');
}

// Text is compared with whitespace collapsed, so a message that wraps differently still matches.
function matches(frame: string, expected: Expectation): boolean {
	if (typeof expected === 'string') {
		return flat(frame).includes(flat(expected));
	}

	return expected instanceof RegExp ? expected.test(frame) : expected(frame);
}

// A deadline, not a wait: a frame that comes sooner ends the wait sooner. It is generous because a
// demo run paces five checks at 450 ms each, and a loaded 2-core machine can double that.
const frameDeadlineMs = 15_000;

/** Polls until `probe` returns something truthy, or throws after `timeout` ms with `describe()`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, describe: () => string, timeout = frameDeadlineMs): Promise<T> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const value = probe();
		if (value) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeout} ms: ${describe()}`);
		}

		await tick();
	}
}

/** Waits until the frame matches, and returns it. */
export async function waitForFrame(instance: Rendered, expected: Expectation, timeout = frameDeadlineMs): Promise<string> {
	return waitFor(
		() => {
			const frame = instance.lastFrame();
			return frame !== undefined && frame.trim() !== '' && matches(frame, expected) ? frame : undefined;
		},
		() => `expected the frame to show ${String(expected)}; the last frame was:\n${instance.lastFrame() ?? '(none)'}`,
		timeout,
	);
}

/** Writes keys, then waits until the frame matches `expected` (or merely changes, when not given). */
export async function press(instance: Rendered, input: string, expected?: Expectation, timeout = frameDeadlineMs): Promise<string> {
	const before = instance.lastFrame();
	instance.stdin.write(input);
	return waitForFrame(instance, expected ?? (frame => frame !== before), timeout);
}

/** Makes the fake terminal `columns` wide and `rows` high, as a resize would. */
export function resize(instance: Rendered, columns: number, rows: number): void {
	Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
	instance.stdout.emit('resize');
}

/** Types text one key at a time, as fast as a person pasting key by key, without waiting in between. */
export async function typeKeys(instance: Rendered, text: string, expected?: Expectation): Promise<string> {
	const before = instance.lastFrame();
	for (const character of text) {
		instance.stdin.write(character);
	}

	return waitForFrame(instance, expected ?? (frame => frame !== before));
}
