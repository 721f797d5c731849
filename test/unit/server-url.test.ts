import {describe, expect, it} from 'vitest';
import {isTableauCloud, parseServerInput, parseSiteInput} from '../../source/tableau/server-url.js';

type Accepted = {input: string; server: string; site?: string | null; warnings?: string[]; note?: string; noNotes?: true};
type Refused = {input: string; error: string};

const accepted: Accepted[] = [
	// What people copy from a Tableau Cloud address bar.
	{input: 'https://10ay.online.tableau.com/#/site/acme/workbooks', server: 'https://10ay.online.tableau.com', site: 'acme', note: 'acme'},
	{input: 'https://10ay.online.tableau.com/#/site/acme', server: 'https://10ay.online.tableau.com', site: 'acme'},
	{input: 'https://10ay.online.tableau.com/#/site/acme/', server: 'https://10ay.online.tableau.com', site: 'acme'},
	{
		input: 'https://prod-useast-a.online.tableau.com/#/site/big_co-2/views/Sales/Overview?:iid=1',
		server: 'https://prod-useast-a.online.tableau.com',
		site: 'big_co-2',
	},
	{input: 'https://us-west-2b.online.tableau.com/t/acme/views/Superstore/Overview', server: 'https://us-west-2b.online.tableau.com', site: 'acme'},
	{input: '10az.online.tableau.com', server: 'https://10az.online.tableau.com', site: null, note: 'https://'},
	{input: '10ay.online.tableau.com/#/site/acme/home', server: 'https://10ay.online.tableau.com', site: 'acme'},
	{input: 'https://10AY.Online.Tableau.com/', server: 'https://10ay.online.tableau.com', site: null, noNotes: true},
	{input: 'https://10ay.online.tableau.com/#/site/Acme/home', server: 'https://10ay.online.tableau.com', site: 'Acme'},
	// Cloud has no Default site, so a page without /site/ says nothing about the site.
	{input: 'https://10ay.online.tableau.com/#/projects', server: 'https://10ay.online.tableau.com', site: null, note: 'Ignored'},
	{input: 'https://online.tableau.com', server: 'https://online.tableau.com', site: null, warnings: ['cloud-without-pod']},
	{input: 'online.tableau.com', server: 'https://online.tableau.com', warnings: ['cloud-without-pod']},
	{input: 'https://www.online.tableau.com/#/site/acme', server: 'https://www.online.tableau.com', site: 'acme', warnings: ['cloud-without-pod']},
	{input: 'http://10ay.online.tableau.com', server: 'http://10ay.online.tableau.com', warnings: ['http-for-cloud']},
	{input: 'http://online.tableau.com', server: 'http://online.tableau.com', warnings: ['http-for-cloud', 'cloud-without-pod']},
	// Tableau Server, as people paste it.
	{input: 'https://tableau.example.com', server: 'https://tableau.example.com', site: null, noNotes: true},
	{input: '  https://tableau.example.com/  ', server: 'https://tableau.example.com', site: null, noNotes: true},
	{input: 'https://tableau.example.com/#/site/finance/projects', server: 'https://tableau.example.com', site: 'finance'},
	{input: 'https://tableau.example.com/#/projects', server: 'https://tableau.example.com', site: '', note: 'Default site'},
	{input: 'https://tableau.example.com/#/home', server: 'https://tableau.example.com', site: ''},
	{input: 'https://tableau.example.com/t/finance/views/Budget/Summary', server: 'https://tableau.example.com', site: 'finance'},
	{input: 'https://tableau.example.com/t/finance/', server: 'https://tableau.example.com', site: 'finance'},
	{input: 'https://tableau.example.com/views/Budget/Summary?:showVizHome=no', server: 'https://tableau.example.com', site: ''},
	{input: 'https://tableau.example.com/api/3.19/auth/signin', server: 'https://tableau.example.com', site: null, note: '/api/3.19/auth/signin'},
	{input: 'https://tableau.example.com/signin', server: 'https://tableau.example.com', site: null, note: 'Ignored'},
	{input: 'https://tableau.example.com/#/signin?redirect=x', server: 'https://tableau.example.com', site: null},
	{input: 'https://tableau.example.com?foo=bar', server: 'https://tableau.example.com', site: null, note: '?foo=bar'},
	{input: 'https://tableau.example.com/#', server: 'https://tableau.example.com', noNotes: true},
	{input: 'tableau.example.com', server: 'https://tableau.example.com', note: 'https://'},
	{input: 'tableau.example.com:8443', server: 'https://tableau.example.com:8443'},
	{input: 'https://tableau.example.com:443/', server: 'https://tableau.example.com'},
	{input: 'https://tableau.example.com:8443/#/site/ops/home', server: 'https://tableau.example.com:8443', site: 'ops'},
	{input: 'HTTPS://TABLEAU.EXAMPLE.COM', server: 'https://tableau.example.com'},
	{input: 'https://tableau.example.com.', server: 'https://tableau.example.com'},
	{input: 'https:/tableau.example.com', server: 'https://tableau.example.com'},
	{input: '"https://tableau.example.com"', server: 'https://tableau.example.com', note: 'quotes'},
	{input: '<https://tableau.example.com/>', server: 'https://tableau.example.com'},
	{input: 'https://tableau.example.com\\t\\finance', server: 'https://tableau.example.com', site: 'finance'},
	{input: 'http://tableau.example.com', server: 'http://tableau.example.com', warnings: ['http-plain']},
	{input: 'http://tableau.example.com:443', server: 'http://tableau.example.com:443', warnings: ['http-plain']},
	{input: 'https://tableau', server: 'https://tableau', site: null},
	{input: 'https://tab_srv01.corp.example.com', server: 'https://tab_srv01.corp.example.com'},
	{input: 'https://tableau.exämple.com', server: 'https://tableau.xn--exmple-cua.com'},
	// Addresses on this machine, as the simulator and the tests use them.
	{input: 'localhost', server: 'https://localhost'},
	{input: 'http://localhost:8080', server: 'http://localhost:8080', warnings: []},
	{input: 'http://127.0.0.1:54321/', server: 'http://127.0.0.1:54321', warnings: []},
	{input: '127.0.0.1:8443', server: 'https://127.0.0.1:8443'},
	{input: 'https://10.0.0.12', server: 'https://10.0.0.12'},
	{input: '[::1]:8443', server: 'https://[::1]:8443'},
	{input: 'http://[::1]:8080/#/site/acme', server: 'http://[::1]:8080', site: 'acme', warnings: []},
	{input: 'https://[2001:db8::1]', server: 'https://[2001:db8::1]'},
	{input: 'tabsrv:8000', server: 'https://tabsrv:8000'},
];

