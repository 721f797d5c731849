// The wizard's CA file field against the simulator over real HTTPS (issue 11, item 8): the TLS
// remedy names the key, the field checks the file, the test trusts it, and the profile keeps it.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {caFileAccess, caFilesUnder} from '../../source/commands/setup/ca-file-access.js';
import {misplacedSecretMessage} from '../../source/tableau/secret-shape.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {flat, keys, press, resize, typeKeys, waitForFrame} from '../helpers/ink.js';
import {renderWizard} from '../helpers/wizard.js';

let simulator: Simulator;
const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-ca-field-'));

beforeAll(async () => {
	simulator = await startSimulator({scenario: 'tls-self-signed', tls: true});
});

afterAll(async () => {
	await simulator.close();
	rmSync(folder, {recursive: true, force: true});
});

afterEach(() => {
	cleanup();
});

describe('the CA file field', () => {
	test('an untrusted certificate: e goes to the CA file field, a wrong file is refused, the right one passes and is saved', async () => {
		const pem = join(folder, 'company-ca.pem');
		writeFileSync(pem, simulator.certificatePem!);
		const der = join(folder, 'company-ca.der');
		writeFileSync(der, 'binary, not PEM');
		const instance = renderWizard({
			verify: verifyConnection,
			caFiles: caFileAccess,
			initialStep: 'verify',
			initialValues: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret},
		});
		resize(instance, 100, 60);
		let frame = flat(await waitForFrame(instance, '[tls-untrusted-certificate'));
		expect(frame).toContain('Give its path in the CA file field, which the e key (edit) opens; the test then trusts it, and the profile keeps it.');
		expect(frame).not.toContain('--ca-file');

		frame = flat(await press(instance, 'e', '› CA file'));
		expect(frame).toContain('Step 5 of 8 · Server details');
		await typeKeys(instance, der, der);
		frame = flat(await press(instance, keys.enter, 'has no "-----BEGIN CERTIFICATE-----" block'));
		expect(frame, frame).toContain('Step 5 of 8');
		await press(instance, keys.ctrlU, /› CA file +\(optional/);
		await typeKeys(instance, join(folder, 'missing.pem'), 'missing.pem');
		await press(instance, keys.enter, 'There is no file at');
		await press(instance, keys.ctrlU, /› CA file +\(optional/);
		await typeKeys(instance, pem, pem);
		frame = flat(await press(instance, keys.enter, 'Step 7 of 8 · Review'));
		expect(frame).toContain(`CA file ${pem}`);
		await press(instance, keys.enter, '✓ Verified: Parable can connect with this token.');
		await waitForFrame(instance, 'saved in');
		expect(instance.saves.at(-1)!.input).toMatchObject({caFile: pem, server: simulator.url});
	});
});

describe('a CA file gone after it was checked', () => {
	test('Enter on the review checks it again: the field says it is gone, and once it is back the test passes', async () => {
		const pem = join(folder, 'moving-ca.pem');
		writeFileSync(pem, simulator.certificatePem!);
		const instance = renderWizard({
			verify: verifyConnection,
			caFiles: caFileAccess,
			initialStep: 'review',
			initialValues: {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret, caFile: pem},
		});
		await waitForFrame(instance, 'Step 7 of 8 · Review');
		const signIns = simulator.stats().signIns;
		rmSync(pem);
		// Before any request: the test signs out the token's other sessions, so it does not start on a file that is gone.
		const frame = flat(await press(instance, keys.enter, 'CA file needs fixing'));
		expect(frame, frame).toContain('Step 5 of 8');
		expect(simulator.stats().signIns).toBe(signIns);
		writeFileSync(pem, simulator.certificatePem!);
		// Enter on the field reads the file again: it is back, so the wizard goes on, field by field, to the review.
		await press(instance, keys.enter, 'Step 6 of 8');
		await press(instance, keys.enter, '› Token secret');
		await press(instance, keys.enter, '› Profile name');
		await press(instance, keys.enter, 'Step 7 of 8 · Review');
		await press(instance, keys.enter, '✓ Verified: Parable can connect with this token.');
	});
});

describe('the CA file field, as typed', () => {
	test('~ is the home folder, as in a shell; a ~ elsewhere is part of the name', () => {
		const home = mkdtempSync(join(tmpdir(), 'tableau-connect-ca-home-'));
		const files = caFilesUnder(() => home);
		try {
			writeFileSync(join(home, 'ca.pem'), simulator.certificatePem!);
			expect(files.check('~/ca.pem')).toBeNull();
			expect(files.resolve('~/ca.pem')).toBe(join(home, 'ca.pem'));
			expect(files.read('~/ca.pem')).toContain('-----BEGIN CERTIFICATE-----');
			expect(files.resolve('~')).toBe(home);
			expect(files.resolve('x~/ca.pem')).toBe(join(process.cwd(), 'x~', 'ca.pem'));
			expect(files.check('~')).toBe(`${home} cannot be read (EISDIR). Give the path of a PEM file holding your organisation's CA certificate.`);
			expect(files.check('aGVsbG8gdGFibGVhdSBzZXJ2ZXI=:Q2VjaSBuJ2VzdCBwYXMgdW4gc2VjcmV0')).toBe(misplacedSecretMessage('CA file path'));
			expect(files.check('~/missing.pem')).toBe(
				`There is no file at ${join(home, 'missing.pem')}. Give the path of a PEM file holding your organisation's CA certificate.`,
			);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});
});
