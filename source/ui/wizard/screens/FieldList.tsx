import type {Dispatch} from 'react';
import {Box} from 'ink';
import {TextField} from '../../components/TextField.js';
import {Paint} from '../../components/Paint.js';
import {useTerminalSize} from '../../components/use-terminal-size.js';
import {looksLikeTokenSecret} from '../../../tableau/secret-shape.js';
import {pendingChange} from '../fields.js';
import type {WizardAction, WizardState} from '../reducer.js';
import {fieldLabels, type FieldId} from '../steps.js';

/** How each field looks: placeholder, help while focused, and whether it is masked. */
export type FieldLook = {placeholder?: string; hint?: string; masked?: boolean};

type Props = {
	readonly state: WizardState;
	readonly fields: readonly FieldId[];
	readonly looks: Partial<Record<FieldId, FieldLook>>;
	readonly dispatch: Dispatch<WizardAction>;
	readonly isActive: boolean;
};

const labelWidth = 14;

/** The fields of a form step, and the step's message when Enter was refused or "edit" led here. */
export function FieldList({state, fields, looks, dispatch, isActive}: Props) {
	const {columns} = useTerminalSize();
	return (
		<Box flexDirection="column">
			{state.message ? (
				<Box marginBottom={1}>
					<Paint tone="warn">! {state.message}</Paint>
				</Box>
			) : null}
			{fields.map(field => {
				const look = looks[field] ?? {};
				return (
					<TextField
						key={field}
						label={fieldLabels[field]}
						value={state.values[field]}
						focused={state.focus === field}
						isActive={isActive}
						onChange={value => dispatch({type: 'change', field, value})}
						onSubmit={() => dispatch({type: 'next'})}
						// Masked is masked: a secret pasted into the wrong field is not shown there either.
						mask={(look.masked && !state.secretVisible) || looksLikeTokenSecret(state.values[field]) ? '*' : undefined}
						placeholder={look.placeholder ?? ''}
						hint={look.hint ?? ''}
						check={state.checks[field]}
						showError={state.touched[field]}
						// While typing, what leaving the field will do, said without changing the text.
						assist={state.assists[field] ?? (state.focus === field ? (pendingChange(field, state.values) ?? undefined) : undefined)}
						labelWidth={labelWidth}
						stacked={columns < 60}
					/>
				);
			})}
		</Box>
	);
}
