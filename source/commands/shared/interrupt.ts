/**
Ctrl-C for commands that talk to Tableau. The first one stops the tests at once (the request in flight is abandoned) and lets
them sign out the sessions they hold (the token allows one session, which Parable needs); a second
one, or one while nothing is being tested, ends the process at once with 130, as a shell expects.
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

const controller = new AbortController();
let running = 0;
let installed = false;
let announce: (() => void) | null = null;
let firstAt = 0;
/**
conf's atomic writes hook every signal through when-exit, which re-raises the signal it caught: that
echo of the first Ctrl-C arrives within milliseconds, and a person's second press does not.
*/
const echoMs = 300;

function onSignal(): void {
	if (controller.signal.aborted && performance.now() - firstAt < echoMs) {
		return;
	}

	if (running === 0 || controller.signal.aborted) {
		process.stderr.write(
			controller.signal.aborted ? '\nInterrupted again: not waiting for the sign-out; the session will expire on its own.\n' : '\nInterrupted.\n',
		);
		process.exit(interruptedExitCode);
	}

	firstAt = performance.now();
	controller.abort();
	announce?.();
}

/**
Takes over Ctrl-C for the process: outside a test, one plain line and exit 130 instead of a silent
death by signal. Not for `simulate`, whose normal end is Ctrl-C.
*/
export function handleInterrupts(): void {
	if (!installed) {
		installed = true;
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	}
}

/**
Runs `work` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts, once `handleInterrupts` has taken
over those signals (the entry point does; a command run in-process leaves its host's signals alone).
`onInterrupt` says at once that the run is stopping; a screen that draws its own last frame passes
nothing and reads the signal.
*/
export async function whileInterruptible<T>(work: (signal: AbortSignal) => Promise<T>, onInterrupt?: () => void): Promise<T> {
	running++;
	announce = onInterrupt ?? null;
	try {
		return await work(controller.signal);
	} finally {
		running--;
	}
}

/** Whether Ctrl-C was pressed during this process's tests: the command then exits 130. */
export function wasStopped(): boolean {
	return controller.signal.aborted;
}
