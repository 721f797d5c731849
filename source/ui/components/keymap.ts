import type {Key} from 'ink';
import type {OfferedKeys, RemedyKeyRole} from '../../verify/remedy-frame.js';
import type {KeyHint} from './Footer.js';

/**
One key of a screen: what the footer lists, what pressing it does, and whether it works right now.
A screen's keymap is the only place that says so: its input handler, its footer and the keys its
remedies may name are all read from it.
*/
export type Binding<Action> = {
	/** As the footer shows it: "e", "Enter", "Esc", "Ctrl-C", "PgDn". */
	readonly key: string;
	readonly label: string;
	/** Null for a key something else handles (the text field's Enter and Ctrl-U): listed, never dispatched here. */
	readonly action: Action | null;
	readonly available: boolean;
	/** Works without a place in the footer (j and k beside the arrows, PgUp and PgDn in the scroll line). */
	readonly listed?: boolean;
	/** What a remedy may name this key for, while it is available. */
	readonly remedy?: RemedyKeyRole;
};

export type Keymap<Action> = ReadonlyArray<Binding<Action>>;

type Press = {readonly input: string; readonly key: Key};

const named: Record<string, (press: Press) => boolean> = {
	Enter: ({input, key}) => key.return || input === '\n',
	Esc: ({key}) => key.escape,
	Tab: ({key}) => key.tab && !key.shift,
	'Shift-Tab': ({key}) => key.tab && key.shift,
	'↑': ({key}) => key.upArrow,
	'↓': ({key}) => key.downArrow,
	PgUp: ({key}) => key.pageUp,
	PgDn: ({key}) => key.pageDown,
	Home: ({key}) => key.home,
	End: ({key}) => key.end,
};

/** Whether a key press is the key a binding names: a name above, Ctrl- with a letter, or a letter (either case). */
export function pressMatches(name: string, press: Press): boolean {
	const special = named[name];
	if (special) {
		return special(press);
	}

	if (name.startsWith('Ctrl-')) {
		return press.key.ctrl && press.input.toLowerCase() === name.slice(5).toLowerCase();
	}

	return !press.key.ctrl && !press.key.meta && press.input.toLowerCase() === name.toLowerCase();
}

/** The binding a key press triggers: the first available one that names it. */
export function bindingFor<Action>(keymap: Keymap<Action>, press: Press): Binding<Action> | undefined {
	return keymap.find(binding => binding.available && binding.action !== null && pressMatches(binding.key, press));
}

/** The footer's hints: the available, listed keys, in the keymap's order. */
export function hintsOf<Action>(keymap: Keymap<Action>): KeyHint[] {
	return keymap.filter(binding => binding.available && binding.listed !== false).map(binding => [binding.key, binding.label] as const);
}

/** The keys a remedy read on this screen may name, as the footer lists them. */
export function offeredKeys<Action>(keymap: Keymap<Action>): OfferedKeys {
	const offered: OfferedKeys = {};
	for (const binding of keymap) {
		if (binding.remedy && binding.available && offered[binding.remedy] === undefined) {
			offered[binding.remedy] = {key: binding.key, label: binding.label};
		}
	}

	return offered;
}

/** Whether the keymap offers `key` right now. */
export function offers<Action>(keymap: Keymap<Action>, key: string): boolean {
	return keymap.some(binding => binding.available && binding.key === key);
}
