import {createHash} from 'node:crypto';
import type {ContentResource} from '../tableau/client.js';
import type {XmlElement} from './xml.js';

/** One item as Tableau lists it: attributes, and child records such as `project` and `owner`. */
export type ContentItem = {attributes: Record<string, string>; children: Record<string, Record<string, string>>};

const projects = ['Finance', 'Sales', 'Marketing', 'Operations', 'People', 'Product', 'Executive', 'Supply Chain'];
const subjects = ['Revenue', 'Pipeline', 'Churn', 'Inventory', 'Hiring', 'Campaigns', 'Margins', 'Forecast', 'Support', 'Usage', 'Pricing'];
const sheets = ['Overview', 'Trend', 'By Region', 'Details', 'Top Accounts', 'Map', 'Cohorts', 'KPIs', 'Drill-down'];
const connections = ['snowflake', 'sqlserver', 'postgres', 'bigquery', 'excel-direct', 'redshift', 'hyper'];

/** A stable LUID per site and item, so page 2 never repeats page 1 and a refetch gives the same id. */
function luid(siteId: string, kind: string, index: number): string {
	const hex = createHash('sha1').update(`${siteId}/${kind}/${index}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function slug(name: string): string {
	return name.replace(/[^A-Za-z\d]+/g, '');
}

function timeOf(index: number, monthsAgo: number): string {
	const date = new Date(Date.UTC(2024, 10 - monthsAgo, 1 + (index % 27), 8 + (index % 10), (index * 7) % 60, (index * 13) % 60));
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function project(siteId: string, index: number): Record<string, string> {
	const at = index % projects.length;
	return {id: luid(siteId, 'project', at), name: projects[at]!};
}

function workbookName(index: number): string {
	return `${subjects[index % subjects.length]} ${projects[index % projects.length]}${index >= subjects.length ? ` ${1 + Math.floor(index / subjects.length)}` : ''}`;
}

/** The `index`th item of a kind on the site; `workbooks` is how many workbooks the views spread over. */
function itemAt(resource: ContentResource, siteId: string, ownerId: string, index: number, workbooks: number, usage: boolean): ContentItem {
	const owner = {id: ownerId};
	switch (resource) {
		case 'workbooks': {
			const name = workbookName(index);
			return {
				attributes: {
					id: luid(siteId, 'workbook', index),
					name,
					contentUrl: slug(name),
					showTabs: 'true',
					size: String(1 + (index % 40)),
					createdAt: timeOf(index, 14),
					updatedAt: timeOf(index, 1),
					encryptExtracts: 'false',
				},
				children: {project: project(siteId, index), owner},
			};
		}

		case 'views': {
			const workbook = index % Math.max(1, workbooks);
			const name = sheets[Math.floor(index / Math.max(1, workbooks)) % sheets.length]!;
			return {
				attributes: {
					id: luid(siteId, 'view', index),
					name,
					contentUrl: `${slug(workbookName(workbook))}/sheets/${slug(name)}`,
					createdAt: timeOf(index, 14),
					updatedAt: timeOf(index, 1),
					viewUrlName: slug(name),
					sheetType: index % 3 === 0 ? 'dashboard' : 'worksheet',
				},
				children: {
					workbook: {id: luid(siteId, 'workbook', workbook)},
					owner,
					project: project(siteId, workbook),
					...(usage ? {usage: {totalViewCount: String((index * 7919) % 4000)}} : {}),
				},
			};
		}

		case 'datasources': {
			const name = `${subjects[index % subjects.length]} ${index < subjects.length ? 'Extract' : `Source ${index}`}`;
			return {
				attributes: {
					id: luid(siteId, 'datasource', index),
					name,
					contentUrl: slug(name),
					type: connections[index % connections.length]!,
					createdAt: timeOf(index, 20),
					updatedAt: timeOf(index, 2),
					encryptExtracts: 'false',
					hasExtracts: String(index % 2 === 0),
					isCertified: String(index % 5 === 0),
					useRemoteQueryAgent: 'false',
				},
				children: {project: project(siteId, index), owner},
			};
		}
	}
}

/** Items `from` (0-based) up to `to` of a kind, generated on demand: a page never builds the whole site. */
export function contentPage(
	resource: ContentResource,
	site: {siteId: string; ownerId: string; workbooks: number},
	from: number,
	to: number,
	usage: boolean,
): ContentItem[] {
	return Array.from({length: Math.max(0, to - from)}, (_, offset) => itemAt(resource, site.siteId, site.ownerId, from + offset, site.workbooks, usage));
}

export function contentJson(item: ContentItem): Record<string, unknown> {
	return {...item.attributes, ...item.children};
}

export function contentXml(element: string, item: ContentItem): XmlElement {
	return {
		name: element,
		attributes: item.attributes,
		children: Object.entries(item.children).map(([name, attributes]) => ({name, attributes})),
	};
}
