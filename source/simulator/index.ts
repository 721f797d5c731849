import {randomBytes} from 'node:crypto';
import type {AddressInfo} from 'node:net';
import {behaviourOf} from './behaviour.js';
import {certificateFor, type CertificateKind, type CertificatePair} from './certificates.js';
import type {Runtime} from './context.js';
import {createDirectory} from './directory.js';
import {scenarioInfo, isScenarioId, type ScenarioId} from './scenarios.js';
import {createSimulatorServer, type RequestRecord} from './server.js';
import {createSessionStore} from './state.js';

export {wrongSiteContentUrl} from './directory.js';
export {scenarios, isScenarioId, scenarioLines, scenarioOutcome, type ScenarioId, type ScenarioInfo} from './scenarios.js';

export type SimulatorOptions = {
	/** Interface to listen on; default 127.0.0.1. */
	host?: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	scenario?: ScenarioId;
	/** Serve HTTPS with a self-signed certificate for 127.0.0.1 and localhost. Scenarios with a `tls` field force it. */
	tls?: boolean;
	tokenName?: string;
	/** Default: a fresh secret per start, shaped like a real one. */
	tokenSecret?: string;
	/** The site's content URL; default 'acme'. '' is the Default site. */
	site?: string;
	/**
	Delay of every answer in the `slow` scenario; default 20 000, past the 15 s timeout tableau-connect
	uses by default, so `simulate --scenario slow` times out a test run without flags, as it says.
	*/
	slowMs?: number;
	/** Retry-After of the rate-limit scenarios; default 1. */
	retryAfterSeconds?: number;
	/**
	`estimatedTimeToExpiration` of every sign-in answer, whatever the scenario says: a value such as
	"2:03:04" (days:hours:minutes, or anything else to test a malformed one), or null to leave it out.
	*/
	timeToExpiration?: string | null;
	/**
	Names to answer as instead of its own address, for the demo: `server` becomes the address it gives
	out (its scheme follows the scenario) and plays the canonical name, `pod` plays Tableau Cloud's pod
	in the redirect scenarios, `aliases` are further names it answers as (Tableau Cloud's front door).
	The certificates are valid for all of them. The caller must route them here (the transport's
	\`route\`): nothing in DNS does.
	*/
	publicNames?: {server: string; pod: string; aliases?: readonly string[]};
	/** The site's display name; default the content URL in title case ("Default" for the Default site). */
	siteName?: string;
};

export type SimulatorStats = {activeSessions: number; signIns: number; signOuts: number; requests: number; connections: number};

export type Simulator = {
	/** Origin without a trailing slash, e.g. http://127.0.0.1:54321. */
	readonly url: string;
	readonly host: string;
	readonly port: number;
	readonly site: string;
	readonly tokenName: string;
	readonly tokenSecret: string;
	readonly scenario: ScenarioId;
	/** Switches behaviour live. Throws when the scenario needs HTTPS and this simulator serves HTTP. */
	setScenario(id: ScenarioId): void;
	/** PEM of the certificate currently served (changes with TLS scenarios), or null over HTTP. */
	readonly certificatePem: string | null;
	stats(): SimulatorStats;
	/** Every request's method, target (path and query) and headers. Headers include X-Tableau-Auth: do not print them. */
	readonly requests: RequestRecord[];
	/** Closes the listener and every open socket. */
	close(): Promise<void>;
};

/** Past the default request timeout (15 s) with room to spare: a slow answer must not arrive just in time. */
export const defaultSlowMs = 20_000;

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Tableau's secrets look like `base64==:32 letters and digits`. */
function newTokenSecret(): string {
	const tail = [...randomBytes(32)].map(byte => alphanumerics[byte % alphanumerics.length]).join('');
	return `${randomBytes(16).toString('base64')}:${tail}`;
}

function certificateKindOf(id: ScenarioId): CertificateKind {
	const {tls} = scenarioInfo(id);
	return tls === 'wrong-host' || tls === 'expired' ? tls : 'localhost';
}

