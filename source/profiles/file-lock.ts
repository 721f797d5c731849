import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import process from 'node:process';

/** How long to wait for a lock, and when a lock nobody releases counts as abandoned. */
export type LockOptions = {
	/** Give up after this long; default 10 s. */
	timeoutMs?: number;
	/** A lock older than this is taken over even if its process seems alive; default 10 s. */
	staleMs?: number;
};

/** Who holds a lock, as written in the lock file. */
export type LockOwner = {pid: number; hostname: string; token: string; since: string};

/** Thrown when the lock stays taken past the timeout; says who holds it. */
export class LockTimeoutError extends Error {
	override readonly name = 'LockTimeoutError';

	constructor(
		readonly lockPath: string,
		readonly owner: LockOwner | undefined,
	) {
		super(`Timed out waiting for ${lockPath}`);
	}
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

// The store's API is synchronous (conf is), so waiting blocks the thread; the waits are milliseconds.
function sleepSync(milliseconds: number): void {
	Atomics.wait(sleepCell, 0, 0, milliseconds);
}

/**
Runs `action` while holding an exclusive lock file next to the store, so that two processes doing
read-modify-write on the store take turns instead of overwriting each other's changes.

The lock is a file created with `wx` (fails if it exists), owner-only. A lock left by a process that
died (same host, pid gone) or older than `staleMs` is taken over. Waiting backs off from 2 ms to
100 ms with jitter.
*/
export function withFileLock<T>(lockPath: string, action: () => T, options: LockOptions = {}): T {
	const token = acquire(lockPath, options.timeoutMs ?? 10_000, options.staleMs ?? 10_000);
	try {
		return action();
	} finally {
		release(lockPath, token);
	}
}

function acquire(lockPath: string, timeoutMs: number, staleMs: number): string {
	const token = randomBytes(8).toString('hex');
	const owner: LockOwner = {pid: process.pid, hostname: os.hostname(), token, since: new Date().toISOString()};
	const deadline = Date.now() + timeoutMs;
	let delay = 2;
	for (;;) {
		if (tryCreate(lockPath, owner)) {
			return token;
		}

		if (takeOverIfStale(lockPath, staleMs)) {
			continue;
		}

		if (Date.now() >= deadline) {
			throw new LockTimeoutError(lockPath, readOwner(lockPath));
		}

		sleepSync(delay / 2 + Math.random() * delay);
		delay = Math.min(delay * 2, 100);
	}
}

function tryCreate(lockPath: string, owner: LockOwner): boolean {
	let descriptor: number;
	try {
		descriptor = fs.openSync(lockPath, 'wx', 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			return false;
		}

		throw error;
	}

	try {
		// A umask that takes away the owner's read bit would leave us unable to recognise our own lock.
		fs.fchmodSync(descriptor, 0o600);
		fs.writeSync(descriptor, JSON.stringify(owner));
	} catch (error) {
		closeQuietly(descriptor);
		fs.rmSync(lockPath, {force: true});
		throw error;
	}

	fs.closeSync(descriptor);
	return true;
}

function closeQuietly(descriptor: number): void {
	try {
		fs.closeSync(descriptor);
	} catch {
		// The write already failed; that is the error worth reporting.
	}
}

function release(lockPath: string, token: string): void {
	// If we were slow enough for another process to take the lock over, the file is theirs now.
	if (readOwner(lockPath)?.token === token) {
		fs.rmSync(lockPath, {force: true});
	}
}

/**
Removes the lock when its owner is gone or it is too old; returns true when the caller should try
to create the lock again at once.
*/
function takeOverIfStale(lockPath: string, staleMs: number): boolean {
	const seen = statOrUndefined(lockPath);
	if (!seen) {
		return true;
	}

	const owner = readOwner(lockPath);
	const ownerDied = owner !== undefined && owner.hostname === os.hostname() && !isAlive(owner.pid);
	if (!ownerDied && Date.now() - seen.mtimeMs < staleMs) {
		return false;
	}

	// Two waiters may judge the same lock stale. Renaming is atomic, so only one of them moves it;
	// the other finds nothing (ENOENT) or, if a new lock appeared in between, moves that one and
	// must notice it is not the stale file and put it back.
	const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		fs.renameSync(lockPath, aside);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return true;
		}

		throw error;
	}

	const moved = statOrUndefined(aside);
	const sameFile = moved !== undefined && moved.ino === seen.ino && moved.mtimeMs === seen.mtimeMs && readOwner(aside)?.token === owner?.token;
	if (!sameFile) {
		try {
			fs.linkSync(aside, lockPath);
		} catch {
			// Someone created a lock in the instant the path was free; theirs stands.
		}
	}

	fs.rmSync(aside, {force: true});
	return sameFile;
}

function statOrUndefined(target: string): fs.Stats | undefined {
	try {
		return fs.statSync(target);
	} catch {
		return undefined;
	}
}

/** The owner recorded in a lock file; undefined when it is gone, empty (being written) or unreadable. */
export function readOwner(lockPath: string): LockOwner | undefined {
	try {
		const value = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
		if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string') {
			return {pid: value.pid, hostname: value.hostname, token: value.token, since: String(value.since)};
		}
	} catch {
		// Treated as "owner unknown": only its age can make such a lock stale.
	}

	return undefined;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
