// The operating system's keychain as the store reaches it, in process, against a private Secret
// Service (test/helpers/secret-service.ts): a secret written is read back, replaced and deleted.
// (The native library keeps its connection to the bus, so "no bus" cannot be staged after this in
// the same process; test/integration/keychain-cli.test.ts runs the CLI without one.)
import {afterAll, describe, expect, it, vi} from 'vitest';
import {keychainProblem, systemKeychain} from '../../source/profiles/keychain.js';
import {startSecretService} from '../helpers/secret-service.js';

const service = await startSecretService();

afterAll(async () => {
	if (!('unavailable' in service)) {
		await service.stop();
	}
});

// Its own service name, so nothing here can meet an entry of tableau-connect's.
const keychainService = 'tableau-connect-unit-test';

describe.skipIf('unavailable' in service)('with a Secret Service', () => {
	it('a secret set is read back, replaced, and deleted once', async () => {
		if ('unavailable' in service) {
			return;
		}

		vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', service.env.DBUS_SESSION_BUS_ADDRESS);
		vi.stubEnv('XDG_RUNTIME_DIR', service.env.XDG_RUNTIME_DIR);
		const keychain = systemKeychain(keychainService);
		expect(await keychainProblem(keychain)).toBeNull();
		expect(await keychain.get('acme')).toBeNull();
		await keychain.set('acme', 'Zq9-first-secret');
		expect(await keychain.get('acme')).toBe('Zq9-first-secret');
		await keychain.set('acme', 'Zq9-second-secret');
		expect(await keychain.get('acme')).toBe('Zq9-second-secret');
		expect(await keychain.delete('acme')).toBe(true);
		expect(await keychain.get('acme')).toBeNull();
		expect(await keychain.delete('acme')).toBe(false);
	});
});
