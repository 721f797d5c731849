import type {ScenarioInfo} from '../../simulator/index.js';

/**
The demo's quiet line under the title of every screen: that the Tableau on screen is simulated (said
once, here), and which story is being told; during autoplay, what is happening instead. It fits
80 columns: a longer caption is the caption's fault, and a test holds them to it.
*/
export function demoBanner(scenario: ScenarioInfo | null, options: {fixed?: boolean; caption?: string | null} = {}): string {
	if (options.caption) {
		return `Simulated Tableau · ${options.caption}`;
	}

	if (!scenario) {
		return 'Simulated Tableau: every answer comes from a simulator inside this demo';
	}

	return `Simulated Tableau · ${scenario.title}${options.fixed ? ' · fixed' : ''}`;
}
