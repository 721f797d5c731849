import {demoNames} from '../../simulator/demo-names.js';
import {scenarios, type ScenarioId} from '../../simulator/index.js';
import {infoOf, nextFault} from './story.js';

/** The keys the script presses, as a terminal sends them. */
const keys = {enter: '\r', down: '\u001B[B', home: '\u001B[H', clear: '\u0015'} as const;

/** Pauses at pace 1, in milliseconds: long enough to read a caption aloud, short enough for a booth. */
const base = {letter: 90, key: 700, read: 2600, result: 6000} as const;

export type AutoplayOptions = {
	/** Types into the demo, as a person's keyboard would. */
	readonly write: (keys: string) => void;
	/** 2 plays twice as fast, 0.5 half as fast. */
	readonly pace: number;
	/** Plays only this scenario, over and over; without it the success, then each fault and its fix. */
	readonly scenario: ScenarioId | null;
	/** The token the simulator accepts, to type in. */
	readonly token: {tokenName: string; tokenSecret: string};
};

export type Autoplay = {
	/** What is happening, for the line under the title; null once the presenter took over. */
	caption(): string | null;
	/** Called with every new caption (null: the presenter took over). */
	subscribe(listener: (caption: string | null) => void): () => void;
	/** The demo tells the script that a test has finished, so it reads the result before going on. */
	tested(): void;
	/** The presenter took over: the script stops where it is. */
	stop(): void;
	/** q on the keyboard while it plays: the demo ends. */
	quit(): void;
	/** Called when q is pressed while it plays. */
	onQuit(listener: () => void): () => void;
};

class Stopped extends Error {}

/**
The demo playing itself: it picks the story, walks the steps, types the values at a human pace, and
goes through the success and each fault with its fix (f, then n), round after round, until the
presenter presses q or takes over with any other key.
*/
export function startAutoplay(options: AutoplayOptions): Autoplay {
	let current: string | null = null;
	let stopped = false;
	const listeners = new Set<(caption: string | null) => void>();
	const quitters = new Set<() => void>();
	const wakers = new Set<() => void>();
	let testWaiters: Array<() => void> = [];

	function say(caption: string | null): void {
		current = caption;
		for (const listener of listeners) {
			listener(caption);
		}
	}

	async function pause(ms: number): Promise<void> {
		await new Promise<void>(resolve => {
			const wake = () => {
				clearTimeout(timer);
				wakers.delete(wake);
				resolve();
			};

			const timer = setTimeout(wake, ms / options.pace);
			wakers.add(wake);
		});
		if (stopped) {
			throw new Stopped();
		}
	}

	async function press(key: string, after: number = base.key): Promise<void> {
		if (stopped) {
			throw new Stopped();
		}

		options.write(key);
		await pause(after);
	}

	/** Types `text` one letter at a time. */
	async function type(text: string): Promise<void> {
		for (const letter of text) {
			await press(letter, base.letter);
		}
	}

	/** Presses `key` and waits for the test it starts to finish, then for the audience to read the result. */
	async function pressAndTest(key: string): Promise<void> {
		const finished = new Promise<void>(resolve => {
			testWaiters.push(resolve);
		});
		options.write(key);
		await finished;
		if (stopped) {
			throw new Stopped();
		}
	}

	async function pick(id: ScenarioId): Promise<void> {
		say(`Pick a story: ${infoOf(id).title}`);
		await pause(base.read);
		await press(keys.home, base.letter * 3);
		for (let index = 0; index < scenarios.findIndex(scenario => scenario.id === id); index++) {
			await press(keys.down, base.letter * 3);
		}

		await press(keys.enter);
	}

	/** From Step 1 to the result, every value typed. */
	async function walkThrough(): Promise<void> {
		say("The wizard follows Parable's Tableau page, step by step");
		await pause(base.read);
		await press(keys.enter);
		say('Who may do this: a Site Administrator, tokens enabled');
		await pause(base.read);
		await press(keys.enter);
		say('Where the token is made: the account settings in Tableau');
		await pause(base.read);
		await press(keys.enter);
		say('The token: its secret is shown once, so copy it right away');
		await pause(base.read);
		await press(keys.enter);
		say("The admin pastes the server's address");
		await press(keys.clear, base.letter);
		options.write(`https://${demoNames.server}`);
		await pause(base.read);
		await press(keys.enter);
		say('The site: its content URL, as the address bar shows it');
		await press(keys.clear, base.letter);
		await type(demoNames.site);
		await pause(base.key);
		// Site, then the CA file, which this server does not need.
		await press(keys.enter);
		await press(keys.enter);
		say('The token name, typed as it was created in Tableau');
		await press(keys.clear, base.letter);
		await type(options.token.tokenName);
		await pause(base.key);
		await press(keys.enter);
		say('The secret, pasted: it stays masked on screen');
		await press(keys.clear, base.letter);
		options.write(options.token.tokenSecret);
		await pause(base.read);
		// Token secret, then the profile name as suggested.
		await press(keys.enter);
		await press(keys.enter);
		say('One look at the values, then the live test');
		await pause(base.read);
		say('Six checks against the server, each with its result');
		await pressAndTest(keys.enter);
	}

	async function showFault(id: ScenarioId, key: string): Promise<void> {
		say(`Next story: ${infoOf(id).title}`);
		await pause(base.key);
		await pressAndTest(key);
		say('The test says what is wrong, and what to do about it');
		await pause(base.result);
		say('f fixes the fault on the simulated server, and tests again');
		await pause(base.read);
		await pressAndTest('f');
		say('Fixed: the same values pass now');
		await pause(base.read);
	}

	async function round(): Promise<void> {
		if (options.scenario) {
			await pick(options.scenario);
			await walkThrough();
			await pause(base.result);
			if (infoOf(options.scenario).expected !== 'ok') {
				say('f fixes the fault on the simulated server, and tests again');
				await pause(base.read);
				await pressAndTest('f');
				await pause(base.read);
			}
		} else {
			await pick('ok');
			await walkThrough();
			say("Verified: the values to enter in Parable's form");
			await pause(base.result);
			// n after a pass, then f and n: every fault once, in the list's order.
			let fault = nextFault(null);
			for (;;) {
				await showFault(fault.id, 'n');
				fault = nextFault(fault.id);
				if (fault.id === nextFault(null).id) {
					break;
				}
			}
		}

		say('From the top: back to the list of stories');
		await pause(base.read);
		await press(keys.enter);
	}

	async function play(): Promise<void> {
		try {
			for (;;) {
				await round();
			}
		} catch (error) {
			if (!(error instanceof Stopped)) {
				throw error;
			}
		}
	}

	void play();
	return {
		caption: () => current,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		tested() {
			const waiting = testWaiters;
			testWaiters = [];
			for (const resolve of waiting) {
				resolve();
			}
		},
		stop() {
			stopped = true;
			say(null);
			for (const wake of [...wakers]) {
				wake();
			}

			this.tested();
		},
		quit() {
			for (const quitter of quitters) {
				quitter();
			}
		},
		onQuit(listener) {
			quitters.add(listener);
			return () => quitters.delete(listener);
		},
	};
}
