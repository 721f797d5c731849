import {createTableauClient, TableauApiError, type ServerInfo, type Session, type SessionUser, type UsersPage} from '../tableau/client.js';
import {compareVersions, minimumPatApiVersion} from '../tableau/api-version.js';
import {cloudManagerRefusal, isPlainHttpToNetwork} from '../tableau/server-advice.js';
import {createTransport, type Transport, type TransportOptions} from '../tableau/transport.js';
import {diagnosisFor, type RunContext} from './classify.js';
import {oneSessionPerToken} from './one-session-per-token.js';
import {diagnose, warning, type RemedyFrame} from './diagnoses.js';
import {interruptedBeforeStart, interruptedSkipSummary} from './interrupted.js';
import {roleLabel} from './labels.js';
import type {CheckId, CheckResult, CheckStatus, Diagnosis, VerificationEvent, VerificationResult, Warning} from './types.js';

export {minimumPatApiVersion} from '../tableau/api-version.js';

export type VerificationInput = {
	/** An origin such as `https://10ay.online.tableau.com`, already parsed from what the person typed. */
	server: string;
	/** Site content URL; `''` is the Default site. */
	site: string;
	tokenName: string;
	tokenSecret: string;
	profile?: string | null;
	/** Whether `profile` is saved, and how the person tries again where they read the remedies. */
	rerun?: RemedyFrame;
};

export type VerificationOptions = {
	timeoutMs?: number;
	caPem?: string | null;
	insecure?: boolean;
	/** Use this REST API version instead of the server's. */
	apiVersion?: string | null;
	onEvent?: (event: VerificationEvent) => void;
	/** Ctrl-C: no further check starts, a session already open is still signed out, the diagnosis is `interrupted`. */
	signal?: AbortSignal;
	/** Demo pacing: each check lasts at least this long on screen. Never set in real runs. */
	minimumCheckMs?: number;
	/** For tests that observe retries or proxies; by default built from the options above. */
	transportOptions?: Partial<TransportOptions>;
};

const adminRoles = /^(SiteAdministrator|ServerAdministrator)/;

function isUsableOrigin(server: string): boolean {
	try {
		const url = new URL(server);
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
	} catch {
		return false;
	}
}

type RoundTwo = {user: Promise<SessionUser>; users: Promise<UsersPage>; signOut: Promise<void>};

class CheckFailed extends Error {
	constructor(readonly diagnosis: Diagnosis) {
		super(diagnosis.title);
	}
}

/**
Runs the checks of docs/reference.md over one connection and reports each as it starts and ends.
Never throws for anything the server or network does: every failure becomes the result's diagnosis.
*/
export async function verifyConnection(input: VerificationInput, options: VerificationOptions = {}): Promise<VerificationResult> {
	return oneSessionPerToken(`${input.server}\n${input.tokenName}`, async () =>
		options.signal?.aborted ? interruptedBeforeStart(input) : runChecks(input, options),
	);
}

