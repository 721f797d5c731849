import type {ContentResource} from '../tableau/client.js';
import {authenticate} from './auth.js';
import {contentJson, contentPage, contentXml} from './content.js';
import type {ApiRequest} from './context.js';
import {meOf, siteJson, siteOf, userJson, userXml, visibleUsers} from './directory.js';
import {forbiddenContent, forbiddenForRole, invalidPageNumber, invalidPageSize, pageSizeTooLarge, siteNotFound, userNotFound} from './errors.js';
import {isReply, tableauReply, type Reply} from './responses.js';

export function handleServerInfo(request: ApiRequest): Reply {
	const {behaviour} = request.runtime;
	return tableauReply(
		request.negotiated,
		200,
		{serverInfo: {productVersion: {value: behaviour.productVersion, build: behaviour.build}, restApiVersion: behaviour.restApiVersion}},
		[
			{
				name: 'serverInfo',
				children: [
					{name: 'productVersion', attributes: {build: behaviour.build}, text: behaviour.productVersion},
					{name: 'restApiVersion', text: behaviour.restApiVersion},
				],
			},
		],
	);
}

export function handleCurrentSession(request: ApiRequest): Reply {
	const session = authenticate(request);
	if (isReply(session)) {
		return session;
	}

	const {runtime} = request;
	const site = siteJson(siteOf(runtime.directory, runtime.scenario));
	const user = userJson(meOf(runtime.directory, runtime.behaviour));
	return tableauReply(request.negotiated, 200, {session: {site, user}}, [
		{
			name: 'session',
			children: [
				{name: 'site', attributes: site},
				{name: 'user', attributes: user},
			],
		},
	]);
}

/**
Checks the token and that the path names the session's site by its LUID. A content URL in that
place is not found, as on real servers, which only take LUIDs there.
*/
function authorizeSite(request: ApiRequest, siteId: string): Reply | undefined {
	const session = authenticate(request);
	if (isReply(session)) {
		return session;
	}

	return siteId.toLowerCase() === session.siteId.toLowerCase() ? undefined : siteNotFound(request.negotiated, siteId);
}

function pageParameter(request: ApiRequest, name: string, fallback: number): number | string {
	const raw = request.query.get(name);
	if (raw === null) {
		return fallback;
	}

	return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : raw;
}

/** The page a request asks for, checked as Tableau checks it: its bounds, or the error reply. */
function pageOf(request: ApiRequest, total: number): {from: number; to: number; pagination: Record<string, string>} | Reply {
	const {negotiated} = request;
	const pageSize = pageParameter(request, 'pageSize', 100);
	if (typeof pageSize === 'string') {
		return invalidPageSize(negotiated, pageSize);
	}

	if (pageSize > 1000) {
		return pageSizeTooLarge(negotiated);
	}

	const pageNumber = pageParameter(request, 'pageNumber', 1);
	const lastPage = Math.max(1, Math.ceil(total / pageSize));
	if (typeof pageNumber === 'string' || pageNumber > lastPage) {
		return invalidPageNumber(negotiated, String(pageNumber));
	}

	// Tableau sends these numbers as strings, in JSON too.
	const pagination = {pageNumber: String(pageNumber), pageSize: String(pageSize), totalAvailable: String(total)};
	return {from: (pageNumber - 1) * pageSize, to: Math.min(total, pageNumber * pageSize), pagination};
}

export function handleUsers(request: ApiRequest, siteId: string): Reply {
	const refused = authorizeSite(request, siteId);
	if (refused) {
		return refused;
	}

	const {runtime, negotiated} = request;
	if (runtime.behaviour.usersListing === 'forbidden') {
		return forbiddenForRole(negotiated, runtime.behaviour.role);
	}

	const users = visibleUsers(runtime.directory, runtime.behaviour);
	const page = pageOf(request, users.length);
	if (isReply(page)) {
		return page;
	}

	const {pagination} = page;
	const listed = users.slice(page.from, page.to);
	return tableauReply(negotiated, 200, {pagination, users: {user: listed.map(user => userJson(user))}}, [
		{name: 'pagination', attributes: pagination},
		{name: 'users', children: listed.map(user => userXml(user))},
	]);
}

const itemElements: Record<ContentResource, string> = {workbooks: 'workbook', views: 'view', datasources: 'datasource'};

/** Query Workbooks, Views or Data Sources for Site: the part of the site the signed-in user can see, page by page. */
export function handleContent(request: ApiRequest, siteId: string, resource: ContentResource): Reply {
	const refused = authorizeSite(request, siteId);
	if (refused) {
		return refused;
	}

	const {runtime, negotiated} = request;
	const {behaviour} = runtime;
	if (behaviour.contentRefused.includes(resource)) {
		return forbiddenContent(negotiated, behaviour.role, resource);
	}

	const page = pageOf(request, behaviour.content[resource]);
	if (isReply(page)) {
		return page;
	}

	const usage = resource === 'views' && request.query.get('includeUsageStatistics')?.toLowerCase() === 'true';
	const site = {siteId: runtime.directory.siteId, ownerId: runtime.directory.me.id, workbooks: behaviour.content.workbooks};
	const items = contentPage(resource, site, page.from, page.to, usage);
	const element = itemElements[resource];
	const {pagination} = page;
	return tableauReply(negotiated, 200, {pagination, [resource]: {[element]: items.map(item => contentJson(item))}}, [
		{name: 'pagination', attributes: pagination},
		{name: resource, children: items.map(item => contentXml(element, item))},
	]);
}

export function handleUser(request: ApiRequest, siteId: string, userId: string): Reply {
	const refused = authorizeSite(request, siteId);
	if (refused) {
		return refused;
	}

	const {runtime, negotiated} = request;
	const me = meOf(runtime.directory, runtime.behaviour);
	const everyone = [me, ...runtime.directory.colleagues];
	const user = everyone.find(candidate => candidate.id.toLowerCase() === userId.toLowerCase());
	if (!user) {
		return userNotFound(negotiated, userId);
	}

	// Everyone may read their own record; other people's need the right to list users.
	if (user.id !== me.id && runtime.behaviour.usersListing !== 'all') {
		return forbiddenForRole(negotiated, me.siteRole);
	}

	return tableauReply(negotiated, 200, {user: userJson(user)}, [userXml(user)]);
}
