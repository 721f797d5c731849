import {checkIds, type CheckId, type CheckStatus} from '../../verify/types.js';

/** One line of a live check list. `pending` and `running` exist only on screen; the rest are the pipeline's. */
export type CheckLine = {id: CheckId; status: 'pending' | 'running' | CheckStatus; summary: string | null; durationMs: number | null};

/** The five check lines of a test that has not started yet. */
export function pendingCheckLines(): CheckLine[] {
	return checkIds.map(id => ({id, status: 'pending', summary: null, durationMs: null}));
}

/** `checks` with the line `id` changed. */
export function updateCheck(checks: CheckLine[], id: CheckId, update: Partial<CheckLine>): CheckLine[] {
	return checks.map(line => (line.id === id ? {...line, ...update} : line));
}
