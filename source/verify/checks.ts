import {setTimeout as sleep} from 'node:timers/promises';
import {compareVersions, minimumPatApiVersion} from '../tableau/api-version.js';
import {TableauApiError, type ContentTotal, type ServerInfo, type Session, type SessionUser, type TableauClient, type UsersPage} from '../tableau/client.js';
import {retryDelayMs, type RetryPolicy} from '../tableau/retry.js';
import {StoppedForCaller, type Transport} from '../tableau/transport.js';
import type {RunContext} from './classify.js';
import {roleLabel} from './labels.js';
import {diagnose, warning} from './diagnoses.js';
import {describeAccess, expiresIn, isAdminRole, isExpiringSoon, joinAnd, tokenExpiryOf} from './findings.js';
import type {Access, CheckId, CheckStatus, Diagnosis, TokenExpiry, Warning} from './types.js';

/** The calls that leave together once signed in: who am I, the users page, the content totals, sign-out last. */
export type RoundTwo = {
	user: Promise<SessionUser>;
	users: Promise<UsersPage>;
	workbooks: Promise<ContentTotal>;
	views: Promise<ContentTotal>;
	datasources: Promise<ContentTotal>;
	signOut: Promise<void>;
};

/**
What a run knows: set up before the first check, then filled in by each check in turn. A check reads
what the earlier ones found and adds its own findings; nothing else changes it.
*/
export type RunState = {
	readonly client: TableauClient;
	readonly transport: Transport;
	readonly context: RunContext;
	readonly server: string;
	readonly site: string;
	readonly tokenName: string;
	readonly insecure: boolean;
	/** `--api-version`, when the person forced one. */
	readonly forcedApiVersion: string | null;
	readonly validUrl: boolean;
	/** Why the address is refused before any request (a Tableau Cloud Manager host), or null. */
	readonly refusal: string | null;
	/** Round one, sent before the first check: serverinfo and sign-in together. */
	readonly serverInfoRequest: Promise<ServerInfo>;
	readonly signInRequest: Promise<Session>;
	/** The same sign-in again, for calls that must be sent again in a new session. */
	readonly signInAgain: () => Promise<Session>;
	/** Ctrl-C: no check starts after it, and no new session is opened. */
	readonly signal: AbortSignal | undefined;
	/** How long a "later" may be waited out: the transport's policy. */
	readonly retryPolicy: RetryPolicy;
	readonly warnings: Warning[];
	readonly now: () => number;
	/** Fewer whole days left than this warns `token-expiring` (`--expiry-warning-days`). */
	readonly expiryWarningDays: number;
	apiVersion: string | null;
	serverInfo: ServerInfo | null;
	roundTwo: RoundTwo | null;
	user: SessionUser | null;
	usersTotal: number | null;
	token: TokenExpiry | null;
	access: Access | null;
	diagnosis: Diagnosis | null;
	/** Set when round two had to sign in again, and why. */
	secondSession: SecondSession | null;
};

export type CheckOutcome = {status?: CheckStatus; summary: string};

/** One check of docs/reference.md: why it would not run after what came before (null: it runs), and what it does. */
export type Check = {
	id: CheckId;
	skipped(state: RunState): string | null;
	run(state: RunState): Promise<CheckOutcome>;
};

/** A check's own verdict, as opposed to an error thrown by the client. */
export class CheckFailed extends Error {
	constructor(readonly diagnosis: Diagnosis) {
		super(diagnosis.title);
	}
}

