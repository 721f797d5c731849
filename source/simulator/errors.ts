import {tableauError, type Negotiated, type Reply} from './responses.js';

// The summaries follow Tableau's; the details are our own words.

export function badRequest(negotiated: Negotiated, detail = 'The request body is missing, malformed or incomplete.'): Reply {
	return tableauError(negotiated, 400, '400000', 'Bad Request', detail);
}

export function invalidPageNumber(negotiated: Negotiated, value: string): Reply {
	return tableauError(negotiated, 400, '400006', 'Invalid page number', `The page number '${value}' is not a whole number between 1 and the last page.`);
}

export function invalidPageSize(negotiated: Negotiated, value: string): Reply {
	return tableauError(negotiated, 400, '400007', 'Invalid page size', `The page size '${value}' is not a whole number of at least 1.`);
}

export function missingCredentials(negotiated: Negotiated): Reply {
	return tableauError(negotiated, 401, '401000', 'Unauthorized Access', 'This request needs a valid session token in the X-Tableau-Auth header.');
}

export function signInFailed(negotiated: Negotiated): Reply {
	return tableauError(negotiated, 401, '401001', 'Signin Error', 'Could not sign in with the credentials given for this site.');
}

export function sessionEnded(negotiated: Negotiated): Reply {
	return tableauError(negotiated, 401, '401002', 'Unauthorized Access', 'The session token is no longer valid. Sign in again.');
}

// The code for a role that may not list users is not confirmed by Tableau's documentation;
// 403 is certain, and any 403xxx code should be read the same way.
export function forbiddenForRole(negotiated: Negotiated, siteRole: string): Reply {
	return tableauError(negotiated, 403, '403000', 'Forbidden', `A user with the site role ${siteRole} may not query the users of this site.`);
}

/** A role, or a site policy, that may not list a kind of content; the code is as uncertain as the one above. */
export function forbiddenContent(negotiated: Negotiated, siteRole: string, resource: string): Reply {
	const what = resource === 'datasources' ? 'data sources' : resource;
	return tableauError(negotiated, 403, '403000', 'Forbidden', `A user with the site role ${siteRole} may not query the ${what} of this site.`);
}

export function pageSizeTooLarge(negotiated: Negotiated): Reply {
	return tableauError(negotiated, 403, '403014', 'Page size limit exceeded', 'The page size may not be larger than 1000.');
}

export function siteNotFound(negotiated: Negotiated, site: string): Reply {
	return tableauError(negotiated, 404, '404000', 'Site not found', `The site '${site}' could not be found.`);
}

export function versionNotFound(negotiated: Negotiated, version: string): Reply {
	return tableauError(negotiated, 404, '404001', 'Version not found', `Version '${version}' is not a valid version of the API.`);
}

export function userNotFound(negotiated: Negotiated, userId: string): Reply {
	return tableauError(negotiated, 404, '404002', 'Resource Not Found', `The user '${userId}' could not be found.`);
}

export function unknownResource(negotiated: Negotiated, path: string): Reply {
	return tableauError(negotiated, 404, '404003', 'Unknown resource', `There is no REST API resource at '${path}'.`);
}

export function methodNotAllowed(negotiated: Negotiated, method: string): Reply {
	return tableauError(negotiated, 405, '405000', 'Method Not Allowed', `The ${method} method is not allowed for this resource.`);
}

export function tooManyRequests(negotiated: Negotiated, retryAfterSeconds: number): Reply {
	return tableauError(negotiated, 429, '429000', 'Too Many Requests', `Too many requests from this client. Retry after ${retryAfterSeconds} seconds.`, {
		'retry-after': String(retryAfterSeconds),
	});
}
