/**
Stable identifiers of everything that can go wrong, listed in docs/reference.md (`npm run docs`). Scripts match on these.
*/
export const diagnosisCodes = [
	'invalid-url',
	'dns-not-found',
	'connection-refused',
	'timeout',
	'tls-untrusted-certificate',
	'tls-hostname-mismatch',
	'tls-certificate-expired',
	'proxy-error',
	'not-tableau',
	'redirect-method',
	'api-version-unsupported',
	'signin-failed',
	'site-not-found',
	'session-invalidated',
	'insufficient-permissions',
	'rate-limited',
	'server-error',
	'wrong-scheme',
	'unexpected-response',
	'interrupted',
] as const;

export type DiagnosisCode = (typeof diagnosisCodes)[number];

export const warningCodes = ['not-site-admin', 'insecure-tls', 'redirected', 'plain-http', 'token-expiring', 'limited-access'] as const;
export type WarningCode = (typeof warningCodes)[number];

/** Each request's deadline unless `--timeout` says otherwise. */
export const defaultTimeoutMs = 15_000;

export const checkIds = ['reach', 'serverinfo', 'signin', 'permissions', 'content', 'signout'] as const;
export type CheckId = (typeof checkIds)[number];

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export type CheckResult = {
	id: CheckId;
	status: CheckStatus;
	summary: string;
	durationMs: number;
};

export type Diagnosis = {
	code: DiagnosisCode;
	httpStatus: number | null;
	tableauCode: string | null;
	title: string;
	explanation: string;
	remediation: string[];
	/** For `wrong-scheme` and `redirect-method`: the address the remedy says to try, so a screen can offer it with one key. */
	address?: string;
};

export type Warning = {
	code: WarningCode;
	title: string;
	remediation: string[];
	/** For `redirected`: the address to save instead, so a screen can offer to save it with one key. */
	address?: string;
};

export type VerificationResult = {
	ok: boolean;
	profile: string | null;
	server: string;
	site: string;
	apiVersion: string | null;
	serverInfo: {productVersion: string | null; restApiVersion: string | null} | null;
	user: {id: string; name: string | null; siteRole: string | null} | null;
	/** When Tableau expects the token to expire; null when the sign-in answer does not say. */
	token: TokenExpiry | null;
	/** What Parable will be able to read; null before sign-in. */
	access: Access | null;
	checks: CheckResult[];
	diagnosis: Diagnosis | null;
	warnings: Warning[];
};

/** Tableau's estimate of when the personal access token expires (`estimatedTimeToExpiration`). */
export type TokenExpiry = {
	/** ISO time, to the minute. */
	expiresAt: string;
	/** Whole days left, rounded down. */
	expiresInDays: number;
};

/**
How much of the site this token's user can see: the total of each kind of content, null where the
call was refused. `usageStatistics` says whether views come with their view counts (null when unknown).
*/
export type Access = {
	workbooks: number | null;
	views: number | null;
	datasources: number | null;
	users: number | null;
	usageStatistics: boolean | null;
};

/** What the pipeline reports while it runs; the UI and `--json` read the same stream. */
export type VerificationEvent = {type: 'check-started'; id: CheckId} | {type: 'check-finished'; check: CheckResult};
