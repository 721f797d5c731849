// A real, private Secret Service for the keychain tests and the bench: a session D-Bus of its own and
// gnome-keyring-daemon on it, unlocked with a password fed on standard input, both in a temporary
// folder (their keyrings included) and both stopped by `stop()`. Nothing touches the keychain of
// the person running the tests. The CLI reaches it through `env`; `secret-tool` sees what it holds.
// `.ci/run` installs dbus, gnome-keyring and libsecret-tools when they are missing.
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const tools = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'];

function missingTools() {
	return tools.filter(tool => spawnSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'}).status !== 0);
}

async function firstLine(child, timeoutMs) {
	return new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error(`no address from dbus-daemon within ${timeoutMs} ms`)), timeoutMs);
		child.stdout.on('data', chunk => {
			text += chunk.toString();
			if (text.includes('\n')) {
				clearTimeout(timer);
				resolve(text.slice(0, text.indexOf('\n')).trim());
			}
		});
		child.once('exit', code => {
			clearTimeout(timer);
			reject(new Error(`dbus-daemon exited (${code}) before giving its address`));
		});
	});
}

async function stopChild(child) {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const closed = new Promise(resolve => {
		child.once('close', () => resolve());
	});
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
	await closed;
	clearTimeout(timer);
}

/** Starts the private Secret Service, or says why it cannot (a missing tool, a daemon that would not start). */
export async function startSecretService() {
	const missing = missingTools();
	if (missing.length > 0) {
		return {unavailable: `${missing.join(', ')} not installed (apt-get install dbus gnome-keyring libsecret-tools)`};
	}

	const folder = mkdtempSync(join(tmpdir(), 'tableau-connect-keyring-'));
	const runtime = join(folder, 'run');
	mkdirSync(runtime, {mode: 0o700});
	// The bus starts gnome-keyring on demand with its own environment: keep even that one in the folder.
	const daemonEnv = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: folder, XDG_DATA_HOME: join(folder, 'data'), XDG_RUNTIME_DIR: runtime};
	const children = [];
	const stop = async () => {
		for (const child of children.reverse()) {
			await stopChild(child);
		}

		rmSync(folder, {recursive: true, force: true});
	};

	try {
		const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {env: daemonEnv, stdio: ['ignore', 'pipe', 'ignore']});
		children.push(bus);
		const address = await firstLine(bus, 10_000);
		const env = {DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime};
		const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
			env: {...daemonEnv, ...env},
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		children.push(keyring);
		keyring.stdin.end('test-keyring-password');

		const clientEnv = {...process.env, ...env};
		const run = (command, args) => spawnSync(command, args, {env: clientEnv, encoding: 'utf8', timeout: 10_000});
		const deadline = Date.now() + 10_000;
		for (;;) {
			const owner = run('dbus-send', [
				'--session',
				'--print-reply',
				'--dest=org.freedesktop.DBus',
				'/org/freedesktop/DBus',
				'org.freedesktop.DBus.NameHasOwner',
				'string:org.freedesktop.secrets',
			]);
			if (owner.stdout.includes('boolean true') && keyring.exitCode === null) {
				break;
			}

			if (Date.now() > deadline || keyring.exitCode !== null) {
				throw new Error('gnome-keyring-daemon did not start its Secret Service');
			}

			await new Promise(resolve => setTimeout(resolve, 25));
		}

		return {
			env,
			lookup(account) {
				const found = run('secret-tool', ['lookup', 'service', 'tableau-connect', 'username', account]);
				return found.status === 0 ? found.stdout : null;
			},
			search() {
				const found = run('secret-tool', ['search', '--all', 'service', 'tableau-connect']);
				return found.stdout + found.stderr;
			},
			clear(account) {
				run('secret-tool', ['clear', 'service', 'tableau-connect', 'username', account]);
			},
			lock() {
				const locked = run('dbus-send', [
					'--session',
					'--print-reply',
					'--dest=org.freedesktop.secrets',
					'/org/freedesktop/secrets',
					'org.freedesktop.Secret.Service.Lock',
					'array:objpath:/org/freedesktop/secrets/collection/login',
				]);
				if (locked.status !== 0) {
					throw new Error(`could not lock the keyring: ${locked.stderr}`);
				}
			},
			stop,
		};
	} catch (error) {
		await stop();
		return {unavailable: `the private Secret Service did not start: ${error instanceof Error ? error.message : String(error)}`};
	}
}
