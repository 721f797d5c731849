import {describe, expect, it} from 'vitest';
import {homeRemedyFrame} from '../../source/ui/home/keymap.js';
import {diagnose, diagnosisCatalogue, warning, type DiagnosisContext} from '../../source/verify/diagnoses.js';
import {checkLabels} from '../../source/verify/labels.js';
import {accountSettingsSteps, createTokenLines, tokenCautions} from '../../source/verify/token-steps.js';
import {diagnosisCodes, warningCodes} from '../../source/verify/types.js';
import {wizardRemedyFrame} from '../../source/ui/wizard/keymap.js';
import {wizardFrame} from '../helpers/remedy-frames.js';

/*
Every word the product says when a test fails or warns, in every kind of place it is read, written
out in one file (diagnosis-copy.md beside this test). The words are the product: a change to any of
them shows up here as a diff to read, and a word lost by accident fails the test.
*/

const token = {expiresAt: '2027-01-10T12:00:00Z', expiresInDays: 9};

const places: ReadonlyArray<[string, DiagnosisContext]> = [
	[
		'a saved profile on Tableau Server, on the command line (`test NAME`)',
		{
			profile: 'acme-finance',
			server: 'https://tableau.example.com:8443',
			site: 'finance',
			tokenName: 'parable',
			httpStatus: 401,
			tableauCode: '401001',
			detail: 'Error signing in to Tableau Server',
			apiVersion: '3.4',
			productVersion: '2019.2.5',
			retryAfterSeconds: 90,
			redirectedTo: 'https://tableau.example.org/api/3.19/auth/signin',
			redirects: ['https://tableau.example.com:8443/api/3.19/auth/signin', 'https://tableau.example.org/api/3.19/auth/signin'],
			siteRole: 'Explorer',
			timeoutSeconds: 20,
			refused: "the site's users",
			token,
			rerun: {kind: 'saved'},
		},
	],
	[
		'values given as flags on Tableau Cloud, the Default site, the secret from stdin (`test --server …`)',
		{
			profile: null,
			server: 'http://10ay.online.tableau.com',
			site: '',
			tokenName: 'parable',
			httpStatus: 404,
			tableauCode: null,
			timeoutSeconds: 15,
			token: {expiresAt: '2026-12-01T00:00:00Z', expiresInDays: -2},
			rerun: {kind: 'flags', secret: 'stdin'},
		},
	],
	['a command that saved nothing (`profiles add`), with nothing known', {rerun: {kind: 'command'}}],
	[
		"the setup wizard's result screens",
		{profile: 'acme', server: 'https://tableau.example.com', site: 'acme', tokenName: 'parable', siteRole: 'Viewer', token, rerun: wizardFrame},
	],
	[
		'the home screen, after a redirect',
		{
			profile: 'acme',
			server: 'https://online.tableau.com',
			site: 'acme',
			redirectedTo: 'https://10ay.online.tableau.com/api/3.19/auth/signin',
			device: {status: 403, server: 'BigIP', title: 'Access denied', empty: false},
			tableauAnswered: true,
			failedCheck: 'permissions',
			sessionMayBeOpen: true,
			frontDoor: 'tsm',
			rerun: homeRemedyFrame(),
		},
	],
	[
		'a saved profile on plain http:// on its own port, Tableau Server, the Default site (`test NAME`)',
		{
			profile: 'lab',
			server: 'http://tableau.lab.example.com:8000',
			site: '',
			tokenName: 'parable',
			rerun: {kind: 'saved'},
		},
	],
	['a saved profile of which only the name and the Default site are known', {profile: 'ops', site: '', rerun: {kind: 'saved'}}],
	[
		"the demo's result screens (its own keys, no commands), nothing known of the token or the redirect",
		{
			profile: 'demo',
			server: 'https://tableau.example.com',
			site: 'finance',
			tokenName: 'parable',
			failedCheck: 'serverinfo',
			sessionMayBeOpen: true,
			rerun: wizardRemedyFrame(
				{
					extras: [
						{key: 'f', label: 'fix & retry', run() {}},
						{key: 'n', label: 'next fault', successLabel: 'next fault', run() {}},
					],
					finish: 'finish',
				},
				false,
			),
		},
	],
];

