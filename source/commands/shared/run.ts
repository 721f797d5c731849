import {parseServerInput, parseSiteInput} from '../../tableau/server-url.js';

/** Turns the typed server and site into what the pipeline needs, or says what to type instead. */
export function resolveTarget(serverText: string, siteText: string | undefined): {server: string; site: string; notes: string[]} | {error: string} {
	const parsed = parseServerInput(serverText);
	if (!parsed.ok) {
		return {error: parsed.error};
	}

	// Plain http:// is the result's `plain-http` warning, in every mode; a note on stderr would say it twice.
	const server = {...parsed, warnings: parsed.warnings.filter(item => item.code !== 'http-plain')};
	if (siteText === undefined) {
		return {server: server.server, site: server.site ?? '', notes: [...server.notes, ...server.warnings.map(item => item.message)]};
	}

	const site = parseSiteInput(siteText, {server: server.server});
	if (!site.ok) {
		return {error: site.error};
	}

	// The address named a site and so did --site: the flag wins, and the note about the address must not mislead.
	const serverNotes =
		server.site !== null && server.site !== site.site
			? [
					...server.notes.filter(note => !note.includes(`"${server.site}"`)),
					`The site "${site.site}" from --site is used, not "${server.site}" from the address.`,
				]
			: server.notes;
	return {server: server.server, site: site.site, notes: [...serverNotes, ...server.warnings.map(item => item.message), ...site.notes]};
}
