import type {CommandIo} from './io.js';

/**
How every screen is rendered: on the command's own streams, with Ctrl-C left to the screen (so it
can say what was kept and end with 130 like every other command), and console output untouched.
*/
export function inkRenderOptions(io: CommandIo) {
	return {
		stdin: io.stdin as NodeJS.ReadStream,
		stdout: io.stdout as NodeJS.WriteStream,
		stderr: io.stderr as NodeJS.WriteStream,
		exitOnCtrlC: false,
		patchConsole: false,
	};
}
