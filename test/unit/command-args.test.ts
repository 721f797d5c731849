// The values of the command line that take a number: where each range ends, and the message for a
// value just past it.
import {describe, expect, it} from 'vitest';
import {parseCommandArgs, parseExpiryWarningDays, parseSeconds} from '../../source/commands/core/args.js';
import {UsageError} from '../../source/commands/core/usage-error.js';

describe('parseSeconds', () => {
	it('takes 600 seconds, the longest, and refuses a moment more', () => {
		expect(parseSeconds('--timeout', '600', 15)).toBe(600_000);
		expect(parseSeconds('--timeout', '0.25', 15)).toBe(250);
		expect(() => parseSeconds('--timeout', '600.5', 15)).toThrow(
			/--timeout takes a number of seconds above 0 and at most 600, such as "--timeout 30"; got "600.5"/,
		);
		expect(() => parseSeconds('--timeout', '0', 15)).toThrow(UsageError);
	});

	it('gives the fallback in milliseconds when the flag is absent', () => {
		expect(parseSeconds('--timeout', undefined, 15)).toBe(15_000);
	});
});

describe('parseExpiryWarningDays', () => {
	it('takes 365 days, the longest token life, and refuses 366', () => {
		expect(parseExpiryWarningDays('365', 14)).toBe(365);
		expect(parseExpiryWarningDays(' 0 ', 14)).toBe(0);
		expect(() => parseExpiryWarningDays('366', 14)).toThrow(/from 0 to 365.*got "366"/);
		expect(parseExpiryWarningDays(undefined, 14)).toBe(14);
	});
});

describe('parseCommandArgs', () => {
	const options = {timeout: {type: 'string'}} as const;

	it('says how to give a value that starts with "-", and where the options are', () => {
		expect(() => parseCommandArgs('test', ['--timeout', '-1'], options)).toThrow(
			'--timeout needs a value; one that starts with "-" is written --timeout=VALUE.\nRun "tableau-connect test --help" to see the options.',
		);
	});

	it("names the home screen's help without a command", () => {
		expect(() => parseCommandArgs('', ['--nope'], options)).toThrow(/\nRun "tableau-connect --help" to see the options\.$/);
	});
});