async function loadCertificates(extraNames: readonly string[]): Promise<Record<CertificateKind, CertificatePair>> {
	// All three up front, so that setScenario can swap certificates synchronously.
	const [localhost, wrongHost, expired] = await Promise.all([
		certificateFor('localhost', extraNames),
		certificateFor('wrong-host'),
		certificateFor('expired', extraNames),
	]);
	return {localhost, 'wrong-host': wrongHost, expired};
}

function urlHost(host: string): string {
	// A wildcard address is not something to connect to; the loopback address stands in for it.
	const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	return reachable.includes(':') ? `[${reachable}]` : reachable;
}

/** Starts a Tableau REST API simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const initial = options.scenario ?? 'ok';
	if (!isScenarioId(initial)) {
		throw new Error(`Unknown simulator scenario: ${String(initial)}`);
	}

	const info = scenarioInfo(initial);
	const secure = options.tls === true || info.tls !== undefined || info.needsTls === true;
	const names = options.publicNames ? [options.publicNames.server, options.publicNames.pod, ...(options.publicNames.aliases ?? [])] : [];
	const certificates = secure ? await loadCertificates(names) : null;
	let certificate = certificates ? certificates[certificateKindOf(initial)] : null;
	const tokenSecret = options.tokenSecret ?? newTokenSecret();
	const runtime: Runtime = {
		scenario: initial,
		behaviour: behaviourOf(initial),
		directory: createDirectory(options.site ?? 'acme', options.siteName),
		sessions: createSessionStore(),
		tokenName: options.tokenName ?? 'Parable Integration',
		tokenSecret,
		otherSecret: newTokenSecret(),
		retryAfterSeconds: options.retryAfterSeconds ?? 1,
		...(options.timeToExpiration === undefined ? {} : {timeToExpiration: options.timeToExpiration}),
		signInAttempts: 0,
	};
	const scheme = secure ? 'https' : 'http';
	// The address people are given: the scenario's own scheme when it is about the scheme.
	const entryScheme = info.entryScheme ?? scheme;
	const host = options.host ?? '127.0.0.1';
	const entryHost = urlHost(host);
	// The redirect scenarios need a second name for this same server, to play the Cloud pod.
	const podHost = entryHost === 'localhost' ? '127.0.0.1' : 'localhost';
	let port = 0;
	const {publicNames} = options;
	const running = createSimulatorServer({
		runtime,
		certificate,
		slowMs: options.slowMs ?? defaultSlowMs,
		podOrigin: () => (publicNames ? new URL(`${scheme}://${publicNames.pod}`) : new URL(`${scheme}://${podHost}:${port}`)),
		canonicalOrigin: () => (publicNames ? new URL(`${scheme}://${publicNames.server}`) : new URL(`${scheme}://${podHost}:${port}`)),
		entryIsSecure: entryScheme === 'https',
	});
	await new Promise<void>((resolve, reject) => {
		running.server.once('error', reject);
		running.server.listen(options.port ?? 0, host, () => {
			running.server.off('error', reject);
			resolve();
		});
	});
	port = (running.server.address() as AddressInfo).port;

	return {
		url: publicNames ? `${entryScheme}://${publicNames.server}` : `${entryScheme}://${entryHost}:${port}`,
		host,
		port,
		site: runtime.directory.contentUrl,
		tokenName: runtime.tokenName,
		tokenSecret,
		get scenario() {
			return runtime.scenario;
		},
		setScenario(id) {
			if (!isScenarioId(id)) {
				throw new Error(`Unknown simulator scenario: ${String(id)}`);
			}

			if (!certificates && (scenarioInfo(id).tls || scenarioInfo(id).needsTls)) {
				throw new Error(`The scenario ${id} needs HTTPS; start the simulator with it, or with tls: true.`);
			}

			runtime.scenario = id;
			runtime.behaviour = behaviourOf(id);
			runtime.signInAttempts = 0;
			const next = certificates ? certificates[certificateKindOf(id)] : null;
			if (next && next !== certificate) {
				certificate = next;
				running.setCertificate(next);
			}
		},
		get certificatePem() {
			return certificate?.cert ?? null;
		},
		stats() {
			return {...runtime.sessions.counts(), ...running.counters};
		},
		requests: running.requests,
		close: async () => running.close(),
	};
}
