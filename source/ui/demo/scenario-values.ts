import {demoNames} from '../../simulator/demo-names.js';
import type {ScenarioId} from '../../simulator/index.js';
import type {WizardValues} from '../wizard/steps.js';

/** The token the simulator accepts: the same in every scenario. */
export type DemoToken = {readonly tokenName: string; readonly tokenSecret: string};

/**
The site as people mistype it in `wrong-site`: its display name ("Acme Corp"), squeezed into a field
that takes no spaces (the wizard already catches the one with the space).
*/
export const wrongSiteTyped = demoNames.siteName.replaceAll(' ', '');

/** The address typed into the Server URL field in each scenario: the company's server, Tableau Cloud's front door, or plain http. */
export function demoServerFor(id: ScenarioId): string {
	switch (id) {
		case 'cloud-redirect':
		case 'redirect-method': {
			return `https://${demoNames.cloud}`;
		}

		case 'http-upgrade': {
			return `http://${demoNames.server}`;
		}

		default: {
			return `https://${demoNames.server}`;
		}
	}
}

/** The site typed in each scenario: the content URL, except where the mistake is the site. */
export function demoSiteFor(id: ScenarioId): string {
	return id === 'wrong-site' ? wrongSiteTyped : demoNames.site;
}

/** Every field of the wizard, as a scenario starts: Enter walks through to the test. */
export function demoValuesFor(id: ScenarioId, token: DemoToken): Partial<WizardValues> {
	return {server: demoServerFor(id), site: demoSiteFor(id), ...token, profileName: 'demo'};
}

/**
The simulator's own scenario behind a demo scenario. In `wrong-site` the fault is the typed value
alone, so the simulator is the healthy one, and typing the content URL fixes it.
*/
export function simulatorScenarioFor(id: ScenarioId): ScenarioId {
	return id === 'wrong-site' ? 'ok' : id;
}
