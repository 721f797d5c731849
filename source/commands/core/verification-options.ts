import type {VerificationOptions} from '../../verify/pipeline.js';
import {defaultExpiryWarningDays} from '../../verify/findings.js';
import {parseApiVersion, parseExpiryWarningDays, parseSeconds} from './args.js';
import {readCaFile} from './io.js';

/** Saved profiles tested at once by `test --all` and the home screen: enough to hide latency, few enough to spare the servers. */
export const profileTestConcurrency = 10;

/** The `parseArgs` options of every command that tests a connection, with --no-color and --help. */
export const verificationFlagOptions = {
	timeout: {type: 'string'},
	'ca-file': {type: 'string'},
	insecure: {type: 'boolean'},
	'api-version': {type: 'string'},
	debug: {type: 'boolean'},
	trace: {type: 'string'},
	'no-color': {type: 'boolean'},
	help: {type: 'boolean', short: 'h'},
} as const;

/** The flags every command that tests a connection takes. */
export type VerificationFlags = {
	timeout?: string | undefined;
	'ca-file'?: string | undefined;
	insecure?: boolean | undefined;
	'api-version'?: string | undefined;
	/** Only `test` takes it; elsewhere the default threshold holds. */
	'expiry-warning-days'?: string | undefined;
};

/**
The verification options every way of testing shares: timeout, CA, TLS, API version, expiry
threshold, and the command's environment, where the transport finds the proxy variables.
*/
export async function verificationOptionsFrom(values: VerificationFlags, env: NodeJS.ProcessEnv): Promise<VerificationOptions> {
	// Every flag is checked before the CA file is read: a typo is reported as itself.
	const timeoutMs = parseSeconds('--timeout', values.timeout, 15);
	const apiVersion = parseApiVersion(values['api-version']);
	const expiryWarningDays = parseExpiryWarningDays(values['expiry-warning-days'], defaultExpiryWarningDays);
	return {timeoutMs, caPem: await readCaFile(values['ca-file']), insecure: values.insecure ?? false, apiVersion, expiryWarningDays, env};
}
