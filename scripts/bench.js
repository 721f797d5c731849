// `npm run bench`: how fast and how small tableau-connect is, next to baselines measured side by
// side in the same run (alternating, after a warm-up), as medians. A report, never a timed test:
// it prints a markdown table for the README's "Performance" section and exits 0 even when a target
// is missed. Each measure fails on its own ("n/a" and a note) without stopping the others.
//
//   npm run bench                  build, then measure (15 runs of short commands, 7 of long ones)
//   BENCH_RUNS=5 npm run bench     5 runs of everything;  BENCH_RUNS=21,9  short,long
//   BENCH_NODE_FLAGS=--liftoff-only node scripts/bench.js    what a node/V8 flag would change
//   BENCH_ONLY=wizard npm run bench    only the measures whose title holds "wizard"
//
// Latency is added by scripts/latency-proxy.js (50 ms each way, TCP handshake modelled); the
// simulators are `dist/cli.js simulate --json` children, one per origin.
// Needs: the built dist/, curl, tmux and GNU /usr/bin/time (a measure needing a missing tool says so).
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startLatencyProxy} from './latency-proxy.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtCli = join(root, 'dist', 'cli.js');
const node = process.execPath;
const delayMs = 50;
// What-if knob: extra node flags for our CLI only (never the baselines or the simulators), e.g.
// BENCH_NODE_FLAGS=--liftoff-only to see what a start-up change would buy before making it.
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const profileCount = 20;
const only = process.env.BENCH_ONLY ?? '';

const [shortRuns, longRuns] = (() => {
	const text = process.env.BENCH_RUNS;
	if (!text) {
		return [15, 7];
	}

	const [a, b] = text.split(',').map(Number);
	const valid = value => Number.isInteger(value) && value > 0;
	if (!valid(a) || (b !== undefined && !valid(b))) {
		console.error(`BENCH_RUNS must be N or SHORT,LONG (positive integers); got "${text}".`);
		process.exit(2);
	}

	return [a, b ?? a];
})();

// ---------------------------------------------------------------------------------------------
// Clean-up: every child, proxy, temp folder and tmux server this script starts, on any exit.

const children = new Set();
const temporaryFolders = new Set();
const closers = new Set();
let tmuxSocket = null;

function cleanUpSync() {
	for (const child of children) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
		}
	}

	children.clear();
	if (tmuxSocket) {
		spawnSync('tmux', ['-L', tmuxSocket, 'kill-server'], {stdio: 'ignore'});
		tmuxSocket = null;
	}

	for (const folder of temporaryFolders) {
		rmSync(folder, {recursive: true, force: true});
	}

	temporaryFolders.clear();
}

process.on('exit', cleanUpSync);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		cleanUpSync();
		process.exit(130);
	});
}

function temporaryFolder(prefix) {
	const folder = mkdtempSync(join(tmpdir(), `tableau-connect-bench-${prefix}-`));
	temporaryFolders.add(folder);
	return folder;
}

// ---------------------------------------------------------------------------------------------
// Running and timing

/** The environment of every measured command: no developer settings, no proxy, no colour, no CI. */
const baseEnv = (() => {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('TABLEAU_') && !/_proxy$/i.test(key) && key !== 'CI' && !key.startsWith('npm_')) {
			env[key] = value;
		}
	}

	return {...env, NO_COLOR: '1'};
})();

/**
Runs a command to its end; resolves with its exit code, output and wall time (spawn to exit) in ms.
Rejects only when it cannot start; a timeout kills it and gives code null.
*/
function run(command, args, {env = {}, input = '', timeoutMs = 30_000} = {}) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {env: {...baseEnv, ...env}, stdio: ['pipe', 'pipe', 'pipe']});
		children.add(child);
		let stdout = '';
		let stderr = '';
		let ms = 0;
		child.stdout.on('data', chunk => {
			stdout += chunk;
		});
		child.stderr.on('data', chunk => {
			stderr += chunk;
		});
		child.stdin.on('error', () => {});
		child.stdin.end(input);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', error => {
			clearTimeout(timer);
			children.delete(child);
			reject(error);
		});
		child.on('exit', () => {
			ms = performance.now() - started;
		});
		child.on('close', code => {
			clearTimeout(timer);
			children.delete(child);
			resolve({code, stdout, stderr, ms});
		});
	});
}

