import type {CheckId, Diagnosis} from './types.js';

/** What each check is called, on a terminal and in a pipe alike. */
export const checkLabels: Record<CheckId, string> = {
	reach: 'Reach server',
	serverinfo: 'Server version',
	signin: 'Sign in',
	permissions: 'Role & users',
	signout: 'Sign out',
};

/** The longest label, so plain output can line its columns up. */
export const checkLabelWidth = Math.max(...Object.values(checkLabels).map(label => label.length));

/** The codes after a diagnosis title: `[signin-failed · HTTP 401 · Tableau 401001]`. */
export function diagnosisTag(diagnosis: Diagnosis): string {
	const codes = [
		diagnosis.code,
		diagnosis.httpStatus === null ? null : `HTTP ${diagnosis.httpStatus}`,
		diagnosis.tableauCode === null ? null : `Tableau ${diagnosis.tableauCode}`,
	].filter(Boolean);
	return `[${codes.join(' · ')}]`;
}

/** The last line of a run over several profiles: "1 of 3 profiles verified; failed: a; interrupted: b." */
export function runSummary(
	results: ReadonlyArray<{profile: string | null; ok: boolean; diagnosis: Diagnosis | null} | null>,
	names: readonly string[],
): string {
	const failed: string[] = [];
	const interrupted: string[] = [];
	for (const [index, result] of results.entries()) {
		if (!result?.ok) {
			(result?.diagnosis?.code === 'interrupted' ? interrupted : failed).push(names[index] ?? result?.profile ?? '?');
		}
	}

	const verified = results.length - failed.length - interrupted.length;
	const parts = [
		`${verified} of ${results.length} profiles verified`,
		failed.length > 0 ? `failed: ${failed.join(', ')}` : null,
		interrupted.length > 0 ? `interrupted: ${interrupted.join(', ')}` : null,
	];
	return `${parts.filter(Boolean).join('; ')}.`;
}
