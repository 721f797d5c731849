import type {Dispatch} from 'react';
import {messageOf, useAsyncWorkEach} from '../components/use-async-work.js';
import type {RemedyFrame} from '../../verify/remedy-frame.js';
import type {VerificationResult} from '../../verify/types.js';
import type {TestsAction, TestsState} from './tests-reducer.js';
import type {RecordResult, VerifyProfile} from './types.js';

type RunningTest = {name: string; run: number};

/**
Starts every test the state says is running, once, and reports its events as actions. The result
is recorded before the test is reported finished, so a screen that shows "verified" has kept it.
*/
export function useTestRunner(
	tests: TestsState,
	dispatch: Dispatch<TestsAction>,
	verify: VerifyProfile,
	record: RecordResult,
	now: () => number,
	rerun?: RemedyFrame,
): void {
	const running: RunningTest[] = [];
	for (const [name, test] of tests.tests) {
		if (test.phase === 'running') {
			running.push({name, run: test.run});
		}
	}

	const at = () => new Date(now()).toISOString();
	useAsyncWorkEach(
		running,
		test => test.run,
		async ({name, run}): Promise<{result: VerificationResult; recordError: string | null}> => {
			const result = await verify(
				name,
				event => {
					dispatch(event.type === 'check-started' ? {type: 'check-started', name, run, id: event.id} : {type: 'check-finished', name, run, check: event.check});
				},
				rerun,
			);
			try {
				await record(name, result);
				return {result, recordError: null};
			} catch (error) {
				return {result, recordError: messageOf(error)};
			}
		},
		{
			done({result, recordError}, {name, run}) {
				dispatch({type: 'test-finished', name, run, result, at: at(), recordError});
			},
			failed(message, {name, run}) {
				dispatch({type: 'test-crashed', name, run, message, at: at()});
			},
		},
	);
}