const refused: Refused[] = [
	{input: '', error: 'Type the server address'},
	{input: '   ', error: 'Type the server address'},
	{input: 'https://', error: 'no host name'},
	{input: 'http:///#/site/acme', error: 'no host name'},
	{input: 'ftp://tableau.example.com', error: 'use https://'},
	{input: 'tableau://acme', error: 'use https://'},
	{input: 'https://tableau example.com', error: 'cannot contain spaces'},
	{input: 'Acme Corp', error: 'site field'},
	{input: 'acme', error: 'site field'},
	{input: 'acme/#/home', error: 'site name'},
	{input: 'https://user:pass@tableau.example.com', error: 'https://tableau.example.com'},
	{input: 'https://admin@tableau.example.com', error: 'user name and password'},
	{input: 'https://tableau.example.com:99999', error: '1 to 65535'},
	{input: 'https://tableau.example.com:0', error: 'out of range'},
	{input: 'https://tableau.example.com:https', error: 'not a number'},
	{input: 'https://tab!eau.example.com', error: '"!"'},
	{input: 'https://tableau.example.com%2Fx', error: '"%"'},
	{input: 'https://tableau..example.com', error: 'not a valid host name'},
	{input: 'https://-tableau.example.com', error: 'not a valid host name'},
	{input: 'https://999.1.1.1', error: 'not a valid IP address'},
	{input: '8080', error: 'not a valid IP address'},
	{input: '2001:db8::1', error: 'square brackets'},
	{input: 'https://[::1', error: 'IPv6'},
	{input: ':8443', error: 'no host name'},
	{input: 'https://acme.cloudmanager.tableau.com', error: 'Tableau Cloud Manager'},
	{input: 'us-west-2a.cloudmanager.tableau.com/#/tenants', error: 'pod address'},
	{input: 'https://cloudmanager.tableau.com.', error: 'is not one'},
];

