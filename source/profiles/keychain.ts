import {createRequire} from 'node:module';
import process from 'node:process';

/** The service every secret is filed under; the account is the profile's name. */
export const keychainService = 'tableau-connect';

/**
The operating system's keychain as the store uses it: one secret per profile name. Every method
throws KeychainError when there is no usable keychain.
*/
export type Keychain = {
	/** What it is called where the person can look for it ("the GNOME keyring (Secret Service)"…). */
	readonly label: string;
	get(account: string): Promise<string | null>;
	set(account: string, secret: string): Promise<void>;
	/** True when there was an entry to delete. */
	delete(account: string): Promise<boolean>;
};

/**
No usable keychain, or it refused. `problem` says what is missing in words a person can act on
(no session bus, no Secret Service, a locked keyring); it never holds a secret.
*/
export class KeychainError extends Error {
	override readonly name = 'KeychainError';

	constructor(
		readonly problem: string,
		options?: {cause?: unknown},
	) {
		super(problem, options);
	}
}

type AsyncEntryClass = new (
	service: string,
	account: string,
	options?: {linux?: {store?: 'secret-service' | 'keyutils'}},
) => {
	getPassword(): Promise<string | null>;
	setPassword(password: string): Promise<void>;
	deleteCredential(): Promise<boolean>;
};

let loaded: AsyncEntryClass | undefined;

/**
Loads @napi-rs/keyring on first use. It is a native module that esbuild cannot bundle (it stays a
runtime dependency, external to dist/), and loading it costs start-up time and memory, so only the
commands that read or write a secret in the keychain ever do.
*/
function loadEntryClass(): AsyncEntryClass {
	if (!loaded) {
		try {
			const requireNative = createRequire(import.meta.url);
			loaded = (requireNative('@napi-rs/keyring') as {AsyncEntry: AsyncEntryClass}).AsyncEntry;
		} catch (error) {
			throw new KeychainError(
				`the keychain library (@napi-rs/keyring) could not be loaded on this system (${firstLine(error)}); reinstall tableau-connect with npm so its prebuilt part for ${process.platform}-${process.arch} is installed`,
				{cause: error},
			);
		}
	}

	return loaded;
}

function firstLine(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

/** Says what is missing, from the library's message (every failure is a plain Error, code GenericFailure). */
export function describeKeychainFailure(error: unknown): string {
	const message = firstLine(error);
	if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|Failed to connect to socket|No such file or directory/i.test(message)) {
		return 'there is no D-Bus session bus here (DBUS_SESSION_BUS_ADDRESS is unset or unreachable, as on a server or over SSH), so no Secret Service keychain can be reached';
	}

	if (/ServiceUnknown|not provided by any \.service|org\.freedesktop\.secrets/i.test(message)) {
		return 'no Secret Service keychain (such as GNOME Keyring or KeePassXC) is running in this session';
	}

	if (/prompt was dismissed|IsLocked|is locked|locked object/i.test(message)) {
		return 'the keychain is locked and could not be unlocked here (unlock it, for example by logging in to the desktop, then try again)';
	}

	return `the keychain refused (${message})`;
}

function labelFor(platform: NodeJS.Platform): string {
	switch (platform) {
		case 'darwin': {
			return 'the macOS Keychain';
		}

		case 'win32': {
			return 'the Windows Credential Manager';
		}

		default: {
			return 'the Secret Service keychain';
		}
	}
}

/**
The real keychain: macOS Keychain, Windows Credential Manager, or the Secret Service on Linux. On
Linux the entry is pinned to the Secret Service: the library's default falls back silently to the
kernel keyring, which lives in memory and is gone after a reboot or a timeout.
*/
export function systemKeychain(service = keychainService): Keychain {
	const entry = (account: string) => {
		const AsyncEntry = loadEntryClass();
		try {
			return new AsyncEntry(service, account, {linux: {store: 'secret-service'}});
		} catch (error) {
			throw new KeychainError(describeKeychainFailure(error), {cause: error});
		}
	};

	const call = async <T>(action: () => Promise<T>): Promise<T> => {
		try {
			return await action();
		} catch (error) {
			throw error instanceof KeychainError ? error : new KeychainError(describeKeychainFailure(error), {cause: error});
		}
	};

	return {
		label: labelFor(process.platform),
		get: async account => call(async () => entry(account).getPassword()),
		set: async (account, secret) => call(async () => entry(account).setPassword(secret)),
		delete: async account => call(async () => entry(account).deleteCredential()),
	};
}

/** The account the preflight asks for: no profile is named so (a profile name holds no space). */
const probeAccount = ' preflight';

/**
Why the keychain cannot be used here, found before anything is tested: a read of an entry nobody
has, so nothing is written and no secret is read. Null when the keychain answers.
*/
export async function keychainProblem(keychain: Keychain = systemKeychain()): Promise<string | null> {
	try {
		await keychain.get(probeAccount);
		return null;
	} catch (error) {
		if (error instanceof KeychainError) {
			return error.problem;
		}

		throw error;
	}
}
