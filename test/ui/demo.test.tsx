// The demo's own screens and keys against a real simulator: the picker, the banner, the result
// screen's f / n / p and the story they tell, a clean wizard per scenario, the temporary save,
// quitting, and the pacing that only the demo has.
import {describe, test} from 'vitest';
import {demoMinimumCheckMs, demoStoreLabel, demoTimeoutMs, scenarioListing} from '../../source/commands/demo/demo.js';
import {demoNames} from '../../source/simulator/demo-names.js';
import {scenarios, startSimulator, type ScenarioId} from '../../source/simulator/index.js';
import {demoBanner} from '../../source/ui/demo/banner.js';
import {nextFault} from '../../source/ui/demo/DemoApp.js';
import {pickerLines} from '../../source/ui/demo/ScenarioPicker.js';
import {storySummary} from '../../source/ui/demo/story.js';
import {verifyConnection} from '../../source/verify/pipeline.js';
import {enterThrough, verdict, withDemo} from '../helpers/demo.js';
import {flat, keys, press, tick, waitFor, waitForFrame} from '../helpers/ink.js';

const simulated = 'Simulated Tableau';

/** A scenario's line in the picker, selected: its plain title (the id beside it where the width allows). */
function row(id: ScenarioId): RegExp {
	const {title} = scenarios.find(scenario => scenario.id === id)!;
	return new RegExp(`› [• ] ${title.replaceAll(/[()]/g, '\\$&')} `);
}

function titleOf(id: ScenarioId): string {
	return scenarios.find(scenario => scenario.id === id)!.title;
}

