import type {SaveTraceFunction, VerifyFunction} from '../../ui/wizard/use-effects.js';
import type {RunTrace, RunTraces} from '../core/run-traces.js';

/** What a saved trace's file is named after: the profile, else the server's host and port. */
function traceLabel(input: {profile?: string | null; server: string}): string {
	if (input.profile) {
		return input.profile;
	}

	try {
		return new URL(input.server).host;
	} catch {
		return input.server;
	}
}

/**
The wizard's tests, each keeping its exchange, and the failure screen's w, which writes the last
one's trace: a retry replaces it, so the trace saved is the test on screen.
*/
export function wizardTraces(traces: RunTraces, verify: VerifyFunction): {verify: VerifyFunction; saveTrace: SaveTraceFunction} {
	let last: {trace: RunTrace; label: string} | null = null;
	return {
		async verify(input, options) {
			const trace = traces.start();
			last = {trace, label: traceLabel(input)};
			return verify(input, {...options, observer: trace.observer});
		},
		async saveTrace() {
			if (!last) {
				throw new Error('no test has run yet');
			}

			return last.trace.save(last.label);
		},
	};
}
