import type {ScenarioId} from '../../simulator/index.js';

/**
The demo's line under the title of every screen. What an audience must not miss comes first (that it
is a demo, which scenario, that nothing touches real profiles) and always fits 80 columns; the
simulator's address follows in the longest form that still fits `columns`.
*/
export function demoBanner(scenario: ScenarioId | null, simulatorUrl: string, columns: number): string {
	const essential = ['DEMO', ...(scenario ? [`scenario: ${scenario}`] : []), 'nothing is saved to your profiles'].join(' · ');
	const {host} = new URL(simulatorUrl);
	const extras = [` · simulated Tableau at ${simulatorUrl}`, ` · simulator at ${host}`, ` · ${host}`];
	return extras.map(extra => essential + extra).find(line => line.length <= columns) ?? essential;
}