describe.concurrent('the scenario picker', () => {
	test('opens first without --scenario; arrows choose, the description follows, Enter starts that scenario', async ({expect}) => {
		await withDemo({scenario: null}, async demo => {
			let frame = await waitForFrame(demo, 'tableau-connect demo · pick a scenario');
			expect(flat(frame)).toContain(`${simulated}: every answer comes from a simulator inside this demo`);
			expect(frame).toMatch(row('ok'));
			expect(flat(frame)).toContain('Everything works: Tableau Server 2024.2 accepts the token');
			expect(flat(frame)).toContain('↑↓ choose · Enter start · q quit');
			expect(flat(frame)).toContain('Values filled in, Enter walks through · f fix · n next fault · p pick · • shown');

			frame = await press(demo, keys.down, row('ok-xml-only'));
			expect(flat(frame)).toContain('XML-only server:');
			await press(demo, keys.up, row('ok'));
			// Up from the top wraps to the last scenario.
			frame = await press(demo, keys.up, row('tls-expired'));
			expect(flat(frame)).toContain('Expired certificate:');
			await press(demo, 'k', row('tls-wrong-host'));
			await press(demo, 'j', row('tls-expired'));
			await press(demo, keys.up, row('tls-wrong-host'));

			frame = await press(demo, keys.enter, 'Step 1 of 8');
			expect(flat(frame)).toContain(`${simulated} · ${titleOf('tls-wrong-host')}`);
			expect(demo.simulator.scenario).toBe('tls-wrong-host');
			// Esc on a scenario's first screen goes back to the list, which keeps the demo running.
			frame = await press(demo, keys.escape, 'pick a scenario');
			expect(frame).toMatch(row('tls-wrong-host'));
		});
	});

	test('fits 80×24 with its title, its banner and a scroll hint', async ({expect}) => {
		await withDemo({scenario: null, columns: 80, rows: 24}, async demo => {
			const frame = await waitForFrame(demo, 'pick a scenario');
			const lines = frame.split('\n');
			expect(lines.length).toBeLessThanOrEqual(23);
			expect(lines.every(line => [...line].length <= 80)).toBe(true);
			expect(lines[0]).toBe('tableau-connect demo · pick a scenario');
			expect(lines[1]).toContain(simulated);
			expect(lines[2]).toMatch(/^Values filled in/);
			expect(lines.filter(line => line.includes('…'))).toEqual([]);
			expect(flat(frame)).toMatch(/↓ \d+ more lines below/);
			// The list scrolls to keep the selection in view.
			const last = scenarios.at(-1)!.id;
			const bottom = await press(demo, keys.up, row(last));
			expect(bottom.split('\n').length).toBeLessThanOrEqual(23);
			expect(bottom.split('\n')[0]).toBe('tableau-connect demo · pick a scenario');
		});
	});

	test('its lines are never cut: the id beside the title where it fits, in the description where it does not', async ({expect}) => {
		expect(pickerLines(scenarios, 80).withIds).toBe(false);
		for (const line of pickerLines(scenarios, 80).lines) {
			expect(4 + line.length).toBeLessThanOrEqual(80);
		}

		await withDemo({scenario: null, columns: 120, rows: 40}, async demo => {
			const frame = await waitForFrame(demo, 'pick a scenario');
			expect(frame).toMatch(/Wrong token secret +wrong-secret +signin-failed/);
			expect(frame).toMatch(/Tokens turned off on the site +pats-disabled +signin-failed/);
		});
		await withDemo({scenario: null, columns: 80, rows: 24}, async demo => {
			const frame = flat(await waitForFrame(demo, 'pick a scenario'));
			expect(frame).toContain('Everything works (ok): Tableau Server 2024.2');
			expect(frame).toContain('succeeds, warns not-site-admin');
			expect(frame).toContain('insufficient-permissions');
		});
	});

	test('demo --list wraps between words at 80 columns, the id first', ({expect}) => {
		const lines = scenarioListing(80);
		expect(lines.every(line => line.length <= 80)).toBe(true);
		expect(lines[0]).toMatch(/^ok {2,}Everything works → succeeds\. Tableau Server 2024\.2/);
		for (const {id} of scenarios) {
			expect(lines.some(line => line.startsWith(`${id} `))).toBe(true);
		}

		// Every word whole: the listing's words are the scenarios' words.
		const words = new Set(scenarios.flatMap(scenario => `${scenario.title} → ${scenario.id} ${scenario.shows}`.split(/\s+/)));
		for (const word of lines.join(' ').split(/\s+/).filter(Boolean)) {
			expect(words.has(word) || /^[a-z-]+[.,]?$/.test(word), word).toBe(true);
		}
	});

	test('q quits, with nothing started', async ({expect}) => {
		await withDemo({scenario: null}, async demo => {
			await waitForFrame(demo, 'pick a scenario');
			demo.stdin.write('q');
			await expect(demo.outcome).resolves.toEqual({kind: 'quit', summary: 'No scenario was tested.'});
			expect(demo.simulator.stats().requests).toBe(0);
		});
	});

	test('Esc does not end the demo: only q and Ctrl-C do', async ({expect}) => {
		await withDemo({scenario: null}, async demo => {
			await waitForFrame(demo, 'pick a scenario');
			demo.stdin.write(keys.escape);
			await press(demo, keys.down, row('ok-xml-only'));
			const ended = await Promise.race([demo.outcome.then(() => true), tick().then(() => false)]);
			expect(ended).toBe(false);
		});
	});

	test('Ctrl-C ends the demo as interrupted', async ({expect}) => {
		await withDemo({scenario: null}, async demo => {
			await waitForFrame(demo, 'pick a scenario');
			demo.stdin.write(keys.ctrlC);
			await expect(demo.outcome).resolves.toMatchObject({kind: 'cancelled'});
		});
	});
});

