// Entry point: the command line (source/commands/main.ts) on the process's streams, environment and
// signals, and its outcome as the exit code.
import {setFlagsFromString} from 'node:v8';
import {listenToSignals} from './source/commands/core/interrupt.js';
import {processIo} from './source/commands/core/io.js';
import {runCommandLine} from './source/commands/main.js';

// undici parses HTTP with a WebAssembly build of llhttp, and V8's optimising compiler for it costs
// about 35 MiB of memory and 90 ms for no gain in a run of six requests. The baseline compiler
// alone is plenty. Measured with `npm run bench`: peak memory of `test --json` 94 → 60 MiB.
setFlagsFromString('--liftoff-only');

const argv = process.argv.slice(2);
// A command without a screen (but simulate, a server) lasts a second or two, and V8's compilers cost it more than they win:
// TurboFan and Maglev compile hot code on a thread of their own, with memory and the compiler's
// code pages, and Sparkplug's code is memory too. The young generation doubles from 1 MiB as a run
// allocates; kept at its first size, a collection comes a millisecond more often and the peak stays
// lower. `npm run bench`: peak memory of `test --all --json` over 20 profiles 68 → 60 MiB. The
// screens (the home screen, setup, demo) keep the defaults, for their first frame is what counts.
const lastsLonger = argv[0] === undefined || argv[0].startsWith('-') || ['setup', 'demo', 'simulate'].includes(argv[0]);
if (!lastsLonger) {
	for (const flag of ['--no-turbofan', '--no-maglev', '--no-sparkplug', '--semi-space-growth-factor=1']) {
		setFlagsFromString(flag);
	}
}

// `tableau-connect test … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') {
			throw error;
		}

		process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
	});
}

const io = processIo();
// The demo takes Ctrl-C as a key.
if (argv[0] !== 'demo') {
	listenToSignals(io.interrupts);
}

process.exitCode = await runCommandLine(argv, io);
