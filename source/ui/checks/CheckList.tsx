import {createContext, useContext} from 'react';
import {Box, Text} from 'ink';
import {Paint, type Tone} from '../components/Paint.js';
import {Spinner} from '../components/Spinner.js';
import {checkLabels} from '../../verify/labels.js';
import {defaultTimeoutMs} from '../../verify/types.js';
import type {CheckLine} from './check-lines.js';
import {useElapsedSeconds} from './use-elapsed.js';

/** The deadline of each request, so a check that waits can say how long it has waited against it. 15 s unless told. */
export const CheckTimeoutContext = createContext(defaultTimeoutMs);

/** "checking…", then "checking… 4 s of 15 s" once a check has waited a second. */
export function waitingText(seconds: number, timeoutMs: number): string {
	if (seconds < 1) {
		return 'checking…';
	}

	// Whole seconds, except a deadline such as the demo's 2.5 s, which rounding would misstate.
	const timeout = Number((timeoutMs / 1000).toFixed(1));
	// Retries may run a check past one request's deadline; "17 s of 15 s" would read as a bug.
	return seconds <= timeout ? `checking… ${seconds} s of ${timeout} s` : `checking… ${seconds} s`;
}

const symbols: Record<Exclude<CheckLine['status'], 'running'>, [string, Tone]> = {
	pending: ['·', 'muted'],
	ok: ['✓', 'ok'],
	warn: ['!', 'warn'],
	fail: ['✗', 'fail'],
	skipped: ['-', 'muted'],
};

/** 41 ms, 1.2 s. */
export function formatDuration(milliseconds: number): string {
	return milliseconds < 1000 ? `${milliseconds} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

function CheckRow({line, narrow, compact}: {readonly line: CheckLine; readonly narrow: boolean; readonly compact: boolean}) {
	const [symbol, tone] = line.status === 'running' ? ['', 'accent' as const] : symbols[line.status];
	const waited = useElapsedSeconds(line.status === 'running');
	const timeoutMs = useContext(CheckTimeoutContext);
	const detail = line.status === 'pending' ? 'waiting' : line.status === 'running' ? waitingText(waited, timeoutMs) : (line.summary ?? '');
	const duration =
		line.durationMs !== null && line.status !== 'skipped' && line.status !== 'pending' && line.status !== 'running' ? formatDuration(line.durationMs) : '';
	const summary = <Paint tone={line.status === 'pending' || line.status === 'skipped' ? 'muted' : 'plain'}>{detail}</Paint>;
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={3} flexShrink={0} marginLeft={1}>
					{line.status === 'running' ? <Spinner /> : <Paint tone={tone}>{symbol}</Paint>}
				</Box>
				<Box width={15} flexShrink={0}>
					<Text>{checkLabels[line.id]}</Text>
				</Box>
				<Box width={9} flexShrink={0} justifyContent="flex-end" marginRight={2}>
					<Paint tone="muted">{duration}</Paint>
				</Box>
				{narrow || compact ? null : (
					<Box flexGrow={1} flexShrink={1}>
						{summary}
					</Box>
				)}
			</Box>
			{/* Below 64 columns the summary gets a line of its own rather than a sliver beside the name. */}
			{narrow && !compact ? <Box marginLeft={4}>{summary}</Box> : null}
		</Box>
	);
}

/**
The pipeline's checks, one line each (two on narrow terminals): waiting, spinning, or finished with
time and summary. `compact`: the symbol, name and time only, one line each whatever the width, so a
finished test leaves room for its verdict on the first screen.
*/
export function CheckList({checks, columns, compact = false}: {readonly checks: readonly CheckLine[]; readonly columns: number; readonly compact?: boolean}) {
	return (
		<Box flexDirection="column">
			{checks.map(line => (
				<CheckRow key={line.id} line={line} narrow={columns < 64} compact={compact} />
			))}
		</Box>
	);
}