describe.concurrent("the failure screen's demo keys", () => {
	test('f switches the simulator to ok and retries: the recovery, saved to the temporary store', async ({expect}) => {
		await withDemo({scenario: 'wrong-secret', props: {initialStep: 'verify'}}, async demo => {
			const failed = flat(await verdict(demo));
			expect(failed).toContain('[signin-failed · HTTP 401 · Tableau 401001]');
			expect(failed).toContain('f fix & retry');

			const fixed = flat(await press(demo, 'f', '✓ Verified: Parable can connect with this token.'));
			expect(fixed).toContain(`${simulated} · ${titleOf('wrong-secret')} · fixed`);
			expect(demo.simulator.scenario).toBe('ok');
			await waitForFrame(demo, `"demo", saved in ${demoStoreLabel}`);
			expect(demo.saved).toHaveLength(1);

			// The success screen offers the story's next moves; Enter goes back to the picker, q ends the demo.
			// n goes on from the fault just fixed, not from the start of the list.
			expect(flat(await waitForFrame(demo, 'Enter pick another scenario'))).toMatch(
				new RegExp(`Enter pick another scenario · n next fault \\(${nextFault('wrong-secret').id}\\) · p pick · q quit`),
			);
			const picker = await press(demo, keys.enter, 'tableau-connect demo · pick a scenario');
			// The list marks what was shown, and starts from it.
			expect(picker).toMatch(/› • Wrong token secret /);
			expect(flat(demo.frames.join('\n'))).not.toContain('tableau-connect test demo');
			// q as a person presses it once the picker is up: the picker listens from its first effect,
			// which can run a turn after its first frame (a q in the same instant is not tested here).
			await tick();
			demo.stdin.write('q');
			await expect(demo.outcome).resolves.toEqual({kind: 'quit', summary: 'Shown: wrong-secret failed (signin-failed), then fixed.'});
		});
	}, 60_000);

	test('n and p work after a passing test too: n tests the next fault at once', async ({expect}) => {
		await withDemo({scenario: 'ok', props: {initialStep: 'verify'}}, async demo => {
			await waitForFrame(demo, `"demo", saved in ${demoStoreLabel}`);
			demo.stdin.write('n');
			const next = flat(await waitForFrame(demo, '[redirect-method'));
			expect(next).toContain(`${simulated} · ${titleOf(nextFault(null).id)}`);
			expect(demo.simulator.scenario).toBe(nextFault(null).id);
		});
	});

	test('wrong-site: the typed site is on screen, and f corrects that field where the audience sees it', async ({expect}) => {
		await withDemo({scenario: 'wrong-site', props: {initialStep: 'verify'}}, async demo => {
			const failed = flat(await verdict(demo));
			// The site typed as its display name, beside the content URL it should have been.
			expect(failed).toContain('· site AcmeCorp · token Parable Integration');
			expect(failed).toContain('f fix the site (Acme Corp: acme-corp) & retry');
			const fixed = flat(await press(demo, 'f', '✓ Verified: Parable can connect with this token.'));
			expect(fixed).toContain('→ Site corrected: AcmeCorp → acme-corp');
			expect(fixed).toContain('· site acme-corp · token Parable Integration');
			// The simulator is the healthy one throughout: the value was the mistake.
			expect(demo.simulator.scenario).toBe('ok');
		});
	});

	test('n moves on to the next fault and tests again', async ({expect}) => {
		expect(nextFault('pats-disabled').id).toBe('not-admin');
		await withDemo({scenario: 'pats-disabled', props: {initialStep: 'verify'}}, async demo => {
			const failed = flat(await verdict(demo));
			expect(failed).toContain('[signin-failed');
			expect(failed).toContain('n next fault (not-admin)');

			demo.stdin.write('n');
			const next = flat(await waitForFrame(demo, '[insufficient-permissions'));
			expect(next).toContain(`${simulated} · ${titleOf('not-admin')}`);
			expect(next).toContain('n next fault (site-not-found)');
			expect(demo.simulator.scenario).toBe('not-admin');
			expect(demo.saved).toEqual([]);
		});
	});

	test('n from the last fault wraps round to the first; the story starts at the first', ({expect}) => {
		const failing = scenarios.filter(scenario => scenario.expected !== 'ok');
		expect(nextFault(failing.at(-1)!.id).id).toBe(failing[0]!.id);
		expect(nextFault(null).id).toBe(failing[0]!.id);
	});

	test('f, n, f, n walks every fault once, in the list order, and the last line says what was shown', async ({expect}) => {
		const failing = scenarios.filter(scenario => scenario.expected !== 'ok').slice(0, 4);
		await withDemo({scenario: 'ok', props: {initialStep: 'verify', minimumCheckMs: 0}}, async demo => {
			await waitForFrame(demo, `"demo", saved in ${demoStoreLabel}`);
			for (const fault of failing) {
				demo.stdin.write('n');
				await waitForFrame(demo, frame => flat(frame).includes(`${simulated} · ${fault.title}`) && /\[[a-z-]+( · |\])/.test(flat(frame)), 40_000);
				expect(demo.simulator.scenario).toBe(fault.id === 'wrong-site' ? 'ok' : fault.id);
				demo.stdin.write('f');
				// A passing test saves at once; the result's keys wait for the save.
				await waitForFrame(demo, frame => flat(frame).includes(`${fault.title} · fixed`) && flat(frame).includes(`saved in ${demoStoreLabel}`), 40_000);
			}

			demo.stdin.write('q');
			const outcome = await demo.outcome;
			expect(outcome.summary).toMatch(/^Shown: ok passed; redirect-method failed \(redirect-method\), then fixed; wrong-secret failed/);
			expect(flat(demo.lastFrame() ?? '')).toContain(outcome.summary!);
		});
	}, 240_000);

	test('each scenario starts clean: after u in cloud-redirect, the next one tests its own address', async ({expect}) => {
		await withDemo({scenario: 'cloud-redirect', props: {initialStep: 'verify', minimumCheckMs: 0}}, async demo => {
			await waitForFrame(demo, '[redirected]');
			// u works once the passing test's save is done.
			await waitForFrame(demo, `saved in ${demoStoreLabel}`);
			let frame = flat(await press(demo, 'u', 'Server URL corrected'));
			frame = flat(await waitForFrame(demo, frame => flat(frame).includes('✓ Verified') && flat(frame).includes(`Tested https://${demoNames.pod}`)));
			// The test ran again at the new address: its lines and the form agree with it.
			frame = flat(await waitForFrame(demo, `Server URL https://${demoNames.pod}`));
			expect(frame).not.toContain('[redirected]');
			await waitForFrame(demo, `saved in ${demoStoreLabel}`);
			demo.stdin.write('n');
			frame = flat(await waitForFrame(demo, '[redirect-method'));
			expect(frame).toContain(`Tested https://${demoNames.cloud} · site acme-corp`);
			expect(frame).not.toContain('corrected');
		});
	}, 60_000);

	test('the closing summary names each scenario shown and how it went', ({expect}) => {
		const ok = {ok: true, code: null, warnings: []};
		expect(storySummary([])).toBe('No scenario was tested.');
		expect(
			storySummary([
				{id: 'ok', first: ok, fixed: null},
				{id: 'cloud-redirect', first: {ok: true, code: null, warnings: ['redirected']}, fixed: null},
				{id: 'slow', first: {ok: false, code: 'timeout', warnings: []}, fixed: ok},
			]),
		).toBe('Shown: ok passed; cloud-redirect passed with a warning (redirected); slow failed (timeout), then fixed.');
	});

	test('p opens the picker over the wizard; Esc goes back to the same result, Enter switches and retries', async ({expect}) => {
		await withDemo({scenario: 'site-not-found', props: {initialStep: 'verify'}}, async demo => {
			await verdict(demo);
			await waitForFrame(demo, '[site-not-found');
			const requests = demo.simulator.stats().requests;

			let frame = await press(demo, 'p', 'Switch to another scenario and test it');
			expect(frame).toMatch(row('site-not-found'));
			expect(flat(frame)).toContain(`${simulated} · ${titleOf('site-not-found')}`);
			expect(flat(frame)).toContain('↑↓ choose · Enter switch & test · Esc back · q quit');
			expect(frame).not.toContain('Step 8 of 8');

			// The wizard does not listen while the picker is open: its "e" (edit) does nothing.
			demo.stdin.write('e');
			frame = await press(demo, keys.escape, 'Step 8 of 8');
			expect(flat(frame)).toContain('[site-not-found');
			expect(demo.simulator.stats().requests).toBe(requests);

			await press(demo, 'p', row('site-not-found'));
			await press(demo, keys.down, row('old-server'));
			demo.stdin.write(keys.enter);
			frame = flat(await waitForFrame(demo, '[api-version-unsupported'));
			expect(frame).toContain(`${simulated} · ${titleOf('old-server')}`);
			expect(demo.simulator.scenario).toBe('old-server');
		});
	});

	test('Ctrl-C in the p picker ends the demo', async ({expect}) => {
		await withDemo({scenario: 'not-tableau', props: {initialStep: 'verify'}}, async demo => {
			await verdict(demo);
			await press(demo, 'p', 'Switch to another scenario');
			demo.stdin.write(keys.ctrlC);
			await expect(demo.outcome).resolves.toMatchObject({kind: 'cancelled'});
		});
	});
});

