import {randomBytes} from 'node:crypto';

export type Session = {token: string; tokenName: string; siteId: string; userId: string};

export type TokenLookup =
	| {status: 'active'; session: Session}
	/** Once valid, then ended by sign-out or by another sign-in with the same PAT: Tableau's 401002. */
	| {status: 'ended'}
	/** Missing, or never issued by this server: 401000. */
	| {status: 'unknown'};

export type SessionStore = {
	signIn(tokenName: string, siteId: string, userId: string): Session;
	lookup(token: string | undefined): TokenLookup;
	/** Returns false when the token was not an active session. */
	signOut(token: string): boolean;
	counts(): {activeSessions: number; signIns: number; signOuts: number};
};

/** Shaped like Tableau's tokens (`random|random|site-luid`) so clients never rely on a format. */
function newToken(siteId: string): string {
	return `${randomBytes(16).toString('base64url')}|${randomBytes(24).toString('base64url')}|${siteId}`;
}

export function createSessionStore(): SessionStore {
	const active = new Map<string, Session>();
	const ended = new Set<string>();
	// Tableau allows one session per PAT: the newest sign-in wins.
	const byTokenName = new Map<string, string>();
	let signIns = 0;
	let signOuts = 0;

	function end(token: string): void {
		const session = active.get(token);
		if (!session) {
			return;
		}

		active.delete(token);
		ended.add(token);
		if (byTokenName.get(session.tokenName) === token) {
			byTokenName.delete(session.tokenName);
		}
	}

	return {
		signIn(tokenName, siteId, userId) {
			const previous = byTokenName.get(tokenName);
			if (previous) {
				end(previous);
			}

			const session = {token: newToken(siteId), tokenName, siteId, userId};
			active.set(session.token, session);
			byTokenName.set(tokenName, session.token);
			signIns++;
			return session;
		},
		lookup(token) {
			if (token) {
				const session = active.get(token);
				if (session) {
					return {status: 'active', session};
				}

				if (ended.has(token)) {
					return {status: 'ended'};
				}
			}

			return {status: 'unknown'};
		},
		signOut(token) {
			if (!active.has(token)) {
				return false;
			}

			end(token);
			signOuts++;
			return true;
		},
		counts() {
			return {activeSessions: active.size, signIns, signOuts};
		},
	};
}
