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
quits. The first key acts at once; each further one waits for the render its predecessor caused.
*/
export function useKeymap<Action>(keymap: Keymap<Action>, run: (action: Action) => void, options: {isActive: boolean}): void {
	const latest = useRef({keymap, run, isActive: options.isActive});
	latest.current = {keymap, run, isActive: options.isActive};
	const pending = useRef<Press[]>([]);
	const [, setRender] = useState(0);

	function press(next: Press): void {
		const binding = bindingFor(latest.current.keymap, next);
		if (binding?.action !== null && binding?.action !== undefined) {
			latest.current.run(binding.action);
		}
	}

	function continueLater(): void {
		if (pending.current.length > 0) {
			// A render even when the key changed nothing, so the next one is read.
			setRender(count => count + 1);
		}
	}

	useEffect(() => {
		if (!latest.current.isActive) {
			pending.current = [];
			return;
		}

		const next = pending.current.shift();
		if (next) {
			press(next);
			continueLater();
		}
	});

	useInput((input, key) => {
		const [first, ...rest] = pressesOf(input, key);
		if (pending.current.length > 0) {
			// Still reading earlier keys: these wait their turn.
			pending.current.push(first!, ...rest);
			return;
		}

		pending.current.push(...rest);
		press(first!);
		continueLater();
	}, options);
}
