import {useEffect, useRef, type Dispatch} from 'react';
import type {RemedyFrame} from '../../verify/remedy-frame.js';
import type {TestsAction, TestsState} from './tests-reducer.js';
import type {RecordResult, VerifyProfile} from './types.js';

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

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
	const started = useRef(new Set<number>());
	const latest = useRef({verify, record, now});
	useEffect(() => {
		latest.current = {verify, record, now};
	});
	useEffect(() => {
		for (const [name, test] of tests.tests) {
			if (test.phase !== 'running' || started.current.has(test.run)) {
				continue;
			}

			started.current.add(test.run);
			const {run} = test;
			const {verify: verifyNow, record: recordNow, now: clock} = latest.current;
			const at = () => new Date(clock()).toISOString();
			void (async () => {
				let result;
				try {
					result = await verifyNow(
						name,
						event => {
							dispatch(
								event.type === 'check-started' ? {type: 'check-started', name, run, id: event.id} : {type: 'check-finished', name, run, check: event.check},
							);
						},
						rerun,
					);
				} catch (error) {
					dispatch({type: 'test-crashed', name, run, message: messageOf(error), at: at()});
					return;
				}

				let recordError: string | null = null;
				try {
					await recordNow(name, result);
				} catch (error) {
					recordError = messageOf(error);
				}

				dispatch({type: 'test-finished', name, run, result, at: at(), recordError});
			})();
		}
	}, [tests.tests, dispatch, rerun]);
}