/** Whether anything can be sent to `server` at all. */
export function isUsableOrigin(server: string): boolean {
	try {
		const url = new URL(server);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** 1. The connection: TCP and TLS, or the first answer when a proxy hides the handshake. */
export const reachCheck: Check = {
	id: 'reach',
	skipped: () => null,
	async run(state) {
		if (!state.validUrl) {
			throw new CheckFailed(diagnose('invalid-url', {...state.context, advice: state.refusal}));
		}

		await Promise.race([state.transport.firstConnection, state.serverInfoRequest.then(() => undefined)]);
		const {host, protocol} = new URL(state.server);
		const tls = protocol === 'https:' ? (state.insecure ? ', TLS NOT verified' : ', TLS verified') : ', no TLS';
		return {summary: `Connected to ${host}${tls}`};
	},
};

/** 2. Is it Tableau, and which version: the REST API version later calls use. */
export const serverInfoCheck: Check = {
	id: 'serverinfo',
	skipped: state => (state.diagnosis ? 'Skipped: the server was not reached' : null),
	async run(state) {
		const {context, forcedApiVersion} = state;
		const info = await state.serverInfoRequest.catch(async (error: unknown) => {
			// 404001 at 3.6 means an older server: ask at 2.4 only to name its version in the diagnosis.
			if (error instanceof TableauApiError && error.tableauCode === '404001' && !forcedApiVersion) {
				const old = await state.client.serverInfo('2.4').catch(() => null);
				context.productVersion = old?.productVersion ?? null;
				context.apiVersion = old?.restApiVersion ?? null;
			}

			throw error;
		});
		state.serverInfo = info;
		context.tableauAnswered = true;
		context.productVersion = info.productVersion;
		context.apiVersion = info.restApiVersion;
		if (!forcedApiVersion && compareVersions(info.restApiVersion, minimumPatApiVersion) < 0) {
			throw new CheckFailed(diagnose('api-version-unsupported', context));
		}

		state.apiVersion ??= info.restApiVersion;
		const moved = info.origin === state.server ? '' : ` at ${info.origin}, where the server sent us`;
		return {summary: `Tableau ${info.productVersion ?? '(version not given)'}, REST API ${info.restApiVersion}${moved}`};
	},
};

type SessionCalls = Omit<RoundTwo, 'signOut'>;

/** A 429 or 503: the server's "later". */
function isLater(error: unknown): error is TableauApiError {
	return error instanceof TableauApiError && (error.status === 429 || error.status === 503);
}

/**
Tableau's "this session is over" (401002, or 401000) on a call of the first session. Tableau Cloud
rejects a brand-new session now and then (a new sign-in works), and a server that closes connections
may have acted on our own sign-out before the calls ahead of it were answered: neither is another
sign-in with the token, so only the second session's answer counts.
*/
function isSessionOver(error: unknown): error is TableauApiError {
	return (
		error instanceof TableauApiError &&
		error.status === 401 &&
		(error.tableauCode === '401002' || error.tableauCode === '401000') &&
		error.body.kind === 'tableau'
	);
}

/** Why round two needed a second session, for the permissions check's summary. */
export type SecondSession = 'later' | 'session-over';

/** `waitOutLater: false` when the sign-out goes right behind the calls: it ends the session before "later" comes. */
function sendCalls(client: TableauClient, session: Session, version: string, options: {waitOutLater: boolean}): SessionCalls {
	return {
		user: client.currentUser(session, version, options),
		users: client.listUsers(session, version, options),
		workbooks: client.contentTotal(session, version, 'workbooks', options),
		views: client.contentTotal(session, version, 'views', options),
		datasources: client.contentTotal(session, version, 'datasources', options),
	};
}

/**
Sign-out in the same flight as the calls, once: when the connection drops, the calls ahead of it
are sent again, and a sign-out sent again too could overtake them and end their session. So a
sign-out that did not get through waits for their answers, and then goes again.
*/
async function endSession(client: TableauClient, session: Session, version: string, calls: SessionCalls): Promise<void> {
	await client.signOut(session, version, {once: true}).catch(async (error: unknown) => {
		// Any other failure (a timeout, an error answer) is the sign-out's answer: sending it again would only wait twice.
		if (!(error instanceof StoppedForCaller)) {
			throw error;
		}

		await Promise.allSettled(Object.values(calls));
		await client.signOut(session, version);
	});
}

/**
Sends round two on the one connection: every call after sign-in, with sign-out right behind them in
the same flight, so a run stays three round trips. The server answers in order, so the calls are
answered before the session ends. A call answered "later" (429, 503) would be retried in a session
that is over by then, and read as session-invalidated: so once the first session has ended and the
server's Retry-After has passed, the calls go again in a new session, where they are retried as any
request is, and sign-out waits for their answers (one more round trip, only then).
*/
function sendRoundTwo(state: RunState, session: Session, version: string): RoundTwo {
	const {client} = state;
	const first = sendCalls(client, session, version, {waitOutLater: false});
	const firstSignOut = endSession(client, session, version, first);
	let second: Promise<{calls: SessionCalls; signOut: Promise<void>}> | undefined;
	const {signal} = state;
	const again = async (later: TableauApiError) => {
		const delay = isLater(later) ? retryDelayMs(state.retryPolicy, 1, later.retryAfter ?? undefined, 0) : 0;
		// After Ctrl-C no new session is opened: the "later" is the answer.
		if (delay === null || signal?.aborted) {
			throw later;
		}

		state.secondSession ??= isLater(later) ? 'later' : 'session-over';
		second ??= (async () => {
			await firstSignOut.catch(() => {});
			await sleep(delay, undefined, signal ? {signal} : {}).catch(() => {
				throw later;
			});
			if (signal?.aborted) {
				throw later;
			}

			const fresh = await state.signInAgain();
			// This time the calls wait out "later" as any request does, and sign-out follows their answers.
			const calls = sendCalls(client, fresh, version, {waitOutLater: true});
			const signOut = (async () => {
				await Promise.allSettled(Object.values(calls));
				await client.signOut(fresh, version);
			})();
			return {calls, signOut};
		})();
		return (await second).calls;
	};

	const retried = <K extends keyof SessionCalls>(key: K): SessionCalls[K] =>
		first[key].catch(async (error: unknown) => {
			if (!isLater(error) && !isSessionOver(error)) {
				throw error;
			}

			return (await again(error))[key];
		}) as SessionCalls[K];
	const calls: SessionCalls = {
		user: retried('user'),
		users: retried('users'),
		workbooks: retried('workbooks'),
		views: retried('views'),
		datasources: retried('datasources'),
	};
	const endBoth = async () => {
		const ended = await Promise.allSettled([
			firstSignOut,
			(async () => {
				// Every call has its answer, so a second session, if one was needed, is known by now.
				await Promise.allSettled(Object.values(calls));
				const opened = await second?.catch(() => null);
				await opened?.signOut;
			})(),
		]);
		const failure = ended.find(outcome => outcome.status === 'rejected');
		if (failure) {
			throw failure.reason;
		}
	};

	const roundTwo: RoundTwo = {...calls, signOut: endBoth()};
	for (const pending of Object.values(roundTwo)) {
		(pending as Promise<unknown>).catch(() => {});
	}

	return roundTwo;
}

/** 3. Sign in with the token; keep the session, where it lives and when the token expires. */
export const signInCheck: Check = {
	id: 'signin',
	skipped: state => (state.diagnosis ? 'Skipped: no usable Tableau REST API' : null),
	async run(state) {
		const session = await state.signInRequest;
		state.roundTwo = sendRoundTwo(state, session, state.apiVersion!);
		let status: CheckStatus = 'ok';
		const notes: string[] = [];
		if (session.redirectedFrom) {
			state.context.redirectedTo = session.server;
			state.warnings.push(warning('redirected', state.context));
			notes.push(` (redirected to ${session.server})`);
			status = 'warn';
		}

		state.token = tokenExpiryOf(session.estimatedTimeToExpiration, state.now());
		// The expiry is in `token` and in every verdict; the check line names it only when it is near.
		if (isExpiringSoon(state.token, state.expiryWarningDays)) {
			notes.push(`; the token expires ${expiresIn(state.token!)}`);
			state.warnings.push(warning('token-expiring', {...state.context, token: state.token}));
			status = 'warn';
		}

		const siteName = state.site === '' ? 'the Default site' : `site "${session.siteContentUrl}"`;
		return {status, summary: `Signed in to ${siteName} with token "${state.tokenName}"${notes.join('')}`};
	},
};

/** 4. Who signed in, with which site role, and the page of users the doc's "Test API" step lists. */
export const permissionsCheck: Check = {
	id: 'permissions',
	skipped: state => (state.roundTwo === null ? 'Skipped: not signed in' : null),
	async run(state) {
		const me = await state.roundTwo!.user;
		state.user = me;
		state.context.siteRole = me.siteRole;
		const page = await state.roundTwo!.users;
		state.usersTotal = page.totalAvailable;
		const role = roleLabel(me.siteRole);
		const total =
			(page.totalAvailable === null ? '' : `; the site has ${page.totalAvailable} user${page.totalAvailable === 1 ? '' : 's'}`) +
			secondSessionNote(state.secondSession);
		if (!isAdminRole(me.siteRole)) {
			state.warnings.push(warning('not-site-admin', state.context));
			return {status: 'warn', summary: `Signed in as ${me.name ?? me.id} (${role}), below Site Administrator${total}`};
		}

		return {summary: `Signed in as ${me.name ?? me.id} (${role})${total}`};
	},
};

function secondSessionNote(reason: SecondSession | null): string {
	switch (reason) {
		case 'session-over': {
			return '; signed in a second time, because Tableau ended the first session at once (401002), as it now and then does with a brand-new one';
		}

		case 'later': {
			return '; signed in a second time, because the server asked to wait (429 or 503) and the first session had ended by then';
		}

		default: {
			return '';
		}
	}
}

type Counted = {total: ContentTotal} | {refused: TableauApiError};

/** A 403 is an answer about access; any other failure is the run's failure, as in any check. */
async function counted(request: Promise<ContentTotal>): Promise<Counted> {
	try {
		return {total: await request};
	} catch (error) {
		if (error instanceof TableauApiError && error.status === 403) {
			return {refused: error};
		}

		throw error;
	}
}

function countOf(result: Counted): number | null {
	return 'total' in result ? result.total.totalAvailable : null;
}

/** 5. What Parable will read: the totals of workbooks, views (with usage) and data sources. */
export const contentCheck: Check = {
	id: 'content',
	skipped: state => (state.roundTwo === null ? 'Skipped: not signed in' : state.diagnosis ? 'Skipped: the role check failed' : null),
	async run(state) {
		const {roundTwo, context} = state;
		// All three settle before any is judged, so a failure never leaves an answer unread on the connection.
		const settled = await Promise.allSettled([counted(roundTwo!.workbooks), counted(roundTwo!.views), counted(roundTwo!.datasources)]);
		const failure = settled.find(result => result.status === 'rejected');
		if (failure) {
			throw failure.reason;
		}

		const [workbooks, views, datasources] = settled.map(result => (result as PromiseFulfilledResult<Counted>).value) as [Counted, Counted, Counted];
		state.access = {
			workbooks: countOf(workbooks),
			views: countOf(views),
			datasources: countOf(datasources),
			users: state.usersTotal,
			usageStatistics: 'total' in views ? views.total.usageStatistics : null,
		};
		const refusals = (
			[
				['workbooks', workbooks],
				['views', views],
				['data sources', datasources],
			] as const
		).filter(([, result]) => 'refused' in result);
		const first = refusals[0]?.[1];
		const refusalContext = (refused: string) =>
			first && 'refused' in first
				? {...context, refused, httpStatus: first.refused.status, tableauCode: first.refused.tableauCode, detail: first.refused.detail}
				: {...context, refused};
		if ('refused' in workbooks) {
			// Without workbooks Parable has nothing to show: that is no longer a partial view.
			throw new CheckFailed(diagnose('insufficient-permissions', refusalContext("the site's workbooks")));
		}

		const summary = describeAccess(state.access, !isAdminRole(state.user?.siteRole ?? null));
		if (refusals.length > 0) {
			state.warnings.push(warning('limited-access', refusalContext(joinAnd(refusals.map(([kind]) => kind)))));
			return {status: 'warn', summary};
		}

		return {summary};
	},
};

/** 6. End the session, so the PAT's single session is free again for Parable. */
export const signOutCheck: Check = {
	id: 'signout',
	skipped: state => (state.roundTwo === null ? 'Skipped: no session to end' : null),
	async run(state) {
		await state.roundTwo!.signOut;
		return {summary: 'Signed out; the token is free for Parable again'};
	},
};
