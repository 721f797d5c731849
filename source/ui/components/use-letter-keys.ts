import {useInput, type Key} from 'ink';

type Handler = (input: string, key: Key) => void;

/**
`useInput` for screens whose keys are letters (home, scenario picker, verify screen). Letters typed
faster than the screen redraws arrive in one read as one text ("jjq"); each is handed on as its own
key, in order. Control keys already come one per event (patches/ink+6.8.0.patch).

The letters of one read all reach this render's handler, so a handler maps each letter to an action
and leaves the decision to its reducer, which sees the state the previous letter left ("dn" on the
home screen: ask to remove, then keep).
*/
export function useLetterKeys(handler: Handler, options: {isActive: boolean}): void {
	useInput((input, key) => {
		const letters = [...input];
		if (letters.length < 2 || key.ctrl || key.meta) {
			handler(input, key);
			return;
		}

		for (const letter of letters) {
			handler(letter, {...key, shift: /[A-Z]/.test(letter)});
		}
	}, options);
}
