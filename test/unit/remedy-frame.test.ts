import {describe, expect, it} from 'vitest';
import {addressToUse} from '../../source/verify/address-to-use.js';
import {flagsTestWords, keyMention, sharedKeys} from '../../source/verify/remedy-frame.js';
import {fakeResult} from '../helpers/verification.js';

describe('sharedKeys: what a warning, read on both result screens, may name', () => {
	it('keeps a key both screens offer with the same key and label', () => {
		const edit = {key: 'e', label: 'edit'};
		expect(sharedKeys({failure: {edit}, success: {edit}})).toEqual({edit});
	});

	it('drops a key one screen lacks, labels that differ, and keys that differ', () => {
		expect(sharedKeys({failure: {edit: {key: 'e', label: 'edit'}}, success: {}})).toEqual({});
		expect(sharedKeys({failure: {retry: {key: 'r', label: 'retry'}}, success: {retry: {key: 'r', label: 'test again'}}})).toEqual({});
		expect(sharedKeys({failure: {retry: {key: 'r', label: 'test'}}, success: {retry: {key: 't', label: 'test'}}})).toEqual({});
	});

	it('names a key one way', () => {
		expect(keyMention({key: 'u', label: 'use the new address'})).toBe('the u key (use the new address)');
	});
});

describe('addressToUse: the one address u moves to', () => {
	const redirected = (address: string) => ({code: 'redirected' as const, title: 't', remediation: [], address});

	it('is the redirected warning address, unless it is the server already', () => {
		expect(addressToUse({...fakeResult({server: 'https://a.example.com'}), warnings: [redirected('https://b.example.com')]})).toBe('https://b.example.com');
		expect(addressToUse({...fakeResult({server: 'https://a.example.com'}), warnings: [redirected('https://a.example.com')]})).toBeNull();
		expect(addressToUse(fakeResult())).toBeNull();
	});

	it("prefers the diagnosis's address (wrong-scheme, redirect-method) to a warning's", () => {
		const failed = fakeResult({code: 'wrong-scheme', server: 'https://a.example.com:8080'});
		const result = {...failed, diagnosis: {...failed.diagnosis!, address: 'http://a.example.com:8080'}, warnings: [redirected('https://b.example.com')]};
		expect(addressToUse(result)).toBe('http://a.example.com:8080');
	});
});

describe('flagsTestWords: the same test, the secret taken as before', () => {
	const values = {server: 'https://a.example.com', tokenName: 'Parable'};
	it('reads the secret from stdin again only when it came from there (or from nowhere known)', () => {
		expect(flagsTestWords({...values, secret: 'stdin'})).toEqual(['--server', 'https://a.example.com', '--token-name', 'Parable', '--token-secret-stdin']);
		expect(flagsTestWords(values)).toContain('--token-secret-stdin');
		expect(flagsTestWords({...values, secret: 'environment'})).not.toContain('--token-secret-stdin');
		expect(flagsTestWords({...values, secret: 'prompt'})).not.toContain('--token-secret-stdin');
	});

	it('keeps an empty site (the Default site), and leaves out a site not given', () => {
		expect(flagsTestWords({...values, site: ''})).toEqual([
			'--server',
			'https://a.example.com',
			'--site',
			'',
			'--token-name',
			'Parable',
			'--token-secret-stdin',
		]);
		expect(flagsTestWords(values)).not.toContain('--site');
	});
});

describe('addressToUse reads the redirected warning, not the first one', () => {
	it('skips warnings of other codes', () => {
		const result = {
			...fakeResult({server: 'https://a.example.com'}),
			warnings: [
				{code: 'plain-http' as const, title: 't', remediation: []},
				{code: 'redirected' as const, title: 't', remediation: [], address: 'https://b.example.com'},
			],
		};
		expect(addressToUse(result)).toBe('https://b.example.com');
	});
});
