import {useLayoutEffect, useReducer} from 'react';
import {Box, Text} from 'ink';
import {scenarioOutcome, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import {bodyRows} from '../components/body-rows.js';
import {Footer} from '../components/Footer.js';
import {listWindow} from '../components/list-window.js';
import {hintsOf, type Binding, type Keymap} from '../components/keymap.js';
import {Paint} from '../components/Paint.js';
import {useKeymap} from '../components/use-keymap.js';

type Props = {
	readonly scenarios: readonly ScenarioInfo[];
	/** The scenario selected at first; default the first one. */
	readonly initial?: ScenarioId;
	/** Scenarios the audience has seen: marked in the list. */
	readonly shown: ReadonlySet<ScenarioId>;
	/** The first line, such as "tableau-connect demo · pick a scenario". */
	readonly title: string;
	/** The quiet line under the title, saying this is a simulation. */
	readonly banner: string;
	/** A line under the banner on how the demo goes, for the first screen. */
	readonly intro?: string;
	/** What Enter does, for the footer: "start", "switch & test". */
	readonly pickLabel: string;
	readonly onPick: (scenario: ScenarioInfo) => void;
	/** Esc, where there is something to go back to (the wizard under the picker). */
	readonly onBack?: () => void;
	/** q (false) or Ctrl-C (true). */
	readonly onQuit: (interrupted: boolean) => void;
	readonly isActive: boolean;
	readonly rows: number;
	readonly columns: number;
};

type PickerState = {selected: number; picked: boolean};
type PickerAction = {type: 'by'; delta: number; wrap: boolean} | {type: 'jump'; index: number} | {type: 'pick'};
type PickerKey = PickerAction | {type: 'back'} | {type: 'quit'; interrupted: boolean};

/** Rows of the description under the list: fixed, so the list does not jump as the selection moves. */
const descriptionRows = 3;

function reducerFor(count: number) {
	return (state: PickerState, action: PickerAction): PickerState => {
		if (state.picked) {
			return state;
		}

		switch (action.type) {
			case 'pick': {
				return {...state, picked: true};
			}

			case 'jump': {
				return {...state, selected: Math.min(count - 1, Math.max(0, action.index))};
			}

			case 'by': {
				const next = state.selected + action.delta;
				return {...state, selected: action.wrap ? (next + count) % count : Math.min(count - 1, Math.max(0, next))};
			}
		}
	};
}

/** The picker's keys; PgUp and PgDn move as many rows as the list shows. */
function pickerKeymap(count: number, page: number, pickLabel: string, canGoBack: boolean): Keymap<PickerKey> {
	const key = (name: string, label: string, action: PickerKey | null, more: Partial<Binding<PickerKey>> = {}): Binding<PickerKey> => ({
		key: name,
		label,
		action,
		available: true,
		...more,
	});
	return [
		// The arrows' one hint; each arrow is its own key below.
		key('↑↓', 'choose', null),
		key('↑', 'choose', {type: 'by', delta: -1, wrap: true}, {listed: false}),
		key('↓', 'choose', {type: 'by', delta: 1, wrap: true}, {listed: false}),
		key('k', 'up', {type: 'by', delta: -1, wrap: true}, {listed: false}),
		key('j', 'down', {type: 'by', delta: 1, wrap: true}, {listed: false}),
		key('PgUp', 'page up', {type: 'by', delta: -page, wrap: false}, {listed: false}),
		key('PgDn', 'page down', {type: 'by', delta: page, wrap: false}, {listed: false}),
		key('Home', 'first', {type: 'jump', index: 0}, {listed: false}),
		key('End', 'last', {type: 'jump', index: count - 1}, {listed: false}),
		key('Enter', pickLabel, {type: 'pick'}),
		key('Esc', 'back', {type: 'back'}, {available: canGoBack}),
		key('q', 'quit', {type: 'quit', interrupted: false}),
		key('Ctrl-C', 'quit', {type: 'quit', interrupted: true}, {listed: false}),
	];
}

/**
The list's lines at `columns`: the title, the id (where it fits beside the rest), how it ends. Never
cut: a terminal too narrow for the id gets it in the description below instead.
*/
export function pickerLines(scenarios: readonly ScenarioInfo[], columns: number): {lines: string[]; withIds: boolean} {
	const titleWidth = Math.max(...scenarios.map(scenario => scenario.title.length));
	const idWidth = Math.max(...scenarios.map(scenario => scenario.id.length));
	const outcomeWidth = Math.max(...scenarios.map(scenario => scenarioOutcome(scenario).length));
	// The selection mark and the "shown" mark come first: four columns.
	const withIds = 4 + titleWidth + 2 + idWidth + 2 + outcomeWidth <= columns;
	const lines = scenarios.map(
		scenario => `${scenario.title.padEnd(titleWidth)}  ${withIds ? `${scenario.id.padEnd(idWidth)}  ` : ''}${scenarioOutcome(scenario)}`,
	);
	return {lines, withIds};
}

/** Which story to tell: the demo's first screen, and the `p` key of a result screen. */
export function ScenarioPicker(props: Props) {
	const {scenarios, shown, title, banner, intro, onPick, onBack, onQuit, isActive, rows, columns} = props;
	const start = Math.max(
		0,
		scenarios.findIndex(scenario => scenario.id === props.initial),
	);
	const [{selected, picked}, dispatch] = useReducer(reducerFor(scenarios.length), {selected: start, picked: false});
	// Enter goes through the reducer, so it picks what the keys before it selected even when they
	// all arrive before a render; a layout effect hands the pick on within the same commit.
	useLayoutEffect(() => {
		if (picked) {
			onPick(scenarios[selected]!);
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the pick alone hands over, once
	}, [picked]);

	// Title, banner, intro and a blank line above the list; the description below it, after the blank
	// row bodyRows keeps free.
	const above = 3 + (intro ? 1 : 0);
	const hints = hintsOf(pickerKeymap(scenarios.length, 1, props.pickLabel, onBack !== undefined));
	const visible = Math.min(scenarios.length, bodyRows({rows, columns, above: above + descriptionRows, hints, minimum: 3}));
	const keymap = pickerKeymap(scenarios.length, visible, props.pickLabel, onBack !== undefined);
	useKeymap(
		keymap,
		action => {
			if (action.type === 'back') {
				onBack?.();
			} else if (action.type === 'quit') {
				onQuit(action.interrupted);
			} else {
				dispatch(action);
			}
		},
		{isActive},
	);

	const {first, above: hiddenAbove, below: hiddenBelow} = listWindow(selected, scenarios.length, visible);
	const current = scenarios[selected]!;
	const {lines, withIds} = pickerLines(scenarios, columns);
	return (
		<Box flexDirection="column" width={columns}>
			<Text wrap="truncate-end">
				<Paint tone="accent" bold>
					{title}
				</Paint>
			</Text>
			<Text wrap="truncate-end">
				<Paint tone="muted">{banner}</Paint>
			</Text>
			{intro ? (
				<Text wrap="truncate-end">
					<Paint tone="muted">{intro}</Paint>
				</Text>
			) : null}
			<Text> </Text>
			{lines.slice(first, first + visible).map((line, offset) => {
				const index = first + offset;
				const scenario = scenarios[index]!;
				const chosen = index === selected;
				return (
					<Text key={scenario.id} wrap="truncate-end">
						<Paint tone={chosen ? 'accent' : 'plain'} bold={chosen}>{`${chosen ? '›' : ' '} ${shown.has(scenario.id) ? '•' : ' '} ${line}`}</Paint>
					</Text>
				);
			})}
			<Text> </Text>
			<Box height={descriptionRows} overflow="hidden" flexDirection="column">
				<Text wrap="wrap">
					<Paint bold>{current.title}</Paint>
					{withIds ? '' : ` (${current.id})`}: {current.shows}
				</Text>
			</Box>
			<Footer hints={hints} columns={columns} hidden={{above: hiddenAbove, below: hiddenBelow, keys: '↑↓'}} />
		</Box>
	);
}
