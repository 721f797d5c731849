import {useState} from 'react';
import {Box, Text, useInput} from 'ink';
import TextInput from 'ink-text-input';
import type {FieldCheck} from '../wizard/fields.js';
import {Paint} from './Paint.js';

type Props = {
	readonly label: string;
	readonly value: string;
	readonly focused: boolean;
	/** False while something else has the keys (the demo's scenario picker). */
	readonly isActive: boolean;
	readonly onChange: (value: string) => void;
	/** Enter, or a paste that ends in a line break. */
	readonly onSubmit: () => void;
	/** Shown in place of each character; undefined shows the value. */
	readonly mask?: string | undefined;
	/** Shown dimmed while the value is empty. */
	readonly placeholder?: string;
	/** Help under the field while it has focus. */
	readonly hint?: string;
	readonly check: FieldCheck;
	/** Show the error: once the field was left or submitted. */
	readonly showError: boolean;
	/** What the wizard changed in this field for the person. */
	readonly assist?: string | undefined;
	readonly labelWidth: number;
	/** Label above the value instead of beside it, for narrow terminals. */
	readonly stacked?: boolean;
};

/**
One line of input (ink-text-input) with our label and messages around it. Ctrl-U clears it.

ink-text-input keeps its cursor to itself: when the value changes from outside (cleared, rewritten
on leaving, focus moved here), the input is mounted afresh so the cursor sits at the end of the new
value rather than where it was in the old one.
*/
export function TextField(props: Props) {
	const {label, value, focused, mask, placeholder = '', hint, check, showError, assist, labelWidth, stacked = false} = props;
	const [typed, setTyped] = useState({value, generation: 0});
	if (typed.value !== value) {
		setTyped({value, generation: typed.generation + 1});
	}

	const editing = focused && props.isActive;
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'u') {
				props.onChange('');
			}
		},
		{isActive: editing},
	);

	const error = showError ? check.error : null;
	// What the wizard did for the person always shows; the field's other notes only while it has focus.
	const notes = [...new Set([assist, ...(focused ? check.notes : [])].filter((note): note is string => Boolean(note)))];
	const indent = stacked ? 4 : labelWidth + 2;
	return (
		<Box flexDirection="column" marginBottom={1}>
			<Box flexDirection={stacked ? 'column' : 'row'}>
				<Box width={stacked ? undefined : labelWidth + 2} flexShrink={0}>
					<Text>
						<Paint tone={focused ? 'accent' : 'plain'} bold={focused}>
							{focused ? '› ' : '  '}
							{label}
						</Paint>
					</Text>
				</Box>
				<Box marginLeft={stacked ? 4 : 0}>
					{/* A long value shows its end, where the cursor is; a placeholder wraps, so it reads from its start. */}
					<Text wrap={value === '' ? 'wrap' : 'truncate-start'}>
						<TextInput
							key={`${typed.generation}-${String(focused)}`}
							value={value}
							focus={editing}
							showCursor={focused}
							mask={mask}
							onChange={next => {
								setTyped(current => ({value: next, generation: current.generation}));
								props.onChange(next);
							}}
							onSubmit={props.onSubmit}
						/>
						{value === '' ? <Paint tone="muted">{placeholder || (focused ? '' : '(empty)')}</Paint> : null}
					</Text>
				</Box>
			</Box>
			<Box flexDirection="column" marginLeft={indent}>
				{error ? <Paint tone="fail">✗ {error}</Paint> : null}
				{check.warnings.map(warning => (
					<Paint key={warning} tone="warn">
						! {warning}
					</Paint>
				))}
				{error
					? null
					: notes.map(note => (
							<Paint key={note} tone="muted">
								· {note}
							</Paint>
						))}
				{focused && hint && !error ? <Paint tone="muted">{hint}</Paint> : null}
			</Box>
		</Box>
	);
}