/** The first line of stderr (or stdout), for a note that says why a measure is n/a. */
function why(result) {
	const text = `${result.stderr}\n${result.stdout}`.trim().split('\n')[0] ?? '';
	return `exit ${result.code}${text ? `: ${text.slice(0, 160)}` : ''}`;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
Times several samplers side by side: one warm-up each, then `runs` rounds in which every sampler
runs once, in turn, so that machine noise hits all of them alike. A sampler resolves with a number
(ms unless it says otherwise) or throws to say its measure is not available.
Returns the medians by name.
*/
async function sideBySide(runs, samplers) {
	const samples = Object.fromEntries(Object.keys(samplers).map(name => [name, []]));
	for (let round = -1; round < runs; round++) {
		for (const [name, sample] of Object.entries(samplers)) {
			const value = await sample();
			if (round >= 0) {
				samples[name].push(value);
			}
		}
	}

	return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function hasTool(command, args) {
	const result = spawnSync(command, args, {stdio: 'ignore'});
	return !result.error;
}

// ---------------------------------------------------------------------------------------------
// The table

const rows = [];
const notes = [];

function progress(text) {
	process.stderr.write(`bench: ${text}\n`);
}

const ms = value => `${Math.round(value)} ms`;
const mib = kib => `${(kib / 1024).toFixed(1)} MiB`;

/** Adds a row; `limit` is the target ratio (or absolute value, with `absolute`) not to exceed. */
function addRow({metric, ours, baseline, format = ms, limit, target, absolute = false}) {
	const ratio = baseline ? ours / baseline : null;
	const measured = absolute ? ours : ratio;
	const met =
		limit === undefined || measured === null
			? '—'
			: measured <= limit
				? 'yes'
				: `**no** (${absolute ? `+${format(ours - limit)}` : `${((measured / limit - 1) * 100).toFixed(0)}% over`})`;
	rows.push([metric, format(ours), baseline ? format(baseline) : '—', ratio === null ? '—' : `${ratio.toFixed(2)}×`, target ?? '—', met]);
}

function addUnavailable(metric, target, reason) {
	rows.push([metric, 'n/a', '—', '—', target ?? '—', 'n/a']);
	notes.push(`${metric}: n/a (${reason})`);
}

/** Runs one measure; any failure becomes n/a rows with the reason, never a crash. */
async function measure(title, metrics, body) {
	if (only && !title.includes(only)) {
		return;
	}

	progress(title);
	try {
		await body();
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		for (const [metric, target] of metrics) {
			if (!rows.some(row => row[0] === metric)) {
				addUnavailable(metric, target, reason);
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Simulators and proxies

/** Starts `dist/cli.js simulate --json` as a child and resolves with its first line, parsed. */
function startSimulate(scenario = 'ok') {
	return new Promise((resolve, reject) => {
		const child = spawn(node, [cli, 'simulate', '--json', '--scenario', scenario], {env: baseEnv, stdio: ['ignore', 'pipe', 'pipe']});
		children.add(child);
		let buffer = '';
		let stderr = '';
		const timer = setTimeout(() => fail(new Error('simulate printed nothing within 15 s')), 15_000);
		const fail = error => {
			clearTimeout(timer);
			child.kill('SIGKILL');
			reject(error);
		};

		child.on('error', fail);
		child.stderr.on('data', chunk => {
			stderr += chunk;
		});
		child.on('exit', code => {
			children.delete(child);
			fail(new Error(`simulate exited (${code}) before printing its address: ${stderr.trim().split('\n')[0] ?? ''}`));
		});
		child.stdout.on('data', chunk => {
			buffer += chunk;
			const newline = buffer.indexOf('\n');
			if (newline === -1) {
				return;
			}

			clearTimeout(timer);
			child.stdout.removeAllListeners('data');
			child.stdout.resume();
			child.removeAllListeners('exit');
			child.on('exit', () => children.delete(child));
			try {
				const info = JSON.parse(buffer.slice(0, newline));
				resolve({
					...info,
					port: Number(new URL(info.url).port),
					async stop() {
						if (child.exitCode === null && child.signalCode === null) {
							const exited = new Promise(done => child.once('exit', done));
							child.kill('SIGINT');
							const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
							await exited;
							clearTimeout(timer);
						}
					},
				});
			} catch {
				fail(new Error(`simulate --json printed no JSON: ${buffer.slice(0, newline).slice(0, 120)}`));
			}
		});
	});
}

async function startProxy(simulator) {
	const proxy = await startLatencyProxy({targetPort: simulator.port, delayMs});
	closers.add(proxy);
	return proxy;
}

function testArgs(server, simulator) {
	const ca = simulator.caFile ? ['--ca-file', simulator.caFile] : [];
	return ['test', '--server', server, '--site', simulator.site, '--token-name', simulator.tokenName, '--token-secret-stdin', '--json', ...ca];
}

/** One `test --json` run, which must verify; resolves with its wall time. */
async function timedTest(server, simulator) {
	const result = await run(node, [...ours, ...testArgs(server, simulator)], {input: `${simulator.tokenSecret}\n`});
	let parsed = null;
	try {
		parsed = JSON.parse(result.stdout);
	} catch {
		// Not JSON: reported below.
	}

	if (result.code !== 0 || parsed?.ok !== true) {
		throw new Error(`test --json did not verify (${why(result)}${parsed?.diagnosis ? `, diagnosis ${parsed.diagnosis.code}` : ''})`);
	}

	return result.ms;
}

/** Peak RSS in KiB of one run, by GNU time. */
async function peakRss(args, options = {}) {
	const folder = temporaryFolder('rss');
	const file = join(folder, 'rss');
	const result = await run('/usr/bin/time', ['-f', '%M', '-o', file, ...args], options);
	const kib = Number(readFileSync(file, 'utf8').trim().split('\n').at(-1));
	rmSync(folder, {recursive: true, force: true});
	temporaryFolders.delete(folder);
	if (!Number.isFinite(kib) || kib <= 0) {
		throw new Error(`no peak RSS from /usr/bin/time (${why(result)})`);
	}

	return {kib, result};
}

/** The two curl commands of Parable's page, one after the other, as a person would paste them. */
async function twoCurls(server, simulator) {
	const body = JSON.stringify({
		credentials: {personalAccessTokenName: simulator.tokenName, personalAccessTokenSecret: simulator.tokenSecret, site: {contentUrl: simulator.site}},
	});
	const signIn = await run('curl', [
		'-s',
		'-X',
		'POST',
		`${server}/api/3.23/auth/signin`,
		'-H',
		'Content-Type: application/json',
		'-H',
		'Accept: application/json',
		'-d',
		body,
	]);
	let credentials;
	try {
		credentials = JSON.parse(signIn.stdout).credentials;
	} catch {
		// Not JSON: reported below.
	}

	if (signIn.code !== 0 || !credentials?.token || !credentials?.site?.id) {
		throw new Error(`curl sign-in failed (${why(signIn)})`);
	}

	const users = await run('curl', [
		'-s',
		'-H',
		'Accept: application/json',
		'-H',
		`X-Tableau-Auth: ${credentials.token}`,
		`${server}/api/3.23/sites/${credentials.site.id}/users`,
	]);
	if (users.code !== 0 || !users.stdout.includes('"users"')) {
		throw new Error(`curl users failed (${why(users)})`);
	}

	return signIn.ms + users.ms;
}

// ---------------------------------------------------------------------------------------------
// tmux: a private server, so nothing of the user's tmux is touched and all of it goes at the end.

function tmux(...args) {
	return spawnSync('tmux', ['-L', tmuxSocket, ...args], {encoding: 'utf8'});
}

function startTmux(configDir) {
	if (tmuxSocket) {
		// Already up for an earlier measure; each command sets its own config folder.
		return;
	}

	tmuxSocket = `tableau-connect-bench-${process.pid}`;
	// A keeper session holds the server up between runs, so no run pays for starting it.
	const started = spawnSync('tmux', ['-L', tmuxSocket, '-f', '/dev/null', 'new-session', '-d', '-s', 'keeper', '-x', '80', '-y', '24'], {
		env: {...baseEnv, TERM: 'xterm-256color', TABLEAU_CONNECT_CONFIG_DIR: configDir},
		encoding: 'utf8',
	});
	if (started.status !== 0) {
		throw new Error(`tmux would not start: ${(started.stderr ?? '').trim()}`);
	}

	// Keep a pane after its program exits, so a command that prints and exits can still be read.
	tmux('set-option', '-g', 'remain-on-exit', 'on');
}

let sessionCounter = 0;

/**
Starts `command` in a new 80×24 tmux session; resolves once the pane shows any text, with the
time from launch to then, the text, and the session name (for the caller to kill).
*/
function timeFirstText(command, {deadlineMs = 10_000} = {}) {
	const session = `run${++sessionCounter}`;
	const started = performance.now();
	const launched = tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', command);
	if (launched.status !== 0) {
		throw new Error(`tmux new-session failed: ${launched.stderr.trim()}`);
	}

	for (;;) {
		const captured = tmux('capture-pane', '-p', '-t', session);
		const elapsed = performance.now() - started;
		// tmux's own "Pane is dead" line (remain-on-exit) is not the program's text.
		if (captured.stdout.split('\n').some(line => line.trim() !== '' && !line.startsWith('Pane is dead'))) {
			return {ms: elapsed, text: captured.stdout, session};
		}

		const dead = captured.stdout.split('\n').find(line => line.startsWith('Pane is dead'));
		if (dead) {
			tmux('kill-session', '-t', session);
			throw new Error(`the program ended before showing anything (${dead.replace(/^Pane is dead \((.*?)(, \w{3} \w{3} .*)?\)$/, '$1')})`);
		}

		if (elapsed > deadlineMs) {
			tmux('kill-session', '-t', session);
			throw new Error(`no text on screen within ${deadlineMs / 1000} s`);
		}

		sleepSync(5);
	}
}

function paneState(session) {
	const [dead, status] = tmux('display-message', '-p', '-t', session, '#{pane_dead} #{pane_dead_status}').stdout.trim().split(' ');
	return {dead: dead === '1', status: status === '' || status === undefined ? null : Number(status)};
}

const quote = text => `'${text.replaceAll("'", "'\\''")}'`;

// ---------------------------------------------------------------------------------------------
// The measures

if (!existsSync(builtCli)) {
	console.error(`${builtCli} is missing: run "npm run build" first (npm run bench does).`);
	process.exit(2);
}

// Measure a copy of dist/, so that a build started meanwhile (say, an `npm test` next door) cannot
// swap the chunks under a run. It sits beside package.json (ESM) and a link to node_modules, so it
// loads exactly as dist/ does.
const snapshot = temporaryFolder('dist');
cpSync(join(root, 'dist'), join(snapshot, 'dist'), {recursive: true});
cpSync(join(root, 'package.json'), join(snapshot, 'package.json'));
symlinkSync(join(root, 'node_modules'), join(snapshot, 'node_modules'), 'dir');
const cli = join(snapshot, 'dist', 'cli.js');
const ours = [...nodeFlags, cli];

const emptyConfig = temporaryFolder('config-empty');

const startupMetrics = [
	['`--help`', '≤ 1.5× `node -e 0`'],
	['`--version`', '—'],
	['`profiles list` (empty store)', '—'],
];
await measure(`start-up: node -e 0, --help, --version, profiles list (${shortRuns} runs)`, startupMetrics, async () => {
	const help = await run(node, [...ours, '--help']);
	if (help.code !== 0 || !help.stdout.includes('Usage')) {
		throw new Error(`--help failed (${why(help)})`);
	}

	const list = await run(node, [...ours, 'profiles', 'list'], {env: {TABLEAU_CONNECT_CONFIG_DIR: emptyConfig}});
	const listWorks = list.code === 0;
	const samplers = {
		base: async () => (await run(node, ['-e', '0'])).ms,
		help: async () => (await run(node, [...ours, '--help'])).ms,
		version: async () => (await run(node, [...ours, '--version'])).ms,
	};
	if (listWorks) {
		samplers.list = async () => (await run(node, [...ours, 'profiles', 'list'], {env: {TABLEAU_CONNECT_CONFIG_DIR: emptyConfig}})).ms;
	}

	const medians = await sideBySide(shortRuns, samplers);
	addRow({metric: startupMetrics[0][0], ours: medians.help, baseline: medians.base, limit: 1.5, target: '≤ 1.5× `node -e 0`'});
	addRow({metric: startupMetrics[1][0], ours: medians.version, baseline: medians.base});
	if (listWorks) {
		addRow({metric: startupMetrics[2][0], ours: medians.list, baseline: medians.base});
	} else {
		addUnavailable(startupMetrics[2][0], '—', `command not available: ${why(list)}`);
	}
});

let simulator = null;
let slowTestMs = null;
const directMetric = ['`test --json`, simulator on localhost', '—'];
const latencyMetrics = [
	['`test --json`, 100 ms round trip', '≤ 1.0× the two curls'],
	['TCP connections of one `test --json`', '1'],
	['Round trips of one `test --json`', '3'],
];
const redirectMetrics = [
	['`test --json`, server that redirects once (http → https), 100 ms round trip', '—'],
	['Round trips, server that redirects once (http → https)', '—'],
];
await measure(`test --json, direct and through a ${2 * delayMs} ms round-trip proxy (${longRuns} runs)`, [directMetric, ...latencyMetrics], async () => {
	simulator = await startSimulate();
	const proxy = await startProxy(simulator);
	const direct = await sideBySide(shortRuns, {
		base: async () => (await run(node, ['-e', '0'])).ms,
		ours: () => timedTest(simulator.url, simulator),
	});
	addRow({metric: directMetric[0], ours: direct.ours, baseline: direct.base});

	if (!hasTool('curl', ['--version'])) {
		throw new Error('curl is not installed');
	}

	let ourConnections = 0;
	let curlConnections = 0;
	let ourRoundTrips = 0;
	const slow = await sideBySide(longRuns, {
		ours: async () => {
			proxy.resetCount();
			const time = await timedTest(proxy.url, simulator);
			ourConnections = Math.max(ourConnections, proxy.connections());
			ourRoundTrips = Math.max(ourRoundTrips, proxy.roundTrips());
			return time;
		},
		curls: async () => {
			proxy.resetCount();
			const time = await twoCurls(proxy.url, simulator);
			curlConnections = Math.max(curlConnections, proxy.connections());
			return time;
		},
	});
	addRow({metric: latencyMetrics[0][0], ours: slow.ours, baseline: slow.curls, limit: 1, target: latencyMetrics[0][1]});
	rows.push([latencyMetrics[1][0], String(ourConnections), `${curlConnections} (curls)`, '—', '1', ourConnections === 1 ? 'yes' : '**no**']);
	rows.push([latencyMetrics[2][0], String(ourRoundTrips), '—', '—', '3', ourRoundTrips === 3 ? 'yes' : '**no**']);
	slowTestMs = slow.ours;
});

// A server that moves http:// to https:// on every path, the most common setup there is: the
// simulator's http-upgrade scenario, behind the same kind of proxy. Baseline: the run above, without redirect.
await measure(
	`test --json against a server that redirects once, through a ${2 * delayMs} ms round-trip proxy (${longRuns} runs)`,
	redirectMetrics,
	async () => {
		const upgrading = await startSimulate('http-upgrade');
		try {
			const proxy = await startProxy(upgrading);
			const times = [];
			const roundTrips = [];
			for (let index = 0; index < longRuns; index++) {
				proxy.resetCount();
				times.push(await timedTest(proxy.url, upgrading));
				roundTrips.push(proxy.roundTrips());
			}

			addRow({metric: redirectMetrics[0][0], ours: median(times), baseline: slowTestMs});
			rows.push([redirectMetrics[1][0], String(median(roundTrips)), '3 (no redirect)', '—', '—', '—']);
			notes.push(
				`A server that redirects once took ${median(roundTrips)} round trips over ${proxy.connections()} connections: round one on http://, then the https:// connection's TCP and TLS handshakes, serverinfo and sign-in together again, and round two.`,
			);
		} finally {
			await upgrading.stop();
		}
	},
);

const memoryMetrics = [
	['Peak RSS, `test --json`', '≤ 60 MiB'],
	['Peak RSS, `test --all --json` (20 profiles)', '≤ 60 MiB'],
	['Peak RSS, wizard (`setup`, first frame)', '≤ 80 MiB'],
];
await measure('peak memory of test --json (5 runs)', [memoryMetrics[0]], async () => {
	if (!simulator) {
		throw new Error('no simulator');
	}

	const values = {base: [], ours: []};
	for (let index = 0; index < 5; index++) {
		values.base.push((await peakRss([node, '-e', '0'])).kib);
		const {kib, result} = await peakRss([node, ...ours, ...testArgs(simulator.url, simulator)], {input: `${simulator.tokenSecret}\n`});
		if (result.code !== 0) {
			throw new Error(`test --json failed (${why(result)})`);
		}

		values.ours.push(kib);
	}

	addRow({
		metric: memoryMetrics[0][0],
		ours: median(values.ours),
		baseline: median(values.base),
		format: mib,
		limit: 60 * 1024,
		absolute: true,
		target: memoryMetrics[0][1],
	});
});

const keychainMetrics = [
	['`test NAME --json`, secret in the keychain (simulator on localhost)', '—'],
	['Peak RSS, `test NAME --json`, secret in the keychain', '—'],
];
await measure(`test NAME: secret in the keychain vs in the file, private Secret Service (${shortRuns} runs)`, keychainMetrics, async () => {
	if (!simulator) {
		throw new Error('the simulator did not start');
	}

	const {startSecretService} = await import('./secret-service.js');
	const service = await startSecretService();
	if ('unavailable' in service) {
		throw new Error(service.unavailable);
	}

	closers.add({close: async () => service.stop()});
	const env = {TABLEAU_CONNECT_CONFIG_DIR: temporaryFolder('config-keychain'), ...service.env};
	for (const [name, store] of [
		['in-file', 'file'],
		['in-keychain', 'keychain'],
	]) {
		const args = ['profiles', 'add', name, '--server', simulator.url, '--site', simulator.site, '--token-name', simulator.tokenName];
		const added = await run(node, [...ours, ...args, '--token-secret-stdin', '--no-verify', '--secret-store', store], {env, input: simulator.tokenSecret});
		if (added.code !== 0) {
			throw new Error(`profiles add --secret-store ${store} failed (${why(added)})`);
		}
	}

	const timed = async name => {
		const result = await run(node, [...ours, 'test', name, '--json'], {env});
		if (result.code !== 0) {
			const diagnosis = /"code": "([\w-]+)"/.exec(result.stdout)?.[1];
			throw new Error(`test ${name} did not verify (${why(result)}${diagnosis ? `, diagnosis ${diagnosis}` : ''})`);
		}

		return result.ms;
	};

	const medians = await sideBySide(shortRuns, {file: async () => timed('in-file'), keychain: async () => timed('in-keychain')});
	addRow({metric: keychainMetrics[0][0], ours: medians.keychain, baseline: medians.file});
	notes.push(
		`Keychain read: \`test NAME\` with its secret in the keychain against the same profile with its secret in the file (the baseline); the difference, ${ms(medians.keychain - medians.file)}, is loading @napi-rs/keyring and one Secret Service round trip (and noise: compare it with the spread of the start-up rows).`,
	);
	if (!hasTool('/usr/bin/time', ['-f', '%M', 'true'])) {
		throw new Error('GNU time (/usr/bin/time) is not installed');
	}

	const rss = {file: [], keychain: []};
	for (let round = 0; round < longRuns; round++) {
		rss.file.push((await peakRss([node, ...ours, 'test', 'in-file', '--json'], {env})).kib);
		rss.keychain.push((await peakRss([node, ...ours, 'test', 'in-keychain', '--json'], {env})).kib);
	}

	addRow({metric: keychainMetrics[1][0], ours: median(rss.keychain), baseline: median(rss.file), format: mib});
});

await simulator?.stop();

// test --all over 20 profiles, each its own simulator behind its own latency proxy (own origin).
const allMetric = [`\`test --all --json\`, ${profileCount} profiles, 100 ms round trip`, '≤ 2× one `test NAME`'];
await measure(`test --all over ${profileCount} profiles vs test NAME (${longRuns} runs)`, [allMetric, memoryMetrics[1]], async () => {
	const configDir = temporaryFolder('config-all');
	const probeDir = temporaryFolder('config-probe');
	const probe = await run(
		node,
		[...ours, 'profiles', 'add', 'probe', '--server', 'http://127.0.0.1:9', '--site', 'acme', '--token-name', 'probe', '--token-secret-stdin', '--no-verify'],
		{
			env: {TABLEAU_CONNECT_CONFIG_DIR: probeDir},
			input: 'probe-secret\n',
		},
	);
	if (probe.code !== 0) {
		throw new Error(`command not available: profiles add: ${why(probe)}`);
	}

	const started = await Promise.allSettled(Array.from({length: profileCount}, () => startSimulate()));
	const simulators = started.filter(item => item.status === 'fulfilled').map(item => item.value);
	try {
		const failed = started.find(item => item.status === 'rejected');
		if (failed) {
			throw failed.reason;
		}

		const proxies = await Promise.all(simulators.map(item => startProxy(item)));
		const names = simulators.map((_, index) => `bench-${String(index + 1).padStart(2, '0')}`);
		for (const [index, item] of simulators.entries()) {
			const added = await run(
				node,
				[
					...ours,
					'profiles',
					'add',
					names[index],
					'--server',
					proxies[index].url,
					'--site',
					item.site,
					'--token-name',
					item.tokenName,
					'--token-secret-stdin',
					'--no-verify',
				],
				{
					env: {TABLEAU_CONNECT_CONFIG_DIR: configDir},
					input: `${item.tokenSecret}\n`,
				},
			);
			if (added.code !== 0) {
				throw new Error(`command not available: profiles add: ${why(added)}`);
			}
		}

		const env = {TABLEAU_CONNECT_CONFIG_DIR: configDir};
		const one = async () => {
			const result = await run(node, [...ours, 'test', names[0], '--json'], {env});
			if (result.code !== 0) {
				throw new Error(`command not available: test NAME: ${why(result)}`);
			}

			return result.ms;
		};

		let allConnections = 0;
		const all = async () => {
			for (const proxy of proxies) {
				proxy.resetCount();
			}

			const result = await run(node, [...ours, 'test', '--all', '--json'], {env});
			let parsed = null;
			try {
				parsed = JSON.parse(result.stdout);
			} catch {
				// Not JSON: reported below.
			}

			if (!Array.isArray(parsed)) {
				throw new Error(`command not available: test --all --json: ${why(result)}`);
			}

			const failed = parsed.filter(item => item?.ok !== true);
			if (parsed.length !== profileCount || failed.length > 0) {
				throw new Error(`test --all --json gave ${parsed.length} results, ${failed.length} not ok (${failed.map(item => item?.diagnosis?.code).join(', ')})`);
			}

			allConnections = Math.max(
				allConnections,
				proxies.reduce((sum, proxy) => sum + proxy.connections(), 0),
			);
			return result.ms;
		};

		const medians = await sideBySide(longRuns, {one, all});
		addRow({metric: allMetric[0], ours: medians.all, baseline: medians.one, limit: 2, target: allMetric[1]});
		notes.push(`\`test --all --json\` opened ${allConnections} TCP connections for ${profileCount} profiles.`);

		const rss = [];
		for (let index = 0; index < 3; index++) {
			const {kib, result} = await peakRss([node, ...ours, 'test', '--all', '--json'], {env});
			if (result.code !== 0) {
				throw new Error(`test --all --json failed (${why(result)})`);
			}

			rss.push(kib);
		}

		addRow({metric: memoryMetrics[1][0], ours: median(rss), format: mib, limit: 60 * 1024, absolute: true, target: memoryMetrics[1][1]});
	} finally {
		await Promise.all(simulators.map(item => item.stop()));
	}
});

// The wizard's first frame in a real terminal (tmux), next to a hello world timed the same way.
const frameMetric = ['Wizard first frame (`setup`, tmux 80×24)', '≤ 2.2× hello world'];
const coldFrameMetric = ['Wizard first frame, first run (no code cache yet)', '—'];
await measure(`wizard first frame in tmux (${longRuns} runs)`, [frameMetric, coldFrameMetric, memoryMetrics[2]], async () => {
	if (!hasTool('tmux', ['-V'])) {
		throw new Error('tmux is not installed');
	}

	const configDir = temporaryFolder('config-wizard');
	// The screens keep V8's code cache of their libraries in the platform's cache folder: here, one of
	// the bench's own, filled by the first run; the cold row's cannot be created, so every run compiles.
	const cacheDir = temporaryFolder('cache-wizard');
	startTmux(configDir);
	const env = `env TABLEAU_CONNECT_CONFIG_DIR=${quote(configDir)} XDG_CACHE_HOME=${quote(cacheDir)} `;
	const coldEnv = `env TABLEAU_CONNECT_CONFIG_DIR=${quote(configDir)} XDG_CACHE_HOME=/dev/null/no-cache `;
	const hello = `${env}${quote(node)} -e ${quote("console.log('hello world')")}`;
	const wizard = `${env}${quote(node)} ${ours.map(quote).join(' ')} setup`;
	const coldWizard = `${coldEnv}${quote(node)} ${ours.map(quote).join(' ')} setup`;

	// A first run that must show the wizard and keep running: else `setup` is not there yet. Quit
	// with Ctrl-C, as a person would, it leaves the code cache.
	const first = timeFirstText(wizard);
	sleepSync(400);
	const state = paneState(first.session);
	const screen = tmux('capture-pane', '-p', '-t', first.session).stdout;
	tmux('send-keys', '-t', first.session, 'C-c');
	const quitBy = performance.now() + 3000;
	while (!paneState(first.session).dead && performance.now() < quitBy) {
		sleepSync(20);
	}

	tmux('kill-session', '-t', first.session);
	if (state.dead) {
		throw new Error(`setup exited (status ${state.status}) instead of showing the wizard: ${screen.trim().split('\n')[0]?.slice(0, 160) ?? ''}`);
	}

	if (!existsSync(join(cacheDir, 'tableau-connect')) || readdirSync(join(cacheDir, 'tableau-connect')).length === 0) {
		throw new Error(`the wizard left no code cache in ${cacheDir}/tableau-connect after Ctrl-C`);
	}

	// Both stay on screen afterwards (a dead pane can lose its text in tmux 3.3) and both pay for the
	// same shell: `sh -c "COMMAND; sleep 30"`.
	const timeOf = command => async () => {
		const {ms: time, session} = timeFirstText(`${command}; sleep 30`);
		tmux('kill-session', '-t', session);
		return time;
	};

	const medians = await sideBySide(longRuns, {hello: timeOf(hello), wizard: timeOf(wizard), cold: timeOf(coldWizard)});
	addRow({metric: frameMetric[0], ours: medians.wizard, baseline: medians.hello, limit: 2.2, target: frameMetric[1]});
	addRow({metric: coldFrameMetric[0], ours: medians.cold, baseline: medians.hello, target: coldFrameMetric[1]});

	// Peak memory: the wizard under GNU time, quit with Ctrl-C once its first frame has settled.
	const rss = [];
	for (let index = 0; index < 3; index++) {
		const folder = temporaryFolder('rss');
		const file = join(folder, 'rss');
		const {session} = timeFirstText(`${env}/usr/bin/time -f %M -o ${quote(file)} ${quote(node)} ${ours.map(quote).join(' ')} setup`);
		sleepSync(300);
		tmux('send-keys', '-t', session, 'C-c');
		const deadline = performance.now() + 3000;
		while (!paneState(session).dead && performance.now() < deadline) {
			sleepSync(20);
		}

		if (!paneState(session).dead) {
			tmux('send-keys', '-t', session, 'C-c');
			tmux('send-keys', '-t', session, 'q');
			sleepSync(500);
		}

		tmux('kill-session', '-t', session);
		const kib = existsSync(file) ? Number(readFileSync(file, 'utf8').trim().split('\n').at(-1)) : Number.NaN;
		if (!Number.isFinite(kib) || kib <= 0) {
			throw new Error('the wizard did not quit on Ctrl-C, so GNU time reported no peak RSS');
		}

		rss.push(kib);
	}

	addRow({metric: memoryMetrics[2][0], ours: median(rss), format: mib, limit: 80 * 1024, absolute: true, target: memoryMetrics[2][1]});
});

// Typing in the wizard, in tmux: from a key sent to its character on screen, next to a program that
// only echoes keys in raw mode (what the terminal and tmux cost by themselves).
const keyMetric = ['Wizard key-to-frame while typing (Server URL, tmux)', '—'];
const pasteMetric = ['Wizard 200-character paste to frame (Server URL, tmux)', '—'];
await measure(`wizard typing and a paste in tmux (${longRuns} runs)`, [keyMetric, pasteMetric], async () => {
	if (!hasTool('tmux', ['-V'])) {
		throw new Error('tmux is not installed');
	}

	const configDir = temporaryFolder('config-typing');
	startTmux(configDir);
	const env = `env TABLEAU_CONNECT_CONFIG_DIR=${quote(configDir)} `;
	const echo = `${quote(node)} -e ${quote("process.stdin.setRawMode(true); process.stdin.on('data', data => process.stdout.write(data)); process.stdout.write('> ')")}`;
	const wizard = `${env}${quote(node)} ${ours.map(quote).join(' ')} setup`;
	const typed = 'https://tableau.example.com';
	const pasted = `https://tableau.example.com/#/site/acme/views/${'x'.repeat(200 - 47)}/sheet`.slice(0, 200);

	/** The pane's line (wrapped lines joined) holding the echo's prompt or the wizard's Server URL field. */
	const fieldLine = session =>
		tmux('capture-pane', '-p', '-J', '-t', session)
			.stdout.split('\n')
			.find(line => line.startsWith('> ') || line.includes('› Server URL')) ?? '';
	/** Sends `text` in one write and returns the ms until the field's line shows `expected`. */
	const timeTo = (session, text, expected) => {
		const started = performance.now();
		tmux('send-keys', '-t', session, '-l', text);
		for (;;) {
			if (fieldLine(session).includes(expected)) {
				return performance.now() - started;
			}

			if (performance.now() - started > 5000) {
				throw new Error(`"${expected.slice(-20)}" did not show within 5 s`);
			}

			sleepSync(1);
		}
	};

	/** Starts `command`, brings it to its field, and hands the session to `use`. */
	const session = (command, atField, use) => async () => {
		const {session: name} = timeFirstText(`${command}; sleep 30`);
		try {
			atField(name);
			return use(name);
		} finally {
			tmux('kill-session', '-t', name);
		}
	};

	const toServerField = name => {
		tmux('send-keys', '-t', name, '-l', '\r\r\r\r');
		const deadline = performance.now() + 5000;
		while (!fieldLine(name).includes('› Server URL')) {
			if (performance.now() > deadline) {
				throw new Error('the wizard did not reach Server URL');
			}

			sleepSync(5);
		}
	};

	const none = () => undefined;
	const typing = name => median([...typed].map((_, index) => timeTo(name, typed[index], typed.slice(0, index + 1))));
	const paste = name => timeTo(name, pasted, pasted.slice(-30));
	const keys = await sideBySide(longRuns, {echo: session(echo, none, typing), wizard: session(wizard, toServerField, typing)});
	addRow({metric: keyMetric[0], ours: keys.wizard, baseline: keys.echo, target: keyMetric[1], format: value => `${value.toFixed(1)} ms`});
	const pastes = await sideBySide(longRuns, {echo: session(echo, none, paste), wizard: session(wizard, toServerField, paste)});
	addRow({metric: pasteMetric[0], ours: pastes.wizard, baseline: pastes.echo, target: pasteMetric[1], format: value => `${value.toFixed(1)} ms`});
});

for (const closer of closers) {
	await closer.close();
}

// ---------------------------------------------------------------------------------------------
// Report

const order = [
	...startupMetrics.map(([metric]) => metric),
	directMetric[0],
	...keychainMetrics.map(([metric]) => metric),
	...latencyMetrics.map(([metric]) => metric),
	...redirectMetrics.map(([metric]) => metric),
	allMetric[0],
	frameMetric[0],
	keyMetric[0],
	pasteMetric[0],
	...memoryMetrics.map(([metric]) => metric),
];
rows.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
const header = ['metric', 'ours', 'baseline', 'ratio', 'target', 'met?'];
const lines = [
	`tableau-connect ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}, Node ${process.version}, ${process.platform}-${process.arch}; medians of ${shortRuns} runs (short) / ${longRuns} (long), baselines measured alternately in the same run.${nodeFlags.length > 0 ? ` Our CLI ran with BENCH_NODE_FLAGS=${nodeFlags.join(' ')}.` : ''}`,
	'',
	`| ${header.join(' | ')} |`,
	`| ${header.map(() => '---').join(' | ')} |`,
	...rows.map(row => `| ${row.join(' | ')} |`),
	'',
	"Baselines: `node -e 0` for start-up; for latency, the two `curl` commands of Parable's page (sign in, then list users) run one after the other through the same proxy;",
	`for \`--all\`, one \`test NAME\` through the same kind of proxy; for the wizard, \`node -e "console.log('hello world')"\` in the same tmux, both timed from launch to the first text on screen (polled every 5 ms);`,
	"The wizard keeps V8's code cache of the screens' libraries from its last run (in the platform's cache folder): its first-frame row has one, left by a first run quit with Ctrl-C; the first-run row has none, as right after an install or an upgrade.",
	'for typing and the paste, a node program that only echoes keys in raw mode, in the same tmux: each key sent alone and timed until the screen shows it (median over the 27 keys of https://tableau.example.com), the 200 characters in one write until their end shows.',
	`The proxy (scripts/latency-proxy.js) delays each direction by ${delayMs} ms and models the TCP handshake (first bytes of a connection leave one round trip after connect), so each new connection costs what it would on a real network.`,
	...notes.map(note => `- ${note}`),
];
console.log(lines.join('\n'));
// Whatever a failed measure left running must not keep the bench alive.
cleanUpSync();
process.exit(0);
