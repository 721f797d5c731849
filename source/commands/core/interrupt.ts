/**
Ctrl-C for commands that talk to Tableau. The first one stops the tests at once (the request in flight is abandoned) and lets
them sign out the sessions they hold (the token allows one session, which Parable needs); a second
one, or one while nothing is being tested, ends the process at once with 130, as a shell expects.
It reaches a command through its io (`io.interrupts`), so a test presses it in-process.
*/

/** Thrown where a prompt was interrupted: the entry point prints its message and exits 130. */
export class Interrupted extends Error {
	override readonly name = 'Interrupted';
}

/** readline's question() rejects this way on Ctrl-C. */
export function isInterruption(error: unknown): boolean {
	return error instanceof Interrupted || (error instanceof Error && error.name === 'AbortError');
}

export const interruptedExitCode = 130;

/**
What a Ctrl-C did: `stopping` (the tests stop and sign out), `exit` (nothing was being tested: end now),
`exit-again` (a second one while they stop: end without waiting), `echo` (the same press seen twice).
*/
export type InterruptEffect = 'stopping' | 'exit' | 'exit-again' | 'echo';

/** One command's Ctrl-C: the signal its tests run under, and whether it was pressed. */
export type Interrupts = {
	/**
	Runs `work` with a signal that a Ctrl-C aborts. `onInterrupt` says at once that the run is
	stopping; a screen that draws its own last frame passes nothing and reads the signal.
	*/
	whileInterruptible<T>(work: (signal: AbortSignal) => Promise<T>, onInterrupt?: () => void): Promise<T>;
	/** Whether Ctrl-C was pressed during this command's tests: it then exits 130. */
	readonly stopped: boolean;
	/** A Ctrl-C (or SIGTERM) arrives. */
	interrupt(): InterruptEffect;
};

/**
conf's atomic writes hook every signal through when-exit, which re-raises the signal it caught: that
echo of the first Ctrl-C arrives within milliseconds, and a person's second press does not.
*/
const echoMs = 300;

/** A command's Ctrl-C, pressed by the process's signals (`listenToSignals`) or by a test. */
export function createInterrupts(): Interrupts {
	const controller = new AbortController();
	let running = 0;
	let announce: (() => void) | null = null;
	let firstAt = 0;
	return {
		async whileInterruptible(work, onInterrupt) {
			running++;
			announce = onInterrupt ?? null;
			try {
				return await work(controller.signal);
			} finally {
				running--;
			}
		},
		get stopped() {
			return controller.signal.aborted;
		},
		interrupt() {
			if (controller.signal.aborted && performance.now() - firstAt < echoMs) {
				return 'echo';
			}

			if (controller.signal.aborted) {
				return 'exit-again';
			}

			if (running === 0) {
				return 'exit';
			}

			firstAt = performance.now();
			controller.abort();
			announce?.();
			return 'stopping';
		},
	};
}

/**
Takes over Ctrl-C (SIGINT) and SIGTERM for the process, for `interrupts`: outside a test, one plain
line and exit 130 instead of a silent death by signal (`simulate`, whose normal end is Ctrl-C, waits
for it as interruptible work, and exits 0). Not for the demo, which reads Ctrl-C as a key.
*/
export function listenToSignals(interrupts: Interrupts): void {
	const onSignal = () => {
		const effect = interrupts.interrupt();
		if (effect === 'exit' || effect === 'exit-again') {
			process.stderr.write(
				effect === 'exit-again' ? '\nInterrupted again: not waiting for the sign-out; the session will expire on its own.\n' : '\nInterrupted.\n',
			);
			process.exit(interruptedExitCode);
		}
	};

	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}
