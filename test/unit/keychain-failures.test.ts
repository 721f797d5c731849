// What a keychain failure is called in words a person can act on, and what the keychain itself is
// called where they would look for it. test/integration/system-keychain.test.ts uses the real one.
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {describeKeychainFailure, systemKeychain} from '../../source/profiles/keychain.js';

const noBus =
	'there is no D-Bus session bus here (DBUS_SESSION_BUS_ADDRESS is unset or unreachable, as on a server or over SSH), so no Secret Service keychain can be reached';
const noService = 'no Secret Service keychain (such as GNOME Keyring or KeePassXC) is running in this session';
const locked = 'the keychain is locked and could not be unlocked here (unlock it, for example by logging in to the desktop, then try again)';

describe('describeKeychainFailure', () => {
	it.each([
		['DBUS_SESSION_BUS_ADDRESS is not set', noBus],
		['Unable to autolaunch a dbus-daemon without a $DISPLAY for X11', noBus],
		['Failed to connect to socket /run/user/1000/bus: Connection refused', noBus],
		['Platform secure storage failure: No such file or directory (os error 2)', noBus],
		['org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files', noService],
		['Platform secure storage failure: the prompt was dismissed', locked],
		['Cannot get secret of a locked object', locked],
	])('%s', (message, problem) => {
		expect(describeKeychainFailure(new Error(message))).toBe(problem);
	});

	it('quotes only the first line of anything else, whatever was thrown', () => {
		expect(describeKeychainFailure(new Error('Access denied by policy\nat frame 1\nat frame 2'))).toBe('the keychain refused (Access denied by policy)');
		expect(describeKeychainFailure('a plain string')).toBe('the keychain refused (a plain string)');
	});
});

describe('systemKeychain', () => {
	const platform = process.platform;

	afterEach(() => {
		Object.defineProperty(process, 'platform', {value: platform});
	});

	it.each([
		['darwin', 'the macOS Keychain'],
		['win32', 'the Windows Credential Manager'],
		['linux', 'the Secret Service keychain'],
		['freebsd', 'the Secret Service keychain'],
	] as const)('is called by its name on %s', (name, label) => {
		Object.defineProperty(process, 'platform', {value: name});
		expect(systemKeychain().label).toBe(label);
	});
});
