import {useEffect, useRef, useState} from 'react';
import {useInput, type Key} from 'ink';
import {bindingFor, type Keymap} from './keymap.js';

type Press = {readonly input: string; readonly key: Key};

/** Letters typed faster than the screen redraws arrive in one read ("jjq"): each is a key press of its own, in order. */
function pressesOf(input: string, key: Key): Press[] {
	const letters = [...input];
	if (letters.length < 2 || key.ctrl || key.meta) {
		return [{input, key}];
	}

	return letters.map(letter => ({input: letter, key: {...key, shift: /[A-Z]/.test(letter)}}));
}

/**
The input handler made from a screen's keymap: a key press runs the action of the available binding
that names it; anything else is left to the screen's text field, if it has one.

Keys typed ahead are read against the screen as the key before them left it, as if typed one by one:
"dy" on the home screen asks to remove, then confirms; "cq" over the curl commands closes them, then
quits. The first key acts at once; a key after one that acted waits for the render that action caused.
*/
export function useKeymap<Action>(keymap: Keymap<Action>, run: (action: Action) => void, options: {isActive: boolean}): void {
	const latest = useRef({keymap, run, isActive: options.isActive});
	latest.current = {keymap, run, isActive: options.isActive};
	const pending = useRef<Press[]>([]);
	const [, setRender] = useState(0);

	/** Reads pending keys until one acts: the keys after it wait for the render it causes. A key that does nothing changes nothing. */
	function readPending(screen: {keymap: Keymap<Action>; run: (action: Action) => void}): void {
		let next = pending.current.shift();
		while (next) {
			const binding = bindingFor(screen.keymap, next);
			if (binding?.action !== null && binding?.action !== undefined) {
				screen.run(binding.action);
				if (pending.current.length > 0) {
					// A render even when the action changed nothing, so the next key is read.
					setRender(count => count + 1);
				}

				return;
			}

			next = pending.current.shift();
		}
	}

	useEffect(() => {
		if (!latest.current.isActive) {
			pending.current = [];
			return;
		}

		readPending(latest.current);
	});

	useInput((input, key) => {
		const reading = pending.current.length > 0;
		pending.current.push(...pressesOf(input, key));
		// Still reading earlier keys: these wait their turn.
		// The screen this handler was made for: another screen's handler may have changed the state
		// already during this same key press (Esc closing the demo's picker must not also go back here).
		if (!reading) {
			readPending({keymap, run});
		}
	}, options);
}