describe.concurrent('quitting, the banner, and the pacing', () => {
	test('Ctrl-C on any step stops the demo and says so', async ({expect}) => {
		await withDemo({scenario: 'ok'}, async demo => {
			await waitForFrame(demo, 'Step 1 of 8');
			await press(demo, keys.enter, 'Step 2 of 8');
			await press(demo, keys.ctrlC, '! Demo stopped.');
			await expect(demo.outcome).resolves.toMatchObject({kind: 'cancelled'});
			expect(demo.saved).toEqual([]);
		});
	});

	test('q on a screen without a text field ends the demo, before the test too', async ({expect}) => {
		await withDemo({scenario: 'ok'}, async demo => {
			await waitForFrame(demo, 'Step 1 of 8');
			await press(demo, keys.enter, 'Step 2 of 8');
			demo.stdin.write('q');
			await expect(demo.outcome).resolves.toMatchObject({kind: 'quit'});
			expect(demo.simulator.stats().requests).toBe(0);
		});
	});

	test('q in the same read as other keys (typed ahead) ends the demo too', async ({expect}) => {
		await withDemo({scenario: 'ok'}, async demo => {
			await waitForFrame(demo, 'Step 1 of 8');
			await press(demo, keys.enter, 'Step 2 of 8');
			// "x" does nothing on a reading step; the q after it must still count.
			demo.stdin.write('xq');
			await expect(demo.outcome).resolves.toMatchObject({kind: 'quit'});
		});
	});

	test('q in a text field types q, and the demo goes on', async ({expect}) => {
		await withDemo({scenario: 'ok', props: {initialStep: 'server'}}, async demo => {
			await waitForFrame(demo, 'Step 5 of 8');
			// The Server URL field has focus: q (a host such as "q.example.com" has one) is a letter of it.
			await press(demo, 'q', `https://${demoNames.server}q`);
			// Both keys are handled in order: once the x shows, a q that ended the demo would have done so.
			await press(demo, 'x', `https://${demoNames.server}qx`);
			const ended = await Promise.race([demo.outcome.then(() => true), tick().then(() => false)]);
			expect(ended).toBe(false);
			expect(flat(demo.lastFrame() ?? '')).toContain('Step 5 of 8');
		});
	});

	test('q on a failure screen ends the demo, nothing saved', async ({expect}) => {
		await withDemo({scenario: 'server-error', props: {initialStep: 'verify'}}, async demo => {
			await verdict(demo);
			await press(demo, 'q', 'Shown: server-error failed (server-error).');
			await expect(demo.outcome).resolves.toMatchObject({kind: 'failed'});
		});
	});

	test('the banner says once, quietly, that Tableau is simulated, and names the story, within 80 columns', ({expect}) => {
		for (const scenario of scenarios) {
			for (const fixed of [false, true]) {
				const line = demoBanner(scenario, {fixed});
				expect([...line].length).toBeLessThanOrEqual(80);
				expect(line).toBe(`${simulated} · ${scenario.title}${fixed ? ' · fixed' : ''}`);
			}
		}

		expect([...demoBanner(null)].length).toBeLessThanOrEqual(80);
	});

	test('at 80×24 every wizard screen shows the whole banner, untruncated, and fits', async ({expect}) => {
		const longest = scenarios.reduce((a, b) => (b.title.length > a.title.length ? b : a));
		await withDemo({scenario: longest.id, columns: 80, rows: 24}, async demo => {
			await enterThrough(demo);
			await verdict(demo);
			for (const frame of demo.framesAtSize()) {
				const lines = frame.split('\n');
				expect(lines.length).toBeLessThanOrEqual(23);
				expect(lines.filter(line => [...line].length > 80)).toEqual([]);
				expect(lines[1]).toBe(`${simulated} · ${longest.title}`);
			}
		});
	});

	test(`each check stays on screen at least ${demoMinimumCheckMs} ms in the demo`, async ({expect}) => {
		// Timed around the demo's own verification, not from a frame the test happens to see: on a
		// loaded machine the first checks may be over before the test gets to look.
		const runs: Array<{minimumCheckMs: number | undefined; ms: number}> = [];
		await withDemo(
			{
				scenario: 'ok',
				props: {initialStep: 'verify'},
				wrapVerify: verify => async (input, options) => {
					const started = performance.now();
					const result = await verify(input, options);
					runs.push({minimumCheckMs: options?.minimumCheckMs, ms: performance.now() - started});
					return result;
				},
			},
			async demo => {
				await verdict(demo);
			},
		);
		expect(runs).toHaveLength(1);
		expect(runs[0]!.minimumCheckMs).toBe(demoMinimumCheckMs);
		// Six checks, each held for the minimum.
		expect(runs[0]!.ms).toBeGreaterThanOrEqual(6 * demoMinimumCheckMs - 50);
	});

	test('real runs never wait: the same checks without the demo option take a fraction of the paced time', async ({expect}) => {
		const simulator = await startSimulator({scenario: 'ok'});
		try {
			const input = {server: simulator.url, site: simulator.site, tokenName: simulator.tokenName, tokenSecret: simulator.tokenSecret};
			const started = performance.now();
			const result = await verifyConnection(input, {timeoutMs: 5000});
			const real = performance.now() - started;
			expect(result.ok).toBe(true);
			// Paced, the five checks could not take less than five minimums: an unpaced run that did would
			// have been paced. (A bound this loose holds on a loaded machine too.)
			expect(real).toBeLessThan(5 * demoMinimumCheckMs - 50);

			const pacedStart = performance.now();
			await verifyConnection(input, {timeoutMs: 5000, minimumCheckMs: demoMinimumCheckMs});
			expect(performance.now() - pacedStart).toBeGreaterThanOrEqual(6 * demoMinimumCheckMs - 50);
		} finally {
			await simulator.close();
		}
	});

	test('slow times out within a few seconds, not the default 15', async ({expect}) => {
		await withDemo({scenario: 'slow', props: {initialStep: 'verify'}}, async demo => {
			await waitForFrame(demo, 'Step 8 of 8');
			const started = Date.now();
			// The waiting line counts against the demo's deadline, not the default 15 s.
			await waitForFrame(demo, `checking… 1 s of ${demoTimeoutMs / 1000} s`);
			const frame = flat(await waitForFrame(demo, '[timeout'));
			// Serverinfo and sign-in each wait out the deadline: still seconds, not the default 15 s.
			expect(Date.now() - started).toBeLessThan(2 * demoTimeoutMs + 5 * demoMinimumCheckMs);
			expect(frame).toContain(`did not answer within ${demoTimeoutMs / 1000} seconds`);
			// The check that waited shows the same deadline it is said to have missed.
			const waited = /Server version +(\d+\.\d) s/.exec(frame) ?? /Sign in +(\d+\.\d) s/.exec(frame);
			expect(Number(waited?.[1])).toBeGreaterThanOrEqual(demoTimeoutMs / 1000);
		});
	});

	test('only the scenarios about a timeout get the short deadline; the others keep the real one', async ({expect}) => {
		for (const [scenario, expected] of [
			['slow', demoTimeoutMs],
			['ok', undefined],
			['rate-limited', undefined],
		] as const) {
			const deadlines: Array<number | undefined> = [];
			await withDemo(
				{
					scenario,
					props: {
						initialStep: 'verify',
						verifyFor: () => async (_input, options) => {
							deadlines.push(options?.timeoutMs);
							return new Promise(() => {});
						},
					},
				},
				async demo => {
					await waitForFrame(demo, 'Step 8 of 8');
					await waitFor(
						() => deadlines.length > 0,
						() => `${scenario}: the demo never ran its checks`,
					);
				},
			);
			expect(deadlines, scenario).toEqual([expected]);
		}
	});
});
