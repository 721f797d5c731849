import {minimumPatApiVersion} from '../tableau/api-version.js';
import {createTableauClient} from '../tableau/client.js';
import {redacting, type ExchangeObserver} from '../tableau/exchange.js';
import {trimPasted} from '../tableau/pasted-values.js';
import {defaultRetryPolicy} from '../tableau/retry.js';
import {cloudManagerRefusal, isPlainHttpToNetwork} from '../tableau/server-advice.js';
import {createTransport, type TransportOptions} from '../tableau/transport.js';
import {
	CheckFailed,
	contentCheck,
	isUsableOrigin,
	permissionsCheck,
	reachCheck,
	serverInfoCheck,
	signInCheck,
	signOutCheck,
	type Check,
	type RunState,
} from './checks.js';
import {diagnosisFor} from './classify.js';
import {defaultExpiryWarningDays} from './findings.js';
import {oneSessionPerToken} from './one-session-per-token.js';
import {diagnose, warning} from './diagnoses.js';
import type {RemedyFrame} from './remedy-frame.js';
import {interruptedBeforeStart, interruptedSkipSummary} from './interrupted.js';
import {defaultTimeoutMs, type CheckId, type CheckResult, type CheckStatus, type VerificationEvent, type VerificationResult} from './types.js';

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
	/** The clock the token's expiry is counted from; tests pin it. */
	now?: () => number;
	/** `--debug` and `--trace`: every request and answer, redacted before it is passed on. */
	observer?: ExchangeObserver;
	/** `--expiry-warning-days`: fewer whole days left than this warns `token-expiring`; default 14. */
	expiryWarningDays?: number;
	/** The command's environment, for the proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); none given, no proxy. */
	env?: NodeJS.ProcessEnv;
};

/** The checks of docs/reference.md before sign-out, in order; sign-out always ends the run. */
const checks: readonly Check[] = [reachCheck, serverInfoCheck, signInCheck, permissionsCheck, contentCheck];

/**
Runs the checks of docs/reference.md over one connection and reports each as it starts and ends.
Never throws for anything the server or network does: every failure becomes the result's diagnosis.
*/
export async function verifyConnection(given: VerificationInput, options: VerificationOptions = {}): Promise<VerificationResult> {
	// Every caller passes values as people typed or saved them: a space around one fails the sign-in.
	const {values: input} = trimPasted(given);
	return oneSessionPerToken(`${input.server}\n${input.tokenName}`, async () =>
		options.signal?.aborted ? interruptedBeforeStart(input) : runChecks(input, options),
	);
}

/**
Sets the run up and sends round one: serverinfo and sign-in leave together on the one connection
(HTTP pipelining). Sign-in uses 3.6, which every PAT-capable server accepts, so it needs no answer
from serverinfo. Each check still awaits its own answer, so they are reported in order.
*/
function startRun(input: VerificationInput, options: VerificationOptions): RunState {
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const transport = createTransport({
		timeoutMs,
		caPem: options.caPem ?? null,
		insecure: options.insecure ?? false,
		signal: options.signal,
		...(options.env ? {env: options.env} : {}),
		// Redacted here, before any observer can write a byte: the run knows its secret.
		...(options.observer ? {observer: redacting(options.observer, [input.tokenSecret])} : {}),
		...options.transportOptions,
	});
	const client = createTableauClient(input.server, transport);
	const refusal = cloudManagerRefusal(input.server);
	const validUrl = isUsableOrigin(input.server) && refusal === null;
	const firstVersion = options.apiVersion ?? minimumPatApiVersion;
	const credentials = {tokenName: input.tokenName, tokenSecret: input.tokenSecret, site: input.site};
	const serverInfoRequest = validUrl ? client.serverInfo(firstVersion) : Promise.reject(new Error('invalid URL'));
	const signInRequest = validUrl ? client.signIn(credentials, firstVersion) : Promise.reject(new Error('invalid URL'));
	serverInfoRequest.catch(() => {});
	signInRequest.catch(() => {});
	const context = {
		server: input.server,
		site: input.site,
		tokenName: input.tokenName,
		timeoutSeconds: timeoutMs / 1000,
		profile: input.profile ?? null,
		...(input.rerun ? {rerun: input.rerun} : {}),
	};
	const warnings = options.insecure ? [warning('insecure-tls', context)] : [];
	if (isPlainHttpToNetwork(input.server)) {
		warnings.push(warning('plain-http', context));
	}

	return {
		client,
		transport,
		context,
		server: input.server,
		site: input.site,
		tokenName: input.tokenName,
		insecure: options.insecure ?? false,
		forcedApiVersion: options.apiVersion ?? null,
		validUrl,
		refusal,
		serverInfoRequest,
		signInRequest,
		signInAgain: async () => client.signIn(credentials, firstVersion),
		signal: options.signal,
		retryPolicy: options.transportOptions?.retry ?? defaultRetryPolicy,
		warnings,
		now: options.now ?? Date.now,
		expiryWarningDays: options.expiryWarningDays ?? defaultExpiryWarningDays,
		apiVersion: options.apiVersion ?? null,
		serverInfo: null,
		roundTwo: null,
		user: null,
		usersTotal: null,
		token: null,
		access: null,
		diagnosis: null,
		secondSession: null,
	};
}

