import {validateProfileName} from '../../profiles/profile-name.js';
import {looksLikeTokenSecret, misplacedSecretMessage, secretShapeWarning} from '../../tableau/secret-shape.js';
import {isTableauCloud, parseServerInput, parseSiteInput} from '../../tableau/server-url.js';
import {fieldIds, suggestedTokenName, type FieldId, type WizardValues} from './steps.js';

/** What the wizard says about one field: an error blocks going on; notes and warnings do not. */
export type FieldCheck = {error: string | null; notes: string[]; warnings: string[]};

/** The profile store's own rule for names (pure; the store itself stays out of the UI). */
export const defaultValidateProfileName = validateProfileName;

/** Reading the CA file field's file: injected, so the wizard's state stays free of the file system. */
export type CaFileAccess = {
	/** Why the file at `path` cannot be used as a CA certificate (missing, unreadable, not PEM), or null. */
	check: (path: string) => string | null;
	/** The PEM text, for the test. */
	read: (path: string) => string;
	/** The absolute path, for the profile. */
	resolve: (path: string) => string;
};

/** What validation needs beyond the values: the profile rules and the names already saved. */
export type FieldContext = {
	/** Returns why `name` cannot be a profile name, or null when it can. */
	validateProfileName: (name: string) => string | null;
	existingProfileNames: readonly string[];
	/** The profile being edited (`setup --profile NAME`): saving under its own name replaces nothing new. */
	editingProfile: string | null;
	/** The secret of the profile being edited, kept unless the person replaces it. */
	savedSecret?: string | null;
	/** Checks the CA file field (in an effect, never in the reducer); without it any path is taken as it is. */
	caFiles?: CaFileAccess | null;
};

/** The server the values point at, as the pipeline needs it, or null while the field is invalid. */
export function parsedServer(values: WizardValues): string | null {
	const parsed = parseServerInput(values.server);
	return parsed.ok ? parsed.server : null;
}

/** The site content URL the values point at, or null while the field is invalid. */
export function parsedSite(values: WizardValues): string | null {
	const server = parsedServer(values);
	const parsed = parseSiteInput(values.site, server === null ? {} : {server});
	return parsed.ok ? parsed.site : null;
}

function secretCheck(values: WizardValues, context: FieldContext): FieldCheck {
	const secret = values.tokenSecret;
	if (secret.trim() === '') {
		return {
			error:
				'Paste the token secret that Tableau showed when you created the token. It is shown only once: if you no longer have it, create a new token (step 4).',
			notes: [],
			warnings: [],
		};
	}

	if (/\s/.test(secret.trim())) {
		return {
			error: 'The secret contains a space or a line break, which Tableau secrets never do. Clear the field with Ctrl-U and paste only the secret.',
			notes: [],
			warnings: [],
		};
	}

	if (secret.trim() === values.tokenName.trim()) {
		return {error: "This is the token's name, not its secret. Paste the secret: the long random value shown next to the name.", notes: [], warnings: []};
	}

	const notes = secret === secret.trim() ? [] : ['The spaces around the secret will be dropped.'];
	if (context.savedSecret && secret === context.savedSecret) {
		notes.push('This is the saved secret. To use a new one, clear the field with Ctrl-U and paste it.');
	}

	const shape = secretShapeWarning(secret);
	return {error: null, notes, warnings: shape ? [shape] : []};
}

function tokenNameCheck(values: WizardValues): FieldCheck {
	const name = values.tokenName.trim();
	if (name === '') {
		return {
			error: `Type the token's name exactly as it appears in Tableau's Personal Access Tokens list. ${suggestedTokenName} is only a suggestion: your token may have another name.`,
			notes: [],
			warnings: [],
		};
	}

	if (looksLikeTokenSecret(name)) {
		return {error: `${misplacedSecretMessage('token name')} Clear the field with Ctrl-U.`, notes: [], warnings: []};
	}

	return {error: null, notes: [], warnings: []};
}

function profileNameCheck(values: WizardValues, context: FieldContext): FieldCheck {
	const name = values.profileName.trim();
	const error = context.validateProfileName(name);
	if (error) {
		return {error, notes: [], warnings: []};
	}

	if (name === context.editingProfile) {
		return {error: null, notes: [`Saving updates the profile "${name}".`], warnings: []};
	}

	const renames = context.editingProfile === null ? [] : [`Saving renames the profile "${context.editingProfile}" to "${name}".`];
	if (context.existingProfileNames.includes(name)) {
		return {error: null, notes: renames, warnings: [`A profile named "${name}" already exists: saving replaces it.`]};
	}

	if (renames.length > 0) {
		return {error: null, notes: renames, warnings: []};
	}

	return {error: null, notes: [], warnings: []};
}