async function runChecks(input: VerificationInput, options: VerificationOptions): Promise<VerificationResult> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const transport: Transport = createTransport({
		timeoutMs,
		caPem: options.caPem ?? null,
		insecure: options.insecure ?? false,
		...options.transportOptions,
	});
	const run: RunContext = {
		server: input.server,
		site: input.site,
		tokenName: input.tokenName,
		timeoutSeconds: timeoutMs / 1000,
		profile: input.profile ?? null,
		...(input.rerun ? {rerun: input.rerun} : {}),
	};
	const checks: CheckResult[] = [];
	const warnings: Warning[] = options.insecure ? [warning('insecure-tls', run)] : [];
	if (isPlainHttpToNetwork(input.server)) {
		warnings.push(warning('plain-http', run));
	}

	let serverInfo: ServerInfo | null = null;
	let apiVersion: string | null = options.apiVersion ?? null;
	let user: SessionUser | null = null;
	let session: Session | null = null;
	let diagnosis: Diagnosis | null = null;

	/**
	Runs one check and reports it. A check that is not `decisive` (sign-out) can only warn: its
	failure does not change the run's diagnosis.
	*/
	async function check(id: CheckId, body: () => Promise<{status?: CheckStatus; summary: string}>, decisive = true): Promise<void> {
		options.onEvent?.({type: 'check-started', id});
		const started = performance.now();
		let status: CheckStatus;
		let summary: string;
		try {
			if (decisive && options.signal?.aborted) {
				throw new CheckFailed(diagnose('interrupted', run));
			}

			({status = 'ok', summary} = await body());
		} catch (error) {
			const found = error instanceof CheckFailed ? error.diagnosis : diagnosisFor(error, id, run);
			if (decisive) {
				diagnosis = found;
				status = 'fail';
				summary = found.title;
			} else {
				status = 'warn';
				summary = `${found.title}; the session will expire on its own`;
			}
		}

		const elapsed = performance.now() - started;
		if (options.minimumCheckMs && elapsed < options.minimumCheckMs) {
			await new Promise(resolve => {
				setTimeout(resolve, options.minimumCheckMs! - elapsed);
			});
		}

		const result: CheckResult = {id, status, summary, durationMs: Math.round(elapsed)};
		checks.push(result);
		options.onEvent?.({type: 'check-finished', check: result});
	}

	function skip(id: CheckId, summary: string): void {
		const result: CheckResult = {id, status: 'skipped', summary: options.signal?.aborted ? interruptedSkipSummary : summary, durationMs: 0};
		checks.push(result);
		options.onEvent?.({type: 'check-finished', check: result});
	}

	const client = createTableauClient(input.server, transport);
	const credentials = {tokenName: input.tokenName, tokenSecret: input.tokenSecret, site: input.site};
	const refusal = cloudManagerRefusal(input.server);
	const validUrl = isUsableOrigin(input.server) && refusal === null;
	// Round one: serverinfo and sign-in leave together on the one connection (HTTP pipelining). The
	// sign-in uses 3.6, which every PAT-capable server accepts, so it needs no answer from serverinfo.
	// Each check still awaits its own answer, so they are reported in order and nothing is spent twice.
	const serverInfoRequest = validUrl ? client.serverInfo(options.apiVersion ?? minimumPatApiVersion) : Promise.reject(new Error('invalid URL'));
	const signInRequest = validUrl ? client.signIn(credentials, options.apiVersion ?? minimumPatApiVersion) : Promise.reject(new Error('invalid URL'));
	serverInfoRequest.catch(() => {});
	signInRequest.catch(() => {});
	let roundTwo: RoundTwo | null = null;

	try {
		await check('reach', async () => {
			if (!validUrl) {
				throw new CheckFailed(diagnose('invalid-url', {...run, advice: refusal}));
			}

			await Promise.race([transport.firstConnection, serverInfoRequest.then(() => undefined)]);
			const {host, protocol} = new URL(input.server);
			const tls = protocol === 'https:' ? (options.insecure ? ', TLS NOT verified' : ', TLS verified') : ', no TLS';
			return {summary: `Connected to ${host}${tls}`};
		});

		if (diagnosis) {
			skip('serverinfo', 'Skipped: the server was not reached');
		} else {
			await check('serverinfo', async () => {
				serverInfo = await serverInfoRequest.catch(async (error: unknown) => {
					// 404001 at 3.6 means an older server: ask at 2.4 only to name its version in the diagnosis.
					if (error instanceof TableauApiError && error.tableauCode === '404001' && !options.apiVersion) {
						const old = await client.serverInfo('2.4').catch(() => null);
						run.productVersion = old?.productVersion ?? null;
						run.apiVersion = old?.restApiVersion ?? null;
					}

					throw error;
				});
				run.productVersion = serverInfo.productVersion;
				run.apiVersion = serverInfo.restApiVersion;
				if (!options.apiVersion && compareVersions(serverInfo.restApiVersion, minimumPatApiVersion) < 0) {
					throw new CheckFailed(diagnose('api-version-unsupported', run));
				}

				apiVersion ??= serverInfo.restApiVersion;
				const moved = serverInfo.origin === input.server ? '' : ` at ${serverInfo.origin}, where the server sent us`;
				return {summary: `Tableau ${serverInfo.productVersion ?? '(version not given)'}, REST API ${serverInfo.restApiVersion}${moved}`};
			});
		}

		if (diagnosis) {
			skip('signin', 'Skipped: no usable Tableau REST API');
		} else {
			await check('signin', async () => {
				session = await signInRequest;
				const signedIn: Session = session;
				// Round two, together: who am I and one page of users. Sign-out waits for both answers: sent
				// behind them, it would overtake them when a dropped connection makes them go again, and
				// end their session before they are answered.
				const user = client.currentUser(signedIn, apiVersion!);
				const users = client.listUsers(signedIn, apiVersion!);
				roundTwo = {user, users, signOut: Promise.allSettled([user, users]).then(async () => client.signOut(signedIn, apiVersion!))};
				for (const pending of Object.values(roundTwo)) {
					(pending as Promise<unknown>).catch(() => {});
				}

				if (signedIn.redirectedFrom) {
					run.redirectedTo = signedIn.server;
					warnings.push(warning('redirected', run));
				}

				const siteName = input.site === '' ? 'the Default site' : `site "${signedIn.siteContentUrl}"`;
				return {
					status: signedIn.redirectedFrom ? 'warn' : 'ok',
					summary: `Signed in to ${siteName} with token "${input.tokenName}"${signedIn.redirectedFrom ? ` (redirected to ${signedIn.server})` : ''}`,
				};
			});
		}

		const pending = roundTwo as RoundTwo | null;
		if (pending === null) {
			skip('permissions', 'Skipped: not signed in');
		} else {
			await check('permissions', async () => {
				const me = await pending.user;
				user = me;
				run.siteRole = me.siteRole;
				const page = await pending.users;
				const role = roleLabel(me.siteRole);
				const total = page.totalAvailable === null ? '' : `; the site has ${page.totalAvailable} user${page.totalAvailable === 1 ? '' : 's'}`;
				if (!adminRoles.test(me.siteRole ?? '')) {
					warnings.push(warning('not-site-admin', run));
					return {status: 'warn', summary: `Signed in as ${me.name ?? me.id} (${role}), below Site Administrator${total}`};
				}

				return {summary: `Signed in as ${me.name ?? me.id} (${role})${total}`};
			});
		}
	} finally {
		const pending = roundTwo as RoundTwo | null;
		if (pending === null) {
			// Sign-in may have succeeded while serverinfo failed, or the run was interrupted: that session must end too.
			const endStray = async () => {
				const stray = await signInRequest.catch(() => null);
				await (stray ? client.signOut(stray, options.apiVersion ?? minimumPatApiVersion) : null);
				return {summary: stray ? 'Signed out; the token is free for Parable again' : 'No session was open'};
			};

			if (options.signal?.aborted) {
				await check('signout', endStray, false);
			} else {
				await endStray().catch(() => {});
				skip('signout', 'Skipped: no session to end');
			}
		} else {
			// Always sign out, so the PAT's single session is free again for Parable.
			await check(
				'signout',
				async () => {
					await pending.signOut;
					return {summary: 'Signed out; the token is free for Parable again'};
				},
				false,
			);
		}

		await transport.close().catch(() => {});
	}

	return {
		ok: diagnosis === null,
		profile: input.profile ?? null,
		server: input.server,
		site: input.site,
		apiVersion,
		serverInfo:
			serverInfo === null ? null : {productVersion: (serverInfo as ServerInfo).productVersion, restApiVersion: (serverInfo as ServerInfo).restApiVersion},
		user,
		checks,
		diagnosis,
		warnings,
	};
}
