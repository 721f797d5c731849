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

export const warningCodes = ['not-site-admin', 'insecure-tls', 'redirected', 'plain-http'] as const;
export type WarningCode = (typeof warningCodes)[number];

export const checkIds = ['reach', 'serverinfo', 'signin', 'permissions', 'signout'] as const;
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
	checks: CheckResult[];
	diagnosis: Diagnosis | null;
	warnings: Warning[];
};

/** What the pipeline reports while it runs; the UI and `--json` read the same stream. */
export type VerificationEvent = {type: 'check-started'; id: CheckId} | {type: 'check-finished'; check: CheckResult};
