import type {VerificationResult} from './types.js';

// Apart from the catalogue of diagnoses: the screens ask it on their first frame, before any test.

/** The address a result says to use instead of the one tested, when there is one: a screen offers to switch to it with one key. */
export function addressToUse(result: Pick<VerificationResult, 'diagnosis' | 'warnings' | 'server'>): string | null {
	const address = result.diagnosis?.address ?? result.warnings.find(item => item.code === 'redirected')?.address ?? null;
	return address && address !== result.server ? address : null;
}