describe('parseServerInput accepts what people paste', () => {
	it.each(accepted)('$input', ({input, server, site, warnings, note, noNotes}) => {
		const result = parseServerInput(input);
		if (!result.ok) {
			throw new Error(`refused: ${result.error}`);
		}

		expect(result.server).toBe(server);
		if (site !== undefined) {
			expect(result.site).toBe(site);
		}

		if (warnings !== undefined) {
			expect(result.warnings.map(warning => warning.code)).toEqual(warnings);
		}

		if (note !== undefined) {
			expect(result.notes.join(' ')).toContain(note);
		}

		if (noNotes) {
			expect(result.notes).toEqual([]);
		}

		for (const warning of result.warnings) {
			expect(warning.message.length).toBeGreaterThan(20);
		}
	});
});

describe('parseServerInput refuses what cannot work, and says what to type', () => {
	it.each(refused)('$input', ({input, error}) => {
		const result = parseServerInput(input);
		if (result.ok) {
			throw new Error(`accepted as ${result.server}`);
		}

		expect(result.error).toContain(error);
	});

	it.each(['https://admin:hunter2@tableau.example.com', 'ftp://admin:hunter2@tableau.example.com', 'https://admin:hunter2@'])(
		'never repeats a password from %s',
		input => {
			const result = parseServerInput(input);
			expect(result.ok).toBe(false);
			expect(JSON.stringify(result)).not.toContain('hunter2');
		},
	);

	it('names the cloud pod in the warning for a host without one', () => {
		const result = parseServerInput('https://online.tableau.com');
		expect(result.ok && result.warnings[0]?.message).toContain('https://10ay.online.tableau.com');
	});
});

describe('isTableauCloud', () => {
	it.each([
		['https://10ay.online.tableau.com', true],
		['https://prod-useast-a.online.tableau.com/', true],
		['10az.online.tableau.com', true],
		['https://online.tableau.com', true],
		['https://tableau.example.com', false],
		['https://public.tableau.com', false],
		['https://online.tableau.com.evil.example', false],
		['http://127.0.0.1:8080', false],
		['not a url', false],
	])('%s → %s', (server, expected) => {
		expect(isTableauCloud(server)).toBe(expected);
	});
});

