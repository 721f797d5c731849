import {randomUUID} from 'node:crypto';
import type {Behaviour} from './behaviour.js';
import type {ScenarioId} from './scenarios.js';
import type {XmlElement} from './xml.js';

export type SiteRecord = {id: string; name: string; contentUrl: string};

export type UserRecord = {
	id: string;
	name: string;
	fullName: string;
	email: string;
	siteRole: string;
	lastLogin: string;
	authSetting: string;
};

/** The one site and its people. LUIDs are fresh per start, as on a real server they are opaque. */
export type Directory = {
	siteId: string;
	contentUrl: string;
	/** The site's display name, as Tableau's site picker shows it. */
	name: string;
	me: UserRecord;
	colleagues: UserRecord[];
};

type Person = [name: string, fullName: string, siteRole: string, lastLogin: string];

const named: Person[] = [
	['priya.shah', 'Priya Shah', 'SiteAdministratorExplorer', '2024-11-04T08:15:32Z'],
	['marcus.chen', 'Marcus Chen', 'Creator', '2024-11-03T16:42:09Z'],
	['elena.garcia', 'Elena Garcia', 'Explorer', '2024-10-29T11:03:51Z'],
	['sam.okafor', 'Sam Okafor', 'ExplorerCanPublish', '2024-10-31T13:27:44Z'],
	['hannah.berg', 'Hannah Berg', 'Viewer', '2024-09-18T07:58:12Z'],
];

const firstNames = ['Ava', 'Ben', 'Chloe', 'Dev', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla'];
const lastNames = ['Adams', 'Brooks', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Gupta', 'Hall', 'Ito'];
const everydayRoles = ['Viewer', 'Viewer', 'Explorer', 'Viewer', 'ExplorerCanPublish', 'Explorer', 'Creator'];

/** The rest of a mid-sized site: 81 people who read dashboards, so the user count looks like a real one. */
function everyone(): Person[] {
	const crowd = firstNames.flatMap((first, row) =>
		lastNames.map((last, column): Person => {
			const index = row * lastNames.length + column;
			const day = String(1 + (index % 28)).padStart(2, '0');
			return [
				`${first}.${last}`.toLowerCase(),
				`${first} ${last}`,
				everydayRoles[index % everydayRoles.length]!,
				`2024-10-${day}T09:${String(index % 60).padStart(2, '0')}:00Z`,
			];
		}),
	);
	return [...named, ...crowd, ['svc.reporting', 'Reporting Service', 'Unlicensed', '']];
}

function person(name: string, fullName: string, siteRole: string, lastLogin: string): UserRecord {
	const email = `${name}@acme.example`;
	return {id: randomUUID(), name: email, fullName, email, siteRole, lastLogin, authSetting: 'ServerDefault'};
}

export function createDirectory(contentUrl: string, name?: string): Directory {
	return {
		siteId: randomUUID(),
		contentUrl,
		name: name ?? (contentUrl === '' ? 'Default' : titleCase(contentUrl)),
		me: person('jordan.rivera', 'Jordan Rivera', 'SiteAdministratorCreator', '2024-11-05T09:12:44Z'),
		colleagues: everyone().map(entry => person(...entry)),
	};
}

function titleCase(slug: string): string {
	return slug
		.split(/[-_\s]+/)
		.filter(Boolean)
		.map(word => word[0]!.toUpperCase() + word.slice(1))
		.join(' ');
}

/** The real content URL in `wrong-site`, where the one advertised (and typed) is a mistake. */
export function wrongSiteContentUrl(advertised: string): string {
	return `${advertised || 'acme'}-corp`;
}

/**
The site as the current scenario has it. In `wrong-site` its content URL is no longer the one the
simulator advertises, as when someone types the site's name instead of its content URL.
*/
export function siteOf(directory: Directory, scenario: ScenarioId): SiteRecord {
	if (scenario === 'wrong-site') {
		const contentUrl = wrongSiteContentUrl(directory.contentUrl);
		return {id: directory.siteId, name: titleCase(contentUrl), contentUrl};
	}

	return {id: directory.siteId, name: directory.name, contentUrl: directory.contentUrl};
}

export function meOf(directory: Directory, behaviour: Behaviour): UserRecord {
	return {...directory.me, siteRole: behaviour.role};
}

/** Everyone the caller may see when listing the site's users. */
export function visibleUsers(directory: Directory, behaviour: Behaviour): UserRecord[] {
	const me = meOf(directory, behaviour);
	return behaviour.usersListing === 'all' ? [me, ...directory.colleagues] : [me];
}

export function userJson(user: UserRecord): Record<string, string> {
	const {lastLogin, ...rest} = user;
	// Tableau leaves lastLogin out for people who never signed in.
	return {...rest, externalAuthUserId: '', language: 'en', locale: 'en_US', ...(lastLogin ? {lastLogin} : {})};
}

export function userXml(user: UserRecord): XmlElement {
	return {name: 'user', attributes: userJson(user)};
}

export function siteJson(site: SiteRecord): Record<string, string> {
	return {id: site.id, name: site.name, contentUrl: site.contentUrl};
}