/**
Checks every field against the current values. Pure: the reducer calls it after each change. The CA
file's problem is the one last found on disk for that same path; a path not checked yet has none until
it is (startVerification checks every field again before the test).
*/
export function checkFields(
	values: WizardValues,
	context: FieldContext,
	caFileOnDisk: {path: string; problem: string | null} | null = null,
): Record<FieldId, FieldCheck> {
	const server = parseServerInput(values.server);
	const serverCheck: FieldCheck = server.ok
		? {error: null, notes: server.notes, warnings: server.warnings.map(item => item.message)}
		: {error: server.error, notes: [], warnings: []};
	const site = parseSiteInput(values.site, server.ok ? {server: server.server} : {});
	const siteCheck: FieldCheck = site.ok ? {error: null, notes: site.notes, warnings: []} : {error: site.error, notes: [], warnings: []};
	const caFile = values.caFile.trim();
	const caFileCheck: FieldCheck =
		caFile === ''
			? {error: null, notes: ["Empty: the system's certificate authorities are trusted, as a browser does."], warnings: []}
			: {error: caFileOnDisk?.path === caFile ? caFileOnDisk.problem : null, notes: [], warnings: []};
	return {
		server: serverCheck,
		site: siteCheck,
		caFile: caFileCheck,
		tokenName: tokenNameCheck(values),
		tokenSecret: secretCheck(values, context),
		profileName: profileNameCheck(values, context),
	};
}

/** The first field among `fields` with an error, if any. */
export function firstInvalid(checks: Record<FieldId, FieldCheck>, fields: readonly FieldId[]): FieldId | null {
	return fields.find(field => checks[field].error !== null) ?? null;
}

export type Normalized = {values: WizardValues; assists: Partial<Record<FieldId, string>>};

/**
Rewrites a field the way it will be used, once the person leaves it (never while typing: a paste
may arrive in pieces): the server
becomes its origin and hands a site from the address to the site field; the site becomes its
content URL. Says what changed, so nothing happens silently.
*/
export function normalizeField(field: FieldId, values: WizardValues): Normalized {
	if (field === 'server') {
		const parsed = parseServerInput(values.server);
		if (!parsed.ok || (parsed.server === values.server && parsed.site === null)) {
			return {values, assists: {}};
		}

		const assists: Partial<Record<FieldId, string>> = {};
		const next = {...values, server: parsed.server};
		// Once rewritten, the value shows its https:// itself: a note saying it was added would only repeat it.
		const notes = parsed.notes.filter(note => !note.startsWith('The site "') && !note.startsWith('The address (') && !note.startsWith('No scheme was typed'));
		if (parsed.site !== null && parsed.site !== values.site) {
			next.site = parsed.site;
			assists.site =
				parsed.site === ''
					? 'The address you pasted showed a page of the Default site, so the site was emptied.'
					: `Filled in from the address you pasted into Server URL.`;
			notes.push(parsed.site === '' ? 'The address shows the Default site.' : `The site "${parsed.site}" was moved to the Site field.`);
		}

		if (notes.length > 0) {
			assists.server = notes.join(' ');
		}

		return {values: next, assists};
	}

	if (field === 'site') {
		const server = parsedServer(values);
		const parsed = parseSiteInput(values.site, server === null ? {} : {server});
		if (!parsed.ok || parsed.site === values.site) {
			return {values, assists: {}};
		}

		const notes = parsed.notes.filter(note => note !== 'An empty site means the Default site.');
		return {values: {...values, site: parsed.site}, assists: notes.length > 0 ? {site: notes.join(' ')} : {}};
	}

	if (field === 'tokenName' || field === 'tokenSecret' || field === 'profileName' || field === 'caFile') {
		const trimmed = values[field].trim();
		return trimmed === values[field] ? {values, assists: {}} : {values: {...values, [field]: trimmed}, assists: {}};
	}

	return {values, assists: {}};
}

/**
What leaving `field` will make of the text typed so far, without changing it: "Enter or Tab uses
server X and site Y." Null when the text stays as it is or cannot be read yet.
*/
export function pendingChange(field: FieldId, values: WizardValues): string | null {
	if (field !== 'server' && field !== 'site') {
		return null;
	}

	const next = normalizeField(field, values).values;
	if (next.server === values.server && next.site === values.site) {
		return null;
	}

	const parts: string[] = [];
	if (next.server !== values.server) {
		parts.push(`server ${next.server}`);
	}

	if (next.site !== values.site) {
		parts.push(next.site === '' ? 'the Default site' : `site ${next.site}`);
	}

	return `Enter or Tab will use ${parts.join(' and ')}.`;
}

/**
A profile name from the host and the site: `10ay-acme` for https://10ay.online.tableau.com and site
acme; the first part of other host names (`tableau-finance`); never one that is already taken.
*/
export function suggestProfileName(values: WizardValues, taken: readonly string[]): string {
	const server = parsedServer(values);
	if (server === null) {
		return '';
	}

	const {hostname} = new URL(server);
	const isAddress = hostname.startsWith('[') || /^[\d.]+$/.test(hostname);
	const label = isAddress ? hostname.replace(/[[\]:]/g, '-').replace(/^-+|-+$/g, '') : (hostname.split('.')[0] ?? hostname);
	const site = parsedSite(values) ?? '';
	const base = `${label}${site === '' ? (isTableauCloud(server) ? '' : '-default') : `-${site}`}`
		.toLowerCase()
		.replace(/[^a-z\d._-]/g, '-')
		.slice(0, 60);
	if (!taken.includes(base)) {
		return base;
	}

	for (let index = 2; ; index++) {
		const candidate = `${base}-${index}`;
		if (!taken.includes(candidate)) {
			return candidate;
		}
	}
}

export const emptyValues: WizardValues = Object.fromEntries(fieldIds.map(field => [field, ''])) as WizardValues;
