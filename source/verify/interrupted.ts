import {diagnose} from './diagnoses.js';
import type {VerificationResult} from './types.js';
import {unsentResult} from './unsent-result.js';

/** What a check that never ran says once the run was stopped with Ctrl-C. */
export const interruptedSkipSummary = 'Skipped: interrupted';

/**
The result of a run that was stopped before it sent anything (it was still waiting for its turn):
every check skipped, nothing to sign out.
*/
export function interruptedBeforeStart(input: {server: string; site: string; profile?: string | null | undefined}): VerificationResult {
	const diagnosis = diagnose('interrupted', {server: input.server, site: input.site, profile: input.profile ?? null});
	return unsentResult(input, diagnosis, () => ({status: 'skipped', summary: interruptedSkipSummary}));
}

/** Whether the run was stopped with Ctrl-C rather than ended by its checks. */
export function wasInterrupted(result: VerificationResult): boolean {
	return result.diagnosis?.code === 'interrupted';
}
