import {PassThrough} from 'node:stream';

/** What the presenter's keyboard does while the demo plays itself. */
export type PresenterKeys = {
	/** q: the demo ends, whatever screen it is on (a text field would take q as a letter). */
	onQuit: () => void;
	/** Any other key but Ctrl-C: the presenter takes over from here; the key itself does nothing else. */
	onTakeOver: () => void;
};

export type AutoplayInput = {
	/** The stream Ink reads: the script's keys, and the presenter's once they took over. */
	readonly stdin: NodeJS.ReadStream;
	/** Keys from the script, as if typed. */
	write(keys: string): void;
	/** Stops reading the terminal, so the process can end. */
	close(): void;
};

/**
Ink's input during autoplay: the script types into it like a person would, so every screen reacts
exactly as it does to a presenter. The terminal's own keys go through as they are once the presenter
took over; before that, q ends the demo, Ctrl-C interrupts it as everywhere, and any other key hands
control back.
*/
export function autoplayInput(terminal: NodeJS.ReadStream, keys: PresenterKeys): AutoplayInput {
	const stream = new PassThrough({encoding: 'utf8'});
	let presenter = false;
	const onData = (chunk: Buffer | string) => {
		const text = chunk.toString();
		if (presenter || text === '\u0003') {
			stream.write(text);
		} else if (text === 'q' || text === 'Q') {
			keys.onQuit();
		} else {
			presenter = true;
			keys.onTakeOver();
		}
	};

	terminal.on('data', onData);
	// Ink asks its stdin for raw mode and references; the terminal is what has them.
	const stdin = Object.assign(stream, {
		isTTY: true,
		setRawMode(mode: boolean) {
			terminal.setRawMode(mode);
			return stdin;
		},
		ref() {
			terminal.ref();
			return stdin;
		},
		unref() {
			terminal.unref();
			return stdin;
		},
	}) as unknown as NodeJS.ReadStream;
	return {
		stdin,
		write(text) {
			if (!presenter) {
				stream.write(text);
			}
		},
		close() {
			terminal.off('data', onData);
			terminal.pause();
		},
	};
}
