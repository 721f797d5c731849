// The table of `profiles list` and `test --all`: what each column says, and how it fits 80 columns
// without cutting words, and shows more at 120.
import {describe, expect, it} from 'vitest';
import type {CommandIo} from '../../source/commands/core/io.js';
import {renderProfileTable, shortenServer, tableWidth, type ProfileTableRow} from '../../source/commands/core/profile-table.js';

const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
const inDays = (days: number) => ({expiresAt: new Date(now + days * 86_400_000 + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), expiresInDays: days});

const rows: ProfileTableRow[] = [
	{
		name: 'acme-cloud',
		server: 'https://10ay.online.tableau.com',
		site: 'acme',
		tokenName: 'Parable Integration',
		result: 'verified',
		codes: [],
		at: hoursAgo(3),
		token: inDays(177),
	},
	{
		name: 'analytics-eu',
		server: 'https://tableau.eu-west-1.internal.example-corporation.com:8443',
		site: 'finance-quarterly-reporting',
		tokenName: 'Parable Integration (EU)',
		result: 'failed',
		codes: ['site-not-found'],
		at: hoursAgo(50),
		token: null,
	},
	{name: 'staging', server: 'http://tableau.staging.local', site: '', tokenName: 'staging', result: 'never', codes: [], at: null, token: null},
	{
		name: 'soon',
		server: 'https://tableau.example.com',
		site: 'ops',
		tokenName: 'ops token',
		result: 'warned',
		codes: ['token-expiring', 'redirected'],
		at: hoursAgo(0),
		token: inDays(9),
	},
];

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('renderProfileTable', () => {
	it('shows each result, how long ago and the expiry; a pipe (no width) gets every value whole', () => {
		const lines = renderProfileTable(rows, {now});
		expect(lines[0]).toMatch(/^NAME +SERVER +SITE +TOKEN NAME +LAST RESULT +WHEN +TOKEN EXPIRES$/);
		expect(lines[1]).toMatch(/^acme-cloud +10ay\.online\.tableau\.com +acme +Parable Integration +✓ verified +3 hours ago +2026-05-27|^acme-cloud/);
		expect(lines[1]).toContain('✓ verified');
		expect(lines[1]).toContain('3 hours ago');
		expect(lines[1]).toContain('2027-05-27 (177 days)');
		expect(lines[2]).toContain('tableau.eu-west-1.internal.example-corporation.com:8443');
		expect(lines[2]).toContain('✗ site-not-found');
		expect(lines[2]).toContain('2 days ago');
		expect(lines[2]).toMatch(/unknown$/);
		expect(lines[3]).toMatch(/^staging +http:\/\/tableau\.staging\.local +\(Default\) +staging +never tested +— +—$/);
		expect(lines[4]).toContain('! token-expiring');
		expect(lines[4]).not.toContain('redirected');
		expect(lines[4]).toContain('just now');
		expect(lines[4]).toContain('(9 days)');
	});

	it('fits 80 columns: long servers and sites lose whole parts, names and codes stay whole', () => {
		const lines = renderProfileTable(rows, {columns: 80, now});
		for (const line of lines) {
			expect([...line].length, line).toBeLessThanOrEqual(80);
		}

		expect(lines[0]).not.toContain('TOKEN NAME');
		const failed = lines[2]!;
		expect(failed).toMatch(/^analytics-eu /);
		expect(failed).toContain('✗ site-not-found');
		// The host keeps its first label and its port; what went is marked.
		const server = words(failed)[1]!;
		expect(server).toMatch(/^tableau…\./);
		expect(server).toMatch(/:8443$/);
		const site = words(failed)[2]!;
		expect(site.endsWith('…')).toBe(true);
		expect('finance-quarterly-reporting'.startsWith(site.slice(0, -1))).toBe(true);
		expect(site.slice(0, -1)).toMatch(/[-_]$/);
		// The first label and the domain stay; every other cell is whole.
		expect(lines[1]).toContain('10ay….tableau.com');
		expect(lines[3]).toContain('(Default)');
		expect(lines[1]).toContain('2027-05-27');
		expect(lines[1]).not.toContain('(177 days)');
	});

	it('still fits 80 with the longest code and an expired token, the code whole', () => {
		const worst = rows.map(row =>
			row.result === 'failed' ? {...row, codes: ['tls-untrusted-certificate']} : row.result === 'verified' ? {...row, token: inDays(-3)} : row,
		);
		const lines = renderProfileTable(worst, {columns: 80, now});
		for (const line of lines) {
			expect([...line].length, line).toBeLessThanOrEqual(80);
		}

		expect(lines[2]).toContain('✗ tls-untrusted-certificate');
		expect(lines[1]).toMatch(/expired$/);
		expect(lines[2]).toContain('2d ago');
	});

	it('uses more at 120: the token name and the days left come back, and the long server stays readable', () => {
		const lines = renderProfileTable(rows, {columns: 120, now});
		for (const line of lines) {
			expect([...line].length, line).toBeLessThanOrEqual(120);
		}

		const at80 = renderProfileTable(rows, {columns: 80, now});
		expect(lines[1]).toContain('(177 days)');
		expect(words(lines[2]!)[1]!.length).toBeGreaterThan(words(at80[2]!)[1]!.length);
		expect(lines[3]).toContain('(Default)');
	});

	it.for([undefined, 80, 120])('lines every column up under its title (width %s)', columns => {
		const [header, ...body] = renderProfileTable(rows, {now, ...(columns ? {columns} : {})}).map(line => [...line]);
		const starts = header!.flatMap((character, index) =>
			index > 0 && character !== ' ' && header![index - 1] === ' ' && header![index - 2] === ' ' ? [index] : [],
		);
		expect(starts.length).toBeGreaterThanOrEqual(4);
		for (const line of body) {
			for (const start of starts) {
				expect(line[start - 1], line.join('')).toBe(' ');
				expect(line[start], line.join('')).not.toBe(' ');
			}
		}
	});

	it('shortens a server by whole labels, then the first label itself only when nothing else fits', () => {
		expect(shortenServer('a.b.example.com', 40)).toBe('a.b.example.com');
		expect(shortenServer('https://bücher.example (xn--bcher-kva.example)', 22)).toBe('https://bücher.example');
		expect(shortenServer('reports.eu.internal.example.com', 22)).toBe('reports….example.com');
		expect(shortenServer('reports.eu.internal.example.com:8443', 22)).toBe('reports….com:8443');
		expect(shortenServer('reports.eu.internal.example.com', 12)).toBe('reports….com');
		expect(shortenServer('reports.eu.internal.example.com', 9)).toBe('reports…');
		expect(shortenServer('averyveryverylonghostlabel.example.com', 10)).toBe('averyvery…');
	});
});

describe('tableWidth', () => {
	const io = (stdout: {isTTY?: boolean; columns?: number}, env: NodeJS.ProcessEnv = {}) => ({stdout, env}) as unknown as CommandIo;

	it("is a terminal's own width, before COLUMNS", () => {
		expect(tableWidth(io({isTTY: true, columns: 90}, {COLUMNS: '120'}))).toBe(90);
	});

	it('is COLUMNS in a pipe, or on a terminal that gives no width', () => {
		expect(tableWidth(io({columns: 90}, {COLUMNS: '120'}))).toBe(120);
		expect(tableWidth(io({isTTY: true}, {COLUMNS: '100'}))).toBe(100);
	});

	it.for(['', '0', '-5', '80.5', 'wide'])('is no width for COLUMNS=%j, nor without it', columns => {
		expect(tableWidth(io({}, {COLUMNS: columns}))).toBeUndefined();
		expect(tableWidth(io({}))).toBeUndefined();
	});
});
