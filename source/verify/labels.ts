import type {CheckId, Diagnosis} from './types.js';

/** What each check is called, on a terminal and in a pipe alike. */
export const checkLabels: Record<CheckId, string> = {
	reach: 'Reach server',
	serverinfo: 'Server version',
	signin: 'Sign in',
	permissions: 'Role & users',
	content: 'Content',
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
