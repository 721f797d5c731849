import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {Paint} from '../../components/Paint.js';
import {useTerminalSize} from '../../components/use-terminal-size.js';
import type {VerificationResult} from '../../../verify/types.js';
import type {WizardState} from '../reducer.js';
import {verificationInput} from '../reducer.js';
import {CheckList} from '../../checks/CheckList.js';
import {CurlView} from './CurlView.js';
import {DiagnosisView, WarningView} from '../../checks/Remedies.js';
import {SuccessView} from './SuccessView.js';
import type {FieldId} from '../steps.js';
import {savedTraceText} from '../../checks/saved-trace.js';

/** A further choice after a failed test, such as the demo's scenario switcher. */
export type FailureAction = {
	/** One printable key; e, r, s, c, u, w and q are taken. */
	key: string;
	label: string;
	/** Offered after a passing test too, under this label (the demo's p pick and n next). */
	successLabel?: string;
	run: (api: {
		retry: () => void;
		/** Sets a field where the person sees it change, before a retry. */
		correct: (field: FieldId, value: string) => void;
		result: VerificationResult | null;
	}) => void | Promise<void>;
};

type Props = {
	readonly state: WizardState;
	readonly insecure: boolean;
};

function SavedAnyway({state}: {readonly state: WizardState}) {
	let line: ReactNode = null;
	if (state.save.phase === 'saving') {
		line = <Text>Saving…</Text>;
	} else if (state.save.phase === 'failed') {
		line = <Paint tone="fail">✗ Not saved: {state.save.message}</Paint>;
	} else if (state.saved && !state.saved.verified) {
		line = (
			<Paint tone="warn">
				! Saved without a passing test as &quot;{state.saved.name}&quot; in {state.saved.path}.
			</Paint>
		);
	}

	return line ? <Box marginTop={1}>{line}</Box> : null;
}

/** Where the trace of the failed test went, once w has been pressed for it. */
function SavedTrace({state}: {readonly state: WizardState}) {
	const {trace, verify} = state;
	if (trace.phase === 'idle' || verify.phase === 'idle' || trace.run !== verify.run) {
		return null;
	}

	return (
		<Box>
			{trace.phase === 'saving' ? <Text>Saving the trace…</Text> : null}
			{trace.phase === 'saved' ? <Paint tone="ok">{savedTraceText(trace.path)}</Paint> : null}
			{trace.phase === 'failed' ? <Paint tone="fail">✗ The trace was not saved: {trace.message}</Paint> : null}
		</Box>
	);
}

/** Step 8: the live checks, then the verdict, or the curl commands when asked for. */
export function VerifyScreen({state, insecure}: Props) {
	const {columns} = useTerminalSize();
	const {verify} = state;
	const input = verificationInput(state);
	if (verify.phase === 'idle') {
		return <Text>Starting the test…</Text>;
	}

	if (state.view === 'curl') {
		const apiVersion = verify.phase === 'done' ? verify.result.apiVersion : null;
		return <CurlView input={{server: input.server, site: input.site, tokenName: input.tokenName, apiVersion, insecure}} />;
	}

	const where = input.site === '' ? 'Default site' : `site ${input.site}`;
	// Once done, one line per check: the verdict, its warnings and what to do next stay on the first
	// screen of an 80×24 terminal, and each check's own summary follows further down.
	const done = verify.phase === 'done';
	return (
		<Box flexDirection="column">
			<Text>
				{done ? 'Tested' : 'Testing'} {input.server} · {where} · token {input.tokenName}
			</Text>
			{state.correction ? <Paint tone="accent">→ {state.correction}</Paint> : null}
			{/* At the top, where the screen is scrolled back to: the path is what the person came for. */}
			<SavedTrace state={state} />
			<CheckList checks={verify.checks} columns={columns} compact={done} />
			{verify.phase === 'done' && !verify.result.ok ? <SavedAnyway state={state} /> : null}
			<Box marginTop={1} flexDirection="column">
				{verify.phase === 'running' ? (
					verify.stopping ? (
						<Paint tone="warn">Stopping: the test stops now and signs out of its session, so the token is free for Parable.</Paint>
					) : (
						<Paint tone="muted">Testing… the checks run one after the other.</Paint>
					)
				) : null}
				{verify.phase === 'crashed' ? <Paint tone="fail">✗ The test stopped unexpectedly: {verify.message}</Paint> : null}
				{verify.phase === 'done' && verify.result.ok ? (
					<SuccessView result={verify.result} tokenName={input.tokenName} save={state.save} saved={state.saved} />
				) : null}
				{verify.phase === 'done' && verify.result.diagnosis ? <DiagnosisView diagnosis={verify.result.diagnosis} /> : null}
				{verify.phase === 'done' && !verify.result.ok ? verify.result.warnings.map(warning => <WarningView key={warning.code} warning={warning} />) : null}
			</Box>
			{done ? (
				<Box marginTop={1} flexDirection="column">
					<Paint bold>Each check:</Paint>
					<CheckList checks={verify.checks} columns={columns} />
				</Box>
			) : null}
		</Box>
	);
}
