import {Box, Text} from 'ink';
import type {FieldCheck} from '../wizard/fields.js';
import {Paint} from './Paint.js';

type Props = {
	readonly label: string;
	readonly value: string;
	readonly focused: boolean;
	readonly cursor: number;
	/** Shown in place of each character, like ink-text-input's `mask`; undefined shows the value. */
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
One line of input with its messages under it. A view only: keys go to the wizard's reducer, which
owns the value and the cursor, so fast typing and pastes never lose characters.
*/
export function TextField({label, value, focused, cursor, mask, placeholder = '', hint, check, showError, assist, labelWidth, stacked = false}: Props) {
	const shown = mask === undefined ? value : mask.repeat(value.length);
	const at = Math.min(cursor, shown.length);
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
					<Text wrap="truncate-start">
						{focused ? (
							<>
								{shown.slice(0, at)}
								<Text inverse>{shown[at] ?? ' '}</Text>
								{shown.slice(at + 1)}
								{value === '' && placeholder ? <Paint tone="muted">{placeholder}</Paint> : null}
							</>
						) : value === '' ? (
							<Paint tone="muted">{placeholder || '(empty)'}</Paint>
						) : (
							shown
						)}
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
