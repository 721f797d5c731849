// What the store says about a file in the wrong shape: the whole message, since it is all the
// person has to go on (test/unit/profile-store.test.ts checks that such a file is never rewritten).
import {describe, expect, it} from 'vitest';
import {parseStoreText} from '../../source/profiles/store-document.js';
import {ProfileStoreError} from '../../source/profiles/store-error.js';

const file = '/home/ada/.config/tableau-connect/profiles.json';
const advice = `Move it aside and run the command again (the old file stays for you to inspect): mv ${file} ${file}.bak`;
const shapeMessage = (fault: string) =>
	`The profile store ${file} is valid JSON but not in the shape tableau-connect expects: ${fault}. Correct that by hand, or start again. ${advice}`;

const fields = {server: 'https://x', site: '', tokenName: 'n', tokenSecret: 's', createdAt: 't', updatedAt: 't'};
const withProfile = (entry: unknown) => JSON.stringify({schemaVersion: 1, profiles: {acme: entry}});
const withVerification = (lastVerification: unknown) => withProfile({...fields, lastVerification});
const verification = {at: 't', ok: true, diagnosisCode: null, productVersion: null, apiVersion: null, userName: null, siteRole: null};

function parseError(text: string): ProfileStoreError {
	try {
		parseStoreText(text, file);
	} catch (error) {
		expect(error).toBeInstanceOf(ProfileStoreError);
		return error as ProfileStoreError;
	}

	throw new Error('parseStoreText accepted the text');
}

describe('parseStoreText: the document', () => {
	it.each([
		['an array', '[]'],
		['null', 'null'],
		['a number', '7'],
	])('refuses %s as the whole file', (_label, text) => {
		const error = parseError(text);
		expect(error.reason).toBe('invalid-schema');
		expect(error.message).toBe(shapeMessage('the file must hold a JSON object'));
	});

	it.each([
		['a string', '"1"'],
		['a fraction', '1.5'],
		['zero', '0'],
		['a negative number', '-1'],
	])('refuses %s as the schemaVersion', (_label, version) => {
		expect(parseError(`{"schemaVersion":${version},"profiles":{}}`).message).toBe(
			shapeMessage('"schemaVersion" must be a whole number (1 or 2 for this release)'),
		);
	});

	it.each([
		['an array', '[]'],
		['null', 'null'],
		['a string', '"acme"'],
	])('refuses %s as the profiles', (_label, profiles) => {
		expect(parseError(`{"schemaVersion":1,"profiles":${profiles}}`).message).toBe(shapeMessage('"profiles" must be an object with one entry per profile'));
	});

	it('says an empty file is empty, and nothing more precise than it can know', () => {
		const error = parseError('');
		expect(error.reason).toBe('corrupt');
		expect(error.message).toBe(`The profile store ${file} is not valid JSON (the file is empty), so your saved profiles cannot be read. ${advice}`);
	});
});

describe('parseStoreText: one profile', () => {
	it.each([
		['an array', []],
		['null', null],
		['a string', 'acme'],
	])('refuses %s as a profile', (_label, entry) => {
		expect(parseError(withProfile(entry)).message).toBe(shapeMessage('profile "acme": must be an object'));
	});

	it.each([
		['an array', []],
		['a string', 'yesterday'],
	])('refuses %s as the last verification', (_label, lastVerification) => {
		expect(parseError(withVerification(lastVerification)).message).toBe(shapeMessage('profile "acme": "lastVerification" must be an object or null'));
	});

	it('refuses a last verification without its time', () => {
		const {at: _at, ...noTime} = verification;
		expect(parseError(withVerification(noTime)).message).toBe(shapeMessage('profile "acme": "lastVerification.at" must be a string'));
	});

	it.each(['diagnosisCode', 'productVersion', 'apiVersion', 'userName', 'siteRole'])('refuses a number as lastVerification.%s', field => {
		expect(parseError(withVerification({...verification, [field]: 3})).message).toBe(
			shapeMessage(`profile "acme": "lastVerification.${field}" must be a string or null`),
		);
	});

	it('accepts a last verification with every optional field null, and one that is null', () => {
		expect(parseStoreText(withVerification(verification), file).profiles['acme']?.lastVerification).toEqual(verification);
		expect(parseStoreText(withVerification(null), file).profiles['acme']?.lastVerification).toBeNull();
	});
});
