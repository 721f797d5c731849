import type {DiagnosisCode} from '../../verify/types.js';
import type {FieldId, StepId} from './steps.js';

/** Where "edit" takes the person after a failure: the step, and the field most likely at fault. */
export type EditTarget = {step: StepId; field: FieldId | null};

/**
Maps each diagnosis to the value that fixes it. Problems with the address go to the server field,
a missing site to the site field, a refused token to the secret (Tableau's 401001 does not say
whether name, secret or site is wrong; the secret is the usual culprit), and problems no value
can fix (another session, rate limits, server errors) to the review, from where a retry is one key.
*/
export const editTargets: Record<DiagnosisCode, EditTarget> = {
	'invalid-url': {step: 'server', field: 'server'},
	'dns-not-found': {step: 'server', field: 'server'},
	'connection-refused': {step: 'server', field: 'server'},
	timeout: {step: 'server', field: 'server'},
	'tls-untrusted-certificate': {step: 'server', field: 'caFile'},
	'tls-hostname-mismatch': {step: 'server', field: 'server'},
	'tls-certificate-expired': {step: 'server', field: 'server'},
	'proxy-error': {step: 'server', field: 'server'},
	'not-tableau': {step: 'server', field: 'server'},
	'redirect-method': {step: 'server', field: 'server'},
	'wrong-scheme': {step: 'server', field: 'server'},
	'api-version-unsupported': {step: 'server', field: 'server'},
	'unexpected-response': {step: 'server', field: 'server'},
	'signin-failed': {step: 'credentials', field: 'tokenSecret'},
	'site-not-found': {step: 'server', field: 'site'},
	'insufficient-permissions': {step: 'credentials', field: 'tokenName'},
	'session-invalidated': {step: 'review', field: null},
	'rate-limited': {step: 'review', field: null},
	'server-error': {step: 'review', field: null},
	interrupted: {step: 'review', field: null},
};
