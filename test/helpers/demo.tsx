// Renders the demo app with ink-testing-library against a real simulator of its own, wired exactly
// as `tableau-connect demo` wires it (HTTPS, its trust rules, its pacing and timeout).
import {render} from 'ink-testing-library';
import {demoSimulatorOptions, demoWiring} from '../../source/commands/demo/demo.js';
import type {ProfileInput} from '../../source/profiles/types.js';
import {startSimulator, type ScenarioId, type Simulator} from '../../source/simulator/index.js';
import {DemoApp, type DemoAppProps, type DemoOutcome} from '../../source/ui/demo/DemoApp.js';
import {keys, press, resize, tick, waitFor, waitForFrame, type Rendered} from './ink.js';
import {deferred} from './verification.js';

export type RenderedDemo = Rendered & {
	simulator: Simulator;
	/** What the demo's save wrote to its (temporary) store. */
	saved: ProfileInput[];
	outcome: Promise<DemoOutcome>;
	/** The frames drawn at the requested size (the first ones are drawn at the test terminal's default). */
	framesAtSize: () => string[];
};

type Options = {
	/** --scenario; null opens the picker. */
	scenario: ScenarioId | null;
	props?: Partial<DemoAppProps>;
	/** Wraps the demo's own verification (its simulator, its trust rules), to watch what it is given. */
	wrapVerify?: (verify: ReturnType<DemoAppProps['verifyFor']>) => ReturnType<DemoAppProps['verifyFor']>;
	columns?: number;
	rows?: number;
};

/**
Starts a simulator, renders the demo on it, runs `body`, then unmounts and stops the simulator
whatever happened. Each call has its own simulator, so calls may run concurrently.
*/
export async function withDemo(options: Options, body: (demo: RenderedDemo) => Promise<void>): Promise<void> {
	const simulator = await startSimulator({...demoSimulatorOptions, scenario: options.scenario ?? 'ok'});
	const saved: ProfileInput[] = [];
	const outcome = deferred<DemoOutcome>();
	let instance: Rendered | undefined;
	const wiring = demoWiring(simulator, input => {
		saved.push(input);
	});
	try {
		instance = render(
			<DemoApp
				{...wiring}
				verifyFor={scenario => (options.wrapVerify ?? (verify => verify))(wiring.verifyFor(scenario))}
				initialScenario={options.scenario}
				color={false}
				onExit={outcome.resolve}
				{...options.props}
			/>,
		);
		const columns = options.columns ?? 100;
		resize(instance, columns, options.rows ?? 60);
		// The resize re-renders on a later turn (later still on a loaded machine): wait for a frame
		// that fits the new width; from then on every frame has the new size.
		const resized = instance;
		await tick();
		await waitFor(
			() => (resized.lastFrame() ?? '').split('\n').every(line => [...line].length <= columns),
			() => `no frame fits ${columns} columns after the resize; the last frame was:\n${resized.lastFrame() ?? ''}`,
		);
		const rendered = instance;
		const sizedFrom = rendered.frames.length - 1;
		await body(Object.assign(rendered, {simulator, saved, outcome: outcome.promise, framesAtSize: () => rendered.frames.slice(sizedFrom)}));
	} finally {
		instance?.unmount();
		await simulator.close();
	}
}

/** Presses Enter, one step or field at a time, until the verify step shows; returns that frame. */
export async function enterThrough(instance: Rendered): Promise<string> {
	await waitForFrame(instance, 'Step 1 of 8');
	for (let presses = 0; presses < 15; presses++) {
		const frame = await press(instance, keys.enter);
		if (frame.includes('Step 8 of 8')) {
			return frame;
		}
	}

	throw new Error(`Enter did not reach the verify step; the last frame was:\n${instance.lastFrame() ?? ''}`);
}

/** The verify screen once the test has finished: the diagnosis code's bracket, or the success line. */
export async function verdict(instance: Rendered, timeout = 15_000): Promise<string> {
	return waitForFrame(instance, frame => /✓ Verified: |✗ .*\[[a-z-]+( · |\])/.test(frame), timeout);
}
