import type {Dispatch} from 'react';
import {useAsyncWork} from '../components/use-async-work.js';
import type {HomeAction} from './reducer.js';

/** Writes the trace of the profile's last test here and returns the file's path. */
export type SaveTrace = (name: string) => Promise<string>;

/** Writes a failed test's trace whenever the state asks for it (w), and says where it went. */
export function useTraceSave(traceSave: {name: string} | null, dispatch: Dispatch<HomeAction>, saveTrace: SaveTrace | undefined): void {
	useAsyncWork(
		traceSave,
		async ({name}) => {
			if (!saveTrace) {
				throw new Error('this screen keeps no traces');
			}

			return saveTrace(name);
		},
		{
			done(path, {name}) {
				dispatch({type: 'trace-saved', name, path});
			},
			failed(message, {name}) {
				dispatch({type: 'trace-failed', name, message});
			},
		},
	);
}
