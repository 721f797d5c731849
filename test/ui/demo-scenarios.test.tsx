// Every scenario of the demo, as a presenter runs it: the demo app on a real HTTPS simulator of its
// own, Enter at each pre-filled step, and the verify screen shows the scenario's expected diagnosis
// (or the success, with its warnings). Concurrent: each test has its own simulator.
import {describe, test} from 'vitest';
import {scenarios} from '../../source/simulator/index.js';
import {flat, waitForFrame} from '../helpers/ink.js';
import {enterThrough, verdict, withDemo} from '../helpers/demo.js';
import {expectNoSecrets} from '../helpers/leaks.js';
import {demoServerFor} from '../../source/ui/demo/scenario-values.js';

describe.concurrent('every demo scenario, pressing Enter through the pre-filled wizard', () => {
	test.for(scenarios.map(scenario => [scenario.id, scenario] as const))('%s', async ([, scenario], {expect}) => {
		await withDemo({scenario: scenario.id}, async demo => {
			await enterThrough(demo);
			let frame = flat(await verdict(demo));
			if (scenario.expected === 'ok') {
				expect(frame).toContain('✓ Verified: Parable can connect with this token.');
				// A verified profile is saved at once, to the demo's temporary store, and the screen says so.
				frame = flat(await waitForFrame(demo, '"demo", saved in the temporary demo store (deleted when the demo ends)'));
				for (const code of scenario.expectedWarnings ?? []) {
					expect(frame).toContain(`[${code}]`);
				}

				expect(demo.saved).toEqual([expect.objectContaining({name: 'demo', server: demoServerFor(scenario.id), site: 'acme-corp'})]);
			} else {
				expect(frame).toMatch(new RegExp(`✗ .*\\[${scenario.expected}( · |\\])`));
				expect(frame).not.toContain('✓ Verified');
				expect(frame).toContain('What to do:');
				// The demo's own keys are offered on every failure screen; the footer may break between hints.
				// In wrong-site, f corrects the Site field rather than the server, and says so.
				expect(frame).toMatch(/f fix (?:the site \(Acme Corp: acme-corp\) )?& retry(?: · |\s+)n next fault \([a-z-]+\)(?: · |\s+)p pick scenario/);
				expect(demo.saved).toEqual([]);
			}

			// Every frame, from the first step to the verdict, says once that Tableau is simulated, and which story.
			for (const shown of demo.frames) {
				expect(flat(shown).split('Simulated Tableau').length - 1).toBe(1);
				expect(flat(shown)).toContain(`Simulated Tableau · ${scenario.title}`);
			}

			// Nothing on screen is this machine's: the addresses are the customer's.
			expect(flat(demo.frames.join('\n'))).not.toMatch(/127\.0\.0\.1|localhost/);

			expectNoSecrets(demo.frames, demo.simulator);
		});
	});
});
