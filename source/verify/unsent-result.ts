import {checkIds, type CheckId, type CheckResult, type Diagnosis, type VerificationResult} from './types.js';

/**
The result of a run that sent nothing (a refused address, an interrupt before its turn): no server
version, no user, no session. `lineOf` says what each check's line reads.
*/
export function unsentResult(
	input: {server: string; site: string; profile?: string | null | undefined},
	diagnosis: Diagnosis,
	lineOf: (id: CheckId) => Pick<CheckResult, 'status' | 'summary'>,
): VerificationResult {
	return {
		ok: false,
		profile: input.profile ?? null,
		server: input.server,
		site: input.site,
		apiVersion: null,
		serverInfo: null,
		user: null,
		token: null,
		access: null,
		checks: checkIds.map(id => ({id, ...lineOf(id), durationMs: 0})),
		diagnosis,
		warnings: [],
	};
}
