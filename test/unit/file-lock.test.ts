// The lock file on its own, at the moments a race between processes would hit: a lock that vanishes,
// a stale one taken over with no time left to wait, a new lock appearing while a stale one is moved
// aside, a lock file that cannot be written. The races are staged by making one fs call do, at that
// instant, what the other process would have done.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {LockTimeoutError, readOwner, withFileLock, type LockOwner} from '../../source/profiles/file-lock.js';

let directory: string;
let lockPath: string;

beforeEach(() => {
	directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tableau-connect-lock-'));
	lockPath = path.join(directory, 'profiles.json.lock');
});

afterEach(() => {
	vi.restoreAllMocks();
	fs.rmSync(directory, {recursive: true, force: true});
});

const live = (token: string): LockOwner => ({pid: process.pid, hostname: os.hostname(), token, since: '2026-01-01T00:00:00.000Z'});

function writeLock(owner: LockOwner, ageMs = 0): void {
	fs.writeFileSync(lockPath, JSON.stringify(owner), {mode: 0o600});
	const time = (Date.now() - ageMs) / 1000;
	fs.utimesSync(lockPath, time, time);
}

function timeout(action: () => unknown): LockTimeoutError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(LockTimeoutError);
		return error as LockTimeoutError;
	}

	throw new Error('the lock was acquired');
}

describe('withFileLock', () => {
	it('gives up on a live holder with an error that names itself, the lock and who holds it', () => {
		writeLock(live('held'));
		const error = timeout(() => withFileLock(lockPath, () => 'ran', {timeoutMs: 0, staleMs: 60_000}));
		expect(String(error)).toBe(`LockTimeoutError: Timed out waiting for ${lockPath}`);
		expect(error.lockPath).toBe(lockPath);
		expect(error.owner).toEqual(live('held'));
	});

	it('takes a lock whose holder died at once, even with no time left to wait', () => {
		const dead = spawnSync(process.execPath, ['-e', '']).pid!;
		writeLock({...live('dead'), pid: dead});
		expect(withFileLock(lockPath, () => readOwner(lockPath)?.pid, {timeoutMs: 0, staleMs: 60_000})).toBe(process.pid);
		expect(fs.readdirSync(directory)).toEqual([]);
	});

	it('tries again at once when the lock it found taken is gone a moment later', () => {
		vi.spyOn(fs, 'openSync').mockImplementationOnce(() => {
			throw Object.assign(new Error('EEXIST: file already exists'), {code: 'EEXIST'});
		});
		expect(withFileLock(lockPath, () => 'ran', {timeoutMs: 0, staleMs: 60_000})).toBe('ran');
		expect(fs.existsSync(lockPath)).toBe(false);
	});

	it('leaves a new lock that appeared while it moved a stale one aside, and waits for it', () => {
		writeLock({...live('stale'), hostname: 'elsewhere'}, 120_000);
		const rename = fs.renameSync.bind(fs);
		vi.spyOn(fs, 'renameSync').mockImplementationOnce((from, to) => {
			// Another waiter took the stale lock over and created its own in the meantime.
			fs.rmSync(lockPath);
			writeLock(live('newcomer'));
			rename(from, to);
		});
		const action = vi.fn();
		const error = timeout(() => withFileLock(lockPath, action, {timeoutMs: 0, staleMs: 60_000}));
		expect(action).not.toHaveBeenCalled();
		expect(error.owner?.token).toBe('newcomer');
		expect(readOwner(lockPath)?.token).toBe('newcomer');
		expect(fs.readdirSync(directory)).toEqual(['profiles.json.lock']);
	});

	it('a lock file that cannot be written is closed and removed, and the write error is the one reported', () => {
		const open = vi.spyOn(fs, 'openSync');
		const close = vi.spyOn(fs, 'closeSync');
		const failure = Object.assign(new Error('ENOSPC: no space left on device'), {code: 'ENOSPC'});
		vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
			throw failure;
		});
		expect(() => withFileLock(lockPath, () => 'ran')).toThrow(failure);
		const descriptor = open.mock.results[0]?.value as number;
		expect(close).toHaveBeenCalledWith(descriptor);
		expect(fs.existsSync(lockPath)).toBe(false);
	});

	it('reports the write error even when the half-written lock is already gone', () => {
		const failure = Object.assign(new Error('EIO: i/o error, write'), {code: 'EIO'});
		vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
			// Taken over as stale by another process, which removed it, at that instant.
			fs.rmSync(lockPath);
			throw failure;
		});
		expect(() => withFileLock(lockPath, () => 'ran')).toThrow(failure);
		expect(fs.existsSync(lockPath)).toBe(false);
	});
});
