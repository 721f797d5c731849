import {describe, expect, it} from 'vitest';
import {roleLabel, runSummary, userText} from '../../source/verify/labels.js';

describe('roleLabel', () => {
	it.each([
		['SiteAdministratorCreator', 'Site Administrator Creator'],
		['SiteAdministratorExplorer', 'Site Administrator Explorer'],
		['ServerAdministrator', 'Server Administrator'],
		['ExplorerCanPublish', 'Explorer (can publish)'],
		['Creator', 'Creator'],
		['Unlicensed', 'Unlicensed'],
		['ReadOnly', 'Read Only'],
		[null, 'role unknown'],
	])('%s reads "%s"', (raw, label) => {
		expect(roleLabel(raw)).toBe(label);
	});

	it('writes a user with the label', () => {
		expect(userText({id: 'x', name: 'ada@example.com', siteRole: 'SiteAdministratorCreator'})).toBe('ada@example.com (Site Administrator Creator)');
		expect(userText({id: 'luid', name: null, siteRole: null})).toBe('luid (role unknown)');
	});
});

describe('runSummary', () => {
	const run = (profile: string, ok: boolean, code: string | null = ok ? null : 'timeout') => ({profile, ok, diagnosis: code ? ({code} as never) : null});
	it('names failed and interrupted profiles apart', () => {
		expect(runSummary([run('a', true), run('b', false), run('c', false, 'interrupted')], ['a', 'b', 'c'])).toBe(
			'1 of 3 profiles verified; failed: b; interrupted: c.',
		);
		expect(runSummary([run('a', true), null], ['a', 'crashed'])).toBe('1 of 2 profiles verified; failed: crashed.');
	});
});
