import {useEffect, useRef, type Dispatch} from 'react';
import type {ProfileSummary} from '../profile-tests/types.js';
import type {HomeAction, HomeMode} from './reducer.js';

/** Deletes a saved profile; may be synchronous. */
export type RemoveProfile = (name: string) => void | Promise<void>;

/** Removes the profile once the person said yes, then reads the list afresh. */
export function useRemoval(mode: HomeMode, dispatch: Dispatch<HomeAction>, remove: RemoveProfile, list: () => readonly ProfileSummary[]): void {
	const latest = useRef({remove, list});
	useEffect(() => {
		latest.current = {remove, list};
	});
	const removing = mode.kind === 'removing' ? mode.name : null;
	useEffect(() => {
		if (removing === null) {
			return;
		}

		const {remove: removeNow, list: listNow} = latest.current;
		Promise.resolve()
			.then(async () => removeNow(removing))
			.then(
				() => {
					dispatch({type: 'removed', name: removing, profiles: listNow()});
				},
				(error: unknown) => {
					dispatch({type: 'remove-failed', name: removing, message: error instanceof Error ? error.message : String(error)});
				},
			);
	}, [removing, dispatch]);
}