describe('parseSiteInput', () => {
	const cloud = {server: 'https://10ay.online.tableau.com'};
	const onPremises = {server: 'https://tableau.example.com'};

	it.each([
		['acme', 'acme'],
		['  acme  ', 'acme'],
		['big_co-2', 'big_co-2'],
		['Acme', 'Acme'],
		['https://10ay.online.tableau.com/#/site/acme/workbooks', 'acme'],
		['#/site/acme/home', 'acme'],
		['/#/site/acme', 'acme'],
		['site/acme', 'acme'],
		['/t/acme/views/Sales/Overview', 'acme'],
		['tableau.example.com/t/finance/views/Budget', 'finance'],
		['"acme"', 'acme'],
		['/acme/', 'acme'],
	])('%j → %j', (input, site) => {
		const result = parseSiteInput(input, cloud);
		expect(result).toMatchObject({ok: true, site});
	});

	it('treats an empty site as the Default site on Tableau Server', () => {
		const result = parseSiteInput('', onPremises);
		expect(result).toMatchObject({ok: true, site: ''});
		expect(result.ok && result.notes.join(' ')).toContain('Default site');
		expect(parseSiteInput('   ')).toMatchObject({ok: true, site: ''});
	});

	it('reads the Default site from a Tableau Server address bar', () => {
		expect(parseSiteInput('https://tableau.example.com/#/projects', onPremises)).toMatchObject({ok: true, site: ''});
	});

	it('refuses an empty site for Tableau Cloud', () => {
		const result = parseSiteInput('', cloud);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain('/site/');
	});

	it('notes where a pasted address was reduced to its site', () => {
		const result = parseSiteInput('https://10ay.online.tableau.com/#/site/acme/workbooks', cloud);
		expect(result.ok && result.notes.join(' ')).toContain('acme');
	});

	it('warns that "Default" is not the Default site\'s content URL', () => {
		const result = parseSiteInput('Default', onPremises);
		expect(result).toMatchObject({ok: true, site: 'Default'});
		expect(result.ok && result.notes.join(' ')).toContain('leave the site empty');
	});

	it('notes capital letters without refusing them', () => {
		const result = parseSiteInput('Acme');
		expect(result.ok && result.notes.join(' ')).toContain('capital');
	});

	it('refuses a display name and points at the address bar, with a hedged example', () => {
		const result = parseSiteInput('Acme Corp', cloud);
		expect(result.ok).toBe(false);
		const error = result.ok ? '' : result.error;
		expect(error).toContain('display name');
		expect(error).toContain('acme-corp');
		expect(error).toContain('address bar');
		expect(error).toContain('/site/');
	});

	it.each([
		['acme.corp', '"."'],
		['acme%20corp', '"%"'],
		['ac/me', '"/"'],
		['Acme & Co', 'display name'],
	])('refuses %j', (input, message) => {
		const result = parseSiteInput(input);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain(message);
	});

	it('refuses a server address with no site in it', () => {
		const result = parseSiteInput('https://10ay.online.tableau.com', cloud);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toContain('does not show a site');
	});
});

describe('parseServerInput, exactly', () => {
	it.each(['datasources', 'explore', 'collections', 'flows', 'metrics'])('reads the Default site from a Tableau Server page under #/%s', route => {
		const result = parseServerInput(`https://tableau.example.com/#/${route}`);
		expect(result).toEqual({
			ok: true,
			server: 'https://tableau.example.com',
			site: '',
			notes: [`The address (/#/${route}) shows a page of the Default site, so the site is left empty; only the host is kept as the server.`],
			warnings: [],
		});
	});

	it('keeps a site it cannot decode out of the result, and says the path was ignored', () => {
		const result = parseServerInput('https://tableau.example.com/#/site/%E0%A4%A/home');
		expect(result).toEqual({
			ok: true,
			server: 'https://tableau.example.com',
			site: null,
			notes: ['Ignored "/#/site/%E0%A4%A/home": requests go to the server root, where the REST API lives, so only the host is kept.'],
			warnings: [],
		});
	});

	it.each(['tabsrv1', '1tabsrv', 'a1b'])('takes %s, a word without a dot, for a site name, digits or not', input => {
		expect(parseServerInput(input)).toEqual({
			ok: false,
			error: `"${input}" has no dot in it, so it looks like a site name rather than a server address. If it is your site, type it in the site field and type the server as in your browser's address bar, for example https://10ay.online.tableau.com or https://tableau.example.com. If it is a short internal host name, type it with https:// in front.`,
		});
	});

	it('repeats a port of up to five characters that is not a number', () => {
		expect(parseServerInput('https://tableau.example.com:https')).toEqual({
			ok: false,
			error: 'The port "https" is not a number. Type the address as https://tableau.example.com:PORT with a port from 1 to 65535, or leave the port out.',
		});
	});

	it('does not repeat a longer part after the colon, which may be something pasted by mistake', () => {
		expect(parseServerInput('https://tableau.example.com:hunter')).toEqual({
			ok: false,
			error:
				'The part after the colon is not a number. Type the address as https://tableau.example.com:PORT with a port from 1 to 65535, or leave the port out.',
		});
	});

	it.each(['1.2.3', '10.0.0.1.5', '127.1'])('refuses %s, an IPv4 address without four numbers, though URL would read it', input => {
		expect(parseServerInput(`https://${input}`)).toEqual({
			ok: false,
			error: `"${input}" is not a valid IP address: an IPv4 address has four numbers from 0 to 255, for example https://10.0.0.12.`,
		});
	});
});
