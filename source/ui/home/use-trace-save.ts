import {useEffect, useRef, type Dispatch} from 'react';
import type {HomeAction} from './reducer.js';

/** Writes the trace of the profile's last test here and returns the file's path. */
export type SaveTrace = (name: string) => Promise<string>;

/** Writes a failed test's trace whenever the state asks for it (w), and says where it went. */
export function useTraceSave(traceSave: {name: string} | null, dispatch: Dispatch<HomeAction>, saveTrace: SaveTrace | undefined): void {
	const latest = useRef(saveTrace);
	useEffect(() => {
		latest.current = saveTrace;
	});
	useEffect(() => {
		if (traceSave === null) {
			return;
		}

		const saveNow = latest.current;
		const {name} = traceSave;
		Promise.resolve()
			.then(async () => {
				if (!saveNow) {
					throw new Error('this screen keeps no traces');
				}

				return saveNow(name);
			})
			.then(
				path => {
					dispatch({type: 'trace-saved', name, path});
				},
				(error: unknown) => {
					dispatch({type: 'trace-failed', name, message: error instanceof Error ? error.message : String(error)});
				},
			);
	}, [traceSave, dispatch]);
}