async function runChecks(input: VerificationInput, options: VerificationOptions): Promise<VerificationResult> {
	// Round one (serverinfo and sign-in) leaves as the run starts. Paced, the checks before them are held
	// on screen while those requests are in flight: their time then counts from before the requests (and
	// their deadlines) start to their answers, so a timeout never shows shorter than the deadline it missed.
	const roundOneLeft = performance.now();
	const state = startRun(input, options);
	const results: CheckResult[] = [];
	const answeredAt: Partial<Record<CheckId, number>> = {};
	for (const [id, request] of [
		['serverinfo', state.serverInfoRequest],
		['signin', state.signInRequest],
	] as const) {
		const answered = () => {
			answeredAt[id] = performance.now() - roundOneLeft;
		};

		request.then(answered, answered);
	}

	function report(id: CheckId, status: CheckStatus, summary: string, durationMs: number): void {
		const result: CheckResult = {id, status, summary, durationMs};
		results.push(result);
		options.onEvent?.({type: 'check-finished', check: result});
	}

	/**
	Runs one check, or reports why it was skipped. Sign-out is not `decisive`: its failure is a
	warning and never changes the run's diagnosis.
	*/
	async function perform(check: Check, decisive = true): Promise<void> {
		const skipped = check.skipped(state);
		if (skipped !== null) {
			report(check.id, 'skipped', options.signal?.aborted ? interruptedSkipSummary : skipped, 0);
			return;
		}

		options.onEvent?.({type: 'check-started', id: check.id});
		const started = performance.now();
		let status: CheckStatus;
		let summary: string;
		try {
			if (decisive && options.signal?.aborted) {
				throw new CheckFailed(diagnose('interrupted', state.context));
			}

			({status = 'ok', summary} = await check.run(state));
		} catch (error) {
			// Whatever a check ended with after Ctrl-C (a sign-in past its short deadline, say), the run was stopped.
			const stopped = decisive && options.signal?.aborted;
			const found = stopped
				? diagnose('interrupted', state.context)
				: error instanceof CheckFailed
					? error.diagnosis
					: diagnosisFor(error, check.id, state.context);
			if (decisive) {
				state.diagnosis = found;
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

		const inFlight = answeredAt[check.id];
		const shown = options.minimumCheckMs && inFlight !== undefined ? Math.max(elapsed, inFlight) : elapsed;
		report(check.id, status, summary, Math.round(shown));
	}

	try {
		for (const check of checks) {
			await perform(check);
		}
	} finally {
		if (state.roundTwo === null) {
			// Sign-in may have succeeded while serverinfo failed, or the run was interrupted: that session must end too.
			const endStray = async () => {
				const stray = await state.signInRequest.catch(() => null);
				await (stray ? state.client.signOut(stray, options.apiVersion ?? minimumPatApiVersion) : null);
				return {summary: stray ? 'Signed out; the token is free for Parable again' : 'No session was open'};
			};

			if (options.signal?.aborted) {
				await perform({id: 'signout', skipped: () => null, run: endStray}, false);
			} else {
				await endStray().catch(() => {});
				await perform(signOutCheck, false);
			}
		} else {
			await perform(signOutCheck, false);
		}

		await state.transport.close().catch(() => {});
	}

	return {
		ok: state.diagnosis === null,
		profile: input.profile ?? null,
		server: input.server,
		site: input.site,
		apiVersion: state.apiVersion,
		serverInfo: state.serverInfo === null ? null : {productVersion: state.serverInfo.productVersion, restApiVersion: state.serverInfo.restApiVersion},
		user: state.user,
		token: state.token,
		access: state.access,
		checks: results,
		diagnosis: state.diagnosis,
		warnings: state.warnings,
	};
}
