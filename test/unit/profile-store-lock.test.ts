// The store's read-modify-write under its lock, in one process and in well under a second: another
// writer (a worker thread standing in for another process) holds the lock and changes the file; our
// save must wait, then read what the other wrote. And removing one profile keeps all the others.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openProfileStore} from '../../source/profiles/store.js';

let directory: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-lock-'));
});

afterEach(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

const profile = (name: string) => ({
	name,
	server: 'https://tableau.example.com',
	site: 'acme',
	tokenName: 'Parable Integration',
	tokenSecret: `secret-of-${name}`,
});

/**
Another writer, in plain JavaScript: takes the lock file as the store does, says so, keeps it for
`holdMs`, adds a copy of `from` named `to` straight into the file, then lets go.
*/
const otherWriter = `
const fs = require('node:fs');
const os = require('node:os');
const {parentPort, workerData} = require('node:worker_threads');
const {file, holdMs, from, to} = workerData;
const lock = file + '.lock';
const descriptor = fs.openSync(lock, 'wx', 0o600);
fs.writeSync(descriptor, JSON.stringify({pid: process.pid, hostname: os.hostname(), token: 'other-writer', since: new Date().toISOString()}));
fs.closeSync(descriptor);
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
const document = JSON.parse(fs.readFileSync(file, 'utf8'));
document.profiles[to] = {...document.profiles[from]};
fs.writeFileSync(file, JSON.stringify(document, null, '\\t'));
fs.rmSync(lock);
`;

async function lockedByAnotherWriter(file: string, holdMs: number, from: string, to: string): Promise<Worker> {
	const worker = new Worker(otherWriter, {eval: true, workerData: {file, holdMs, from, to}});
	await new Promise<void>((resolve, reject) => {
		worker.once('message', () => {
			resolve();
		});
		worker.once('error', reject);
	});
	return worker;
}

describe('profile store: the lock', () => {
	it('a save waits for a lock another writer holds, then keeps what that writer saved', async () => {
		const store = openProfileStore({directory, secretStore: 'file'});
		await store.save(profile('first'));
		const worker = await lockedByAnotherWriter(store.path, 300, 'first', 'theirs');
		try {
			await store.save(profile('mine'));
			expect(store.list().map(saved => saved.name)).toEqual(['first', 'mine', 'theirs']);
			expect(await store.readSecret('theirs')).toBe('secret-of-first');
		} finally {
			await worker.terminate();
		}
	});

	it('so do remove, rename and recording a verification', async () => {
		const store = openProfileStore({directory, secretStore: 'file'});
		await store.save(profile('first'));
		await store.save(profile('second'));
		await store.save(profile('third'));
		const changes: Array<() => unknown> = [
			async () => store.remove('second'),
			async () => store.rename('third', 'renamed'),
			() => {
				store.recordVerification('first', {
					at: new Date().toISOString(),
					ok: true,
					diagnosisCode: null,
					productVersion: '2024.2.1',
					apiVersion: '3.23',
					userName: 'ada',
					siteRole: 'SiteAdministratorCreator',
				});
			},
		];
		for (const [index, change] of changes.entries()) {
			const worker = await lockedByAnotherWriter(store.path, 150, 'first', `theirs${index}`);
			try {
				await change();
			} finally {
				await worker.terminate();
			}
		}

		expect(store.list().map(saved => saved.name)).toEqual(['first', 'renamed', 'theirs0', 'theirs1', 'theirs2']);
		expect(store.get('first')?.lastVerification?.ok).toBe(true);
	});
});

describe('profile store: remove with several profiles saved', () => {
	it('removes only the one named, even when other names start the same', async () => {
		const store = openProfileStore({directory, secretStore: 'file'});
		for (const name of ['acme', 'acme.prod', 'acme2', 'beta', 'Acme.staging']) {
			await store.save(profile(name));
		}

		expect((await store.remove('acme')).removed).toBe(true);
		expect(store.list().map(saved => saved.name)).toEqual(['acme.prod', 'Acme.staging', 'acme2', 'beta']);
		expect((await store.remove('acme')).removed).toBe(false);
		expect((await store.remove('ACME.PROD')).removed).toBe(false);
		const reopened = openProfileStore({directory, secretStore: 'file'});
		const secrets = await Promise.all(reopened.list().map(async saved => [saved.name, await reopened.readSecret(saved.name)]));
		expect(secrets).toEqual([
			['acme.prod', 'secret-of-acme.prod'],
			['Acme.staging', 'secret-of-Acme.staging'],
			['acme2', 'secret-of-acme2'],
			['beta', 'secret-of-beta'],
		]);
	});
});
