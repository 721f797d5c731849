// Entry point: the command line (source/commands/main.ts) on the process's streams, environment and
// signals, and its outcome as the exit code.
import {setFlagsFromString} from 'node:v8';
import {listenToSignals} from './source/commands/core/interrupt.js';
import {processIo} from './source/commands/core/io.js';
import {runCommandLine} from './source/commands/main.js';
import {v8FlagsFor} from './source/commands/core/v8-flags.js';

const argv = process.argv.slice(2);
for (const flag of v8FlagsFor(argv)) {
	setFlagsFromString(flag);
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