function section(title: string, lines: readonly string[]): string {
	return [`### ${title}`, '', ...lines.map(line => `- ${line}`), ''].join('\n');
}

function copyOf(): string {
	const out: string[] = ['# What tableau-connect says when a test fails or warns', ''];
	for (const code of diagnosisCodes) {
		out.push(`## Diagnosis \`${code}\``, '');
		for (const [place, context] of places) {
			const diagnosis = diagnose(code, context);
			out.push(
				section(place, [
					`title: ${diagnosis.title}`,
					`explanation: ${diagnosis.explanation}`,
					...diagnosis.remediation.map(step => `remedy: ${step}`),
					`status ${diagnosis.httpStatus ?? '-'}, Tableau code ${diagnosis.tableauCode ?? '-'}, address ${diagnosis.address ?? '-'}`,
				]),
			);
		}
	}

	for (const code of warningCodes) {
		out.push(`## Warning \`${code}\``, '');
		for (const [place, context] of places) {
			const item = warning(code, context);
			out.push(section(place, [`title: ${item.title}`, ...item.remediation.map(step => `remedy: ${step}`), `address ${item.address ?? '-'}`]));
		}
	}

	out.push(
		'## The catalogue (`describe`, docs/reference.md)',
		'',
		section(
			'every diagnosis: title, then meaning',
			Object.entries(diagnosisCatalogue).map(([code, {title, meaning}]) => `${code}: ${title}. ${meaning}`),
		),
		'## The checks and the token steps',
		'',
		section(
			'check labels',
			Object.entries(checkLabels).map(([id, label]) => `${id}: ${label}`),
		),
		section('account settings', accountSettingsSteps),
		section('create a token', createTokenLines('parable-acme')),
		section(
			'cautions',
			tokenCautions.map(caution => `${caution.title}: ${caution.text}`),
		),
	);
	return out.join('\n');
}

describe('the words of every diagnosis and warning', () => {
	it('name no flag on a screen, where none can be typed, but inside a whole command', () => {
		const screens = places.filter(([, context]) => context.rerun?.kind === 'keys');
		expect(screens).toHaveLength(3);
		for (const [place, context] of screens) {
			const remedies = [
				...diagnosisCodes.flatMap(code => diagnose(code, context).remediation),
				// The --insecure warning is about the flag the run was started with.
				...warningCodes.filter(code => code !== 'insecure-tls').flatMap(code => warning(code, context).remediation),
			];
			for (const remedy of remedies) {
				const outsideCommands = remedy.replaceAll(/`tableau-connect [^`]*`/g, '');
				expect(outsideCommands, `${place}: ${remedy}`).not.toMatch(/--[a-z]/);
			}
		}
	});

	it('offer more time only with the flag that gives it, and a retry where no command runs', () => {
		for (const [place, context] of places) {
			for (const code of ['timeout', 'interrupted'] as const) {
				const slow = diagnose(code, context).remediation.find(step => step.includes('slow server') || step.includes('just slow'));
				expect(slow, `${code} in ${place}`).toBeDefined();
				expect(slow, `${code} in ${place}`).toMatch(/allow more time: .*--timeout \d+|once it is less busy/);
			}
		}
	});

	it('say "it" of content no call named, and send a saved profile\'s site to the command that edits it', () => {
		expect(warning('limited-access', {profile: 'ops', refused: null}).remediation.join(' ')).toContain("the token's user may not list it.");
		expect(warning('limited-access', {profile: 'ops', refused: "the site's views"}).remediation.join(' ')).toContain('may not list them');
		expect(diagnose('invalid-url', {profile: 'ops', rerun: {kind: 'saved'}}).remediation).toContain(
			"If what you have is a site name, it belongs in the profile's site, which `tableau-connect setup --profile ops` changes; ask your Tableau administrator for the server address.",
		);
	});

	it('are those of diagnosis-copy.md, in every place they are read', async () => {
		await expect(copyOf()).toMatchFileSnapshot('./diagnosis-copy.md');
	});
});
