import {Box, Text} from 'ink';
import {Numbered} from '../components/Numbered.js';
import {Paint} from '../components/Paint.js';
import {diagnosisTag} from '../../verify/labels.js';
import type {Diagnosis, Warning} from '../../verify/types.js';

// The catalogue marks commands with backticks for Markdown; a terminal shows them as they are.
function plain(text: string): string {
	return text.replace(/`([^`]+)`/g, '$1');
}

/** Code, title, explanation and numbered remedies of a failed test. */
export function DiagnosisView({diagnosis}: {readonly diagnosis: Diagnosis}) {
	return (
		<Box flexDirection="column">
			<Text>
				<Paint tone="fail" bold>
					✗ {diagnosis.title}
				</Paint>{' '}
				<Paint tone="muted">{diagnosisTag(diagnosis)}</Paint>
			</Text>
			<Box marginLeft={2} flexDirection="column">
				<Text>{plain(diagnosis.explanation)}</Text>
				<Paint bold>What to do:</Paint>
			</Box>
			<Numbered indent={2} items={diagnosis.remediation.map(plain)} />
		</Box>
	);
}

/** A warning of a test that passed: its title and what to do about it. */
export function WarningView({warning}: {readonly warning: Warning}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Paint tone="warn" bold>
					! {warning.title}
				</Paint>{' '}
				<Paint tone="muted">[{warning.code}]</Paint>
			</Text>
			<Numbered indent={2} items={warning.remediation.map(plain)} />
		</Box>
	);
}
