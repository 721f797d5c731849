import type {IncomingHttpHeaders} from 'node:http';
import type {Behaviour} from './behaviour.js';
import type {Directory} from './directory.js';
import type {Negotiated} from './responses.js';
import type {ScenarioId} from './scenarios.js';
import type {SessionStore} from './state.js';

/** What a running simulator knows; `scenario` and the counters change while it runs. */
export type Runtime = {
	scenario: ScenarioId;
	behaviour: Behaviour;
	directory: Directory;
	sessions: SessionStore;
	tokenName: string;
	tokenSecret: string;
	/** The secret `wrong-secret` accepts instead of `tokenSecret`. */
	otherSecret: string;
	retryAfterSeconds: number;
	/** `estimatedTimeToExpiration` for every sign-in, in place of the scenario's; null leaves it out. */
	timeToExpiration?: string | null;
	/** Sign-in attempts since the scenario was chosen; rate limiting counts them. */
	signInAttempts: number;
};

/** One request under /api/{version}/, with the body already read. */
export type ApiRequest = {
	method: string;
	/** Segments after the version, e.g. ['sites', luid, 'users']. */
	segments: string[];
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: string;
	negotiated: Negotiated;
	runtime: Runtime;
};

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}
