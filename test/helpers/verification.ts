// Verification results for tests that need one without a server: shaped like the pipeline's.
import {checkIds, type CheckResult, type DiagnosisCode, type VerificationResult, type Warning} from '../../source/verify/types.js';

export function fakeResult(options: {code?: DiagnosisCode; warnings?: Warning[]; server?: string; site?: string} = {}): VerificationResult {
	const failed = options.code !== undefined;
	const checks: CheckResult[] = checkIds.map((id, index) => ({
		id,
		status: failed && index === 2 ? 'fail' : failed && index > 2 ? 'skipped' : 'ok',
		summary: `${id} summary`,
		durationMs: failed && index > 2 ? 0 : 10 + index,
	}));
	return {
		ok: !failed,
		profile: null,
		server: options.server ?? 'https://tableau.example.com',
		site: options.site ?? 'finance',
		apiVersion: '3.23',
		serverInfo: {productVersion: '2024.2.1', restApiVersion: '3.23'},
		user: failed ? null : {id: 'user-luid', name: 'ada@example.com', siteRole: 'SiteAdministratorCreator'},
		token: failed ? null : {expiresAt: '2027-05-27T10:00:00Z', expiresInDays: 177},
		access: failed ? null : {workbooks: 142, views: 1203, datasources: 57, users: 88, usageStatistics: true},
		checks,
		diagnosis: failed
			? {
					code: options.code!,
					httpStatus: 401,
					tableauCode: '401001',
					title: `Title of ${options.code!}`,
					explanation: `Explanation of ${options.code!}.`,
					remediation: ['First remedy.', 'Second remedy.'],
				}
			: null,
		warnings: options.warnings ?? [],
	};
}

/** A promise with its resolve and reject in hand, created before the render that awaits it. */
export function deferred<T>(): {promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void} {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}
