import {Box, Text} from 'ink';
import {Numbered} from '../components/Numbered.js';
import {Paint} from '../components/Paint.js';
import {diagnosisTag, withoutMarkdown} from '../../verify/labels.js';
import type {Diagnosis, Warning} from '../../verify/types.js';

/**
The title, then its codes. Each code ("HTTP 401") is one item of a wrapping row, so a narrow
terminal moves it to the next line whole instead of cutting it in two.
*/
function Title({tone, symbol, title, tag}: {readonly tone: 'fail' | 'warn'; readonly symbol: string; readonly title: string; readonly tag: string}) {
	const codes = tag.split(' · ').map((code, index) => (index === 0 ? code : `· ${code}`));
	return (
		<Box flexWrap="wrap" columnGap={1}>
			<Text>
				<Paint tone={tone} bold>
					{`${symbol} ${title}`}
				</Paint>
			</Text>
			{codes.map(code => (
				<Text key={code}>
					<Paint tone="muted">{code}</Paint>
				</Text>
			))}
		</Box>
	);
}

/** Code, title, explanation and numbered remedies of a failed test. */
export function DiagnosisView({diagnosis}: {readonly diagnosis: Diagnosis}) {
	return (
		<Box flexDirection="column">
			<Title tone="fail" symbol="✗" title={diagnosis.title} tag={diagnosisTag(diagnosis)} />
			<Box marginLeft={2} flexDirection="column">
				<Text>{withoutMarkdown(diagnosis.explanation)}</Text>
				<Paint bold>What to do:</Paint>
			</Box>
			<Numbered indent={2} items={diagnosis.remediation.map(withoutMarkdown)} />
		</Box>
	);
}

/** A warning of a test that passed: its title and what to do about it. */
export function WarningView({warning}: {readonly warning: Warning}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Title tone="warn" symbol="!" title={warning.title} tag={`[${warning.code}]`} />
			<Numbered indent={2} items={warning.remediation.map(withoutMarkdown)} />
		</Box>
	);
}
