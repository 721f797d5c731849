import {useLayoutEffect, useReducer} from 'react';
import {Box, Text} from 'ink';
import {useLetterKeys} from '../components/use-letter-keys.js';
import {scenarioLines, type ScenarioId, type ScenarioInfo} from '../../simulator/index.js';
import {Footer, footerHeight, type KeyHint} from '../components/Footer.js';
import {Paint} from '../components/Paint.js';

type Props = {
	readonly scenarios: readonly ScenarioInfo[];
	/** The scenario selected at first; default the first one. */
	readonly initial?: ScenarioId;
	/** The first line, such as "tableau-connect demo · pick a scenario". */
	readonly title: string;
	/** The demo banner, under the title as on the wizard's screens. */
	readonly banner: string;
	/** A line under the banner on how the demo goes, for the first screen. */
	readonly intro?: string;
	/** What Enter does, for the footer: "start", "switch & retry". */
	readonly pickLabel: string;
	readonly onPick: (scenario: ScenarioInfo) => void;
	/** Esc; without it Esc quits, as on the first screen where there is nothing to go back to. */
	readonly onBack?: () => void;
	/** q (false) or Ctrl-C (true). */
	readonly onQuit: (interrupted: boolean) => void;
	readonly isActive: boolean;
	readonly rows: number;
	readonly columns: number;
};

type PickerState = {selected: number; picked: boolean};
type PickerAction = {type: 'by'; delta: number; wrap: boolean} | {type: 'jump'; index: number} | {type: 'pick'};

/** Rows of the description under the list: fixed, so the list does not jump as the selection moves. */
const descriptionRows = 3;
const page = 5;

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

/** Which story to tell: the demo's first screen, and the `p` key of a failure screen. */
export function ScenarioPicker({scenarios, initial, title, banner, intro, pickLabel, onPick, onBack, onQuit, isActive, rows, columns}: Props) {
	const start = Math.max(
		0,
		scenarios.findIndex(scenario => scenario.id === initial),
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
	useLetterKeys(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				onQuit(true);
			} else if (key.upArrow || input === 'k') {
				dispatch({type: 'by', delta: -1, wrap: true});
			} else if (key.downArrow || input === 'j') {
				dispatch({type: 'by', delta: 1, wrap: true});
			} else if (key.pageUp || key.pageDown) {
				dispatch({type: 'by', delta: key.pageUp ? -page : page, wrap: false});
			} else if (key.home || key.end) {
				dispatch({type: 'jump', index: key.home ? 0 : scenarios.length - 1});
			} else if (key.return || input === '\n') {
				dispatch({type: 'pick'});
			} else if (key.escape) {
				if (onBack) {
					onBack();
				} else {
					onQuit(false);
				}
			} else if (input === 'q') {
				onQuit(false);
			}
		},
		{isActive},
	);

	const hints: KeyHint[] = [['↑↓', 'choose'], ['Enter', pickLabel], ...(onBack ? [['Esc', 'back'] as const] : []), ['q', 'quit']];
	// Title, banner, intro and a blank line above; a blank line, the description and the footer below;
	// and one row spare (inside footerHeight), because Ink redraws the whole terminal when a frame fills it.
	const above = 3 + (intro ? 1 : 0);
	const visible = Math.max(3, Math.min(scenarios.length, rows - above - 1 - descriptionRows - footerHeight(hints, columns)));
	const first = Math.min(Math.max(0, selected - Math.floor(visible / 2)), Math.max(0, scenarios.length - visible));
	const current = scenarios[selected]!;
	// The same lines as `demo --list`: the plain title, the id beside it, how it ends.
	const lines = scenarioLines(scenarios);
	return (
		<Box flexDirection="column" width={columns}>
			<Text wrap="truncate-end">
				<Paint tone="accent" bold>
					{title}
				</Paint>
			</Text>
			<Text wrap="truncate-end">
				<Paint tone="warn" bold>
					{banner}
				</Paint>
			</Text>
			{intro ? (
				<Text wrap="truncate-end">
					<Paint tone="muted">{intro}</Paint>
				</Text>
			) : null}
			<Text> </Text>
			{lines.slice(first, first + visible).map(({scenario, line}, offset) => {
				const chosen = first + offset === selected;
				return (
					<Text key={scenario.id} wrap="truncate-end">
						<Paint tone={chosen ? 'accent' : 'plain'} bold={chosen}>{`${chosen ? '›' : ' '} ${line}`}</Paint>
					</Text>
				);
			})}
			<Text> </Text>
			<Box height={descriptionRows} overflow="hidden" flexDirection="column">
				<Text wrap="wrap">
					<Paint bold>{current.title}</Paint>: {current.shows}
				</Text>
			</Box>
			<Footer hints={hints} columns={columns} hidden={{above: first, below: scenarios.length - first - visible, keys: '↑↓'}} />
		</Box>
	);
}
