import {domainToUnicode} from 'node:url';
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

/** A no-break space: wrapping may break the tag between its codes, never inside one ("HTTP 401"). */
export const keepTogether = '\u00A0';

/**
The codes after a diagnosis title: `[signin-failed · HTTP 401 · Tableau 401001]`. With `unbreakable`,
each code's own space is a no-break space, for text that a wrapping layout draws.
*/
export function diagnosisTag(diagnosis: Diagnosis, unbreakable = false): string {
	const space = unbreakable ? keepTogether : ' ';
	const codes = [
		diagnosis.code,
		diagnosis.httpStatus === null ? null : `HTTP${space}${diagnosis.httpStatus}`,
		diagnosis.tableauCode === null ? null : `Tableau${space}${diagnosis.tableauCode}`,
	].filter(Boolean);
	return `[${codes.join(' · ')}]`;
}

/** The catalogue marks commands with backticks for Markdown (docs, JSON); a terminal shows them as they are. */
export function withoutMarkdown(text: string): string {
	return text.replace(/`([^`]+)`/g, '$1');
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

/** Tableau's own words for its roles where splitting the identifier would not give them. */
const roleNames: Record<string, string> = {ExplorerCanPublish: 'Explorer (can publish)', ReadOnly: 'Read Only'};

/**
A site role as Tableau's pages write it: "SiteAdministratorCreator" → "Site Administrator Creator".
Screens and plain output use this; JSON keeps the raw value for scripts.
*/
export function roleLabel(siteRole: string | null | undefined): string {
	if (!siteRole) {
		return 'role unknown';
	}

	return roleNames[siteRole] ?? siteRole.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** "jordan@acme.example (Site Administrator Creator)". */
export function userText(user: {id?: string; name: string | null; siteRole: string | null}): string {
	return `${user.name ?? user.id ?? 'unknown user'} (${roleLabel(user.siteRole)})`;
}

/**
A server address as a person typed it and as it goes over the wire: an international host is sent in
its punycode form, which nobody recognises alone. "https://bücher.example (xn--bcher-kva.example)".
*/
export function serverLabel(server: string): string {
	let hostname: string;
	try {
		({hostname} = new URL(server));
	} catch {
		return server;
	}

	const unicode = domainToUnicode(hostname);
	return unicode === '' || unicode === hostname ? server : `${server.replace(hostname, unicode)} (${hostname})`;
}
