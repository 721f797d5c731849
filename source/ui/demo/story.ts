import {scenarios, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import type {StepId} from '../wizard/steps.js';

export function infoOf(id: ScenarioId): ScenarioInfo {
	return scenarios.find(scenario => scenario.id === id)!;
}

const faults = scenarios.filter(scenario => scenario.expected !== 'ok');

/** What one test of the story ended with: a pass (with its warnings) or a diagnosis code. */
export type Verdict = {readonly ok: boolean; readonly code: string | null; readonly warnings: readonly string[]};

/** One scenario as the audience saw it: its first verdict, and the one after `f` if the fault was fixed. */
export type Shown = {readonly id: ScenarioId; readonly first: Verdict; readonly fixed: Verdict | null};

/**
The story a presenter tells: which scenario is on screen (null: the picker), the fault the story is
at (so n goes on from there even after f passed), and what the audience has seen so far.
*/
export type Story = {
	readonly scenario: ScenarioInfo | null;
	/** Whether f fixed the fault on screen: the simulator is healthy again, the scenario's name stays. */
	readonly fixed: boolean;
	/** A new wizard for every scenario started, so nothing of one leaks into the next. */
	readonly run: number;
	readonly startAt: StepId;
	readonly lastFault: ScenarioId | null;
	/** The scenario last on screen: the picker opens on it. */
	readonly recent: ScenarioId | null;
	readonly shown: readonly Shown[];
	/** The picker over the wizard (p): picking switches and tests again. */
	readonly switching: boolean;
};

export type StoryAction =
	{type: 'start'; id: ScenarioId; at: StepId} | {type: 'fixed'} | {type: 'tested'; verdict: Verdict} | {type: 'to-picker'} | {type: 'switching'; open: boolean};

export function initialStory(scenario: ScenarioId | null): Story {
	return {
		scenario: scenario ? infoOf(scenario) : null,
		fixed: false,
		run: 0,
		startAt: 'needs',
		lastFault: scenario && infoOf(scenario).expected !== 'ok' ? scenario : null,
		recent: scenario,
		shown: [],
		switching: false,
	};
}

/** The fault after the one the story is at, in the list's order; the first one at the start, and again after the last. */
export function nextFault(lastFault: ScenarioId | null): ScenarioInfo {
	return faults[(faults.findIndex(item => item.id === lastFault) + 1) % faults.length]!;
}

function start(story: Story, scenario: ScenarioInfo, at: StepId): Story {
	return {
		...story,
		scenario,
		fixed: false,
		run: story.run + 1,
		startAt: at,
		lastFault: scenario.expected === 'ok' ? story.lastFault : scenario.id,
		recent: scenario.id,
		switching: false,
	};
}

function record(shown: readonly Shown[], id: ScenarioId, verdict: Verdict, fixed: boolean): Shown[] {
	const index = shown.findIndex(item => item.id === id);
	if (index === -1) {
		return [...shown, {id, first: verdict, fixed: null}];
	}

	// Only a test after the fix changes what the audience saw: a plain retry shows the same again.
	return fixed ? shown.map((item, at) => (at === index ? {...item, fixed: verdict} : item)) : [...shown];
}

export function storyReducer(story: Story, action: StoryAction): Story {
	switch (action.type) {
		case 'start': {
			return start(story, infoOf(action.id), action.at);
		}

		case 'fixed': {
			return {...story, fixed: true};
		}

		case 'tested': {
			return story.scenario ? {...story, shown: record(story.shown, story.scenario.id, action.verdict, story.fixed)} : story;
		}

		case 'to-picker': {
			return {...story, scenario: null, fixed: false, run: story.run + 1, switching: false};
		}

		case 'switching': {
			return {...story, switching: action.open};
		}
	}
}

function verdictText({ok, code, warnings}: Verdict): string {
	if (!ok) {
		return `failed (${code ?? 'unknown'})`;
	}

	return warnings.length > 0 ? `passed with a warning (${warnings.join(', ')})` : 'passed';
}

/** What the audience saw, in the order they saw it: the demo's last line. */
export function storySummary(shown: readonly Shown[]): string {
	if (shown.length === 0) {
		return 'No scenario was tested.';
	}

	const parts = shown.map(({id, first, fixed}) => `${id} ${verdictText(first)}${fixed ? `, then ${fixed.ok ? 'fixed' : verdictText(fixed)}` : ''}`);
	return `Shown: ${parts.join('; ')}.`;
}
