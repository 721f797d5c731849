import type {ContentResource} from '../tableau/client.js';
import type {ScenarioId} from './scenarios.js';

export type SiteRole = 'SiteAdministratorCreator' | 'Explorer' | 'Viewer';

/**
The data side of a scenario: which server it pretends to be and what the signed-in user may do.
Failures that are about one request (redirects, 429, 503, …) live in the request handlers instead.
*/
export type Behaviour = {
	productVersion: string;
	build: string;
	restApiVersion: string;
	/** Ignores `Accept` and answers XML in the pre-2017 namespace. */
	xmlOnly: boolean;
	role: SiteRole;
	/** What listing the site's users returns: everyone, only the caller, or 403. */
	usersListing: 'all' | 'self' | 'forbidden';
	/** How many of each kind of content the signed-in user can see. */
	content: Record<ContentResource, number>;
	/** Kinds of content whose listing is refused with 403. */
	contentRefused: readonly ContentResource[];
	/** `estimatedTimeToExpiration` in the sign-in answer (days:hours:minutes); null leaves it out. */
	timeToExpiration: string | null;
};

/** A mid-sized site as a Site Administrator sees it. */
const wholeSite: Record<ContentResource, number> = {workbooks: 142, views: 1203, datasources: 57};
/** The same site as an Explorer sees it: only the projects they have permissions on. */
const explorersShare: Record<ContentResource, number> = {workbooks: 38, views: 311, datasources: 12};

const current: Behaviour = {
	productVersion: '2024.2.1',
	build: '20242.24.0711.1636',
	restApiVersion: '3.23',
	xmlOnly: false,
	role: 'SiteAdministratorCreator',
	usersListing: 'all',
	content: wholeSite,
	contentRefused: [],
	timeToExpiration: '177:05:38',
};

export function behaviourOf(scenario: ScenarioId): Behaviour {
	switch (scenario) {
		case 'ok-xml-only': {
			// The same site as everywhere else: a client asking for one user per page still gets
			// `users.user` as a single element rather than a list, which is what this server is about.
			return {...current, xmlOnly: true};
		}

		case 'explorer-role': {
			return {...current, role: 'Explorer', usersListing: 'self', content: explorersShare, timeToExpiration: '64:11:20'};
		}

		case 'not-admin': {
			return {...current, role: 'Viewer', usersListing: 'forbidden', content: {workbooks: 9, views: 71, datasources: 0}};
		}

		case 'content-refused': {
			return {...current, contentRefused: ['views', 'datasources']};
		}

		case 'token-expiring': {
			return {...current, timeToExpiration: '9:04:12'};
		}

		case 'old-server': {
			return {...current, productVersion: '2019.2.4', build: '20192.19.0917.1648', restApiVersion: '3.4'};
		}

		default: {
			return current;
		}
	}
}

export const xmlNamespace = 'http://tableau.com/api';
export const oldXmlNamespace = 'http://tableausoftware.com/api';
