import {useReducer} from 'react';
import {Box, Text, useInput} from 'ink';
import type {ScenarioInfo} from '../../simulator/index.js';
import {Footer} from '../components/Footer.js';
import {Paint} from '../components/Paint.js';

type Props = {
	readonly scenarios: readonly ScenarioInfo[];
	readonly onPick: (scenario: ScenarioInfo) => void;
	readonly onCancel: () => void;
	readonly isActive: boolean;
	/** Rows available for the list; the rest of the list scrolls. */
	readonly rows: number;
};

type Move = {type: 'up'} | {type: 'down'} | {type: 'jump'; index: number};

function move(count: number) {
	return (selected: number, action: Move): number => {
		switch (action.type) {
			case 'up': {
				return (selected - 1 + count) % count;
			}

			case 'down': {
				return (selected + 1) % count;
			}

			case 'jump': {
				return Math.min(count - 1, Math.max(0, action.index));
			}
		}
	};
}

/** The demo's first screen: which story to tell. ↑↓ to choose, Enter to start. */
export function ScenarioPicker({scenarios, onPick, onCancel, isActive, rows}: Props) {
	const [selected, dispatch] = useReducer(move(scenarios.length), 0);
	useInput(
		(input, key) => {
			if (key.upArrow || input === 'k') {
				dispatch({type: 'up'});
			} else if (key.downArrow || input === 'j') {
				dispatch({type: 'down'});
			} else if (key.return) {
				onPick(scenarios[selected]!);
			} else if (key.escape || input === 'q') {
				onCancel();
			}
		},
		{isActive},
	);

	const visible = Math.max(3, rows - 6);
	const first = Math.min(Math.max(0, selected - Math.floor(visible / 2)), Math.max(0, scenarios.length - visible));
	const current = scenarios[selected]!;
	return (
		<Box flexDirection="column">
			<Paint tone="accent" bold>
				tableau-connect demo · pick a scenario
			</Paint>
			<Text> </Text>
			{scenarios.slice(first, first + visible).map((scenario, offset) => {
				const chosen = first + offset === selected;
				return (
					<Text key={scenario.id} wrap="truncate-end">
						<Paint tone={chosen ? 'accent' : 'plain'} bold={chosen}>{`${chosen ? '›' : ' '} ${scenario.id.padEnd(21)}`}</Paint>
						<Paint tone="muted">{` ${scenario.expected === 'ok' ? 'succeeds' : scenario.expected}`}</Paint>
					</Text>
				);
			})}
			<Text> </Text>
			<Text wrap="wrap">{current.shows}</Text>
			<Footer
				hints={[
					['↑↓', 'choose'],
					['Enter', 'start'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
