import {useEffect, useRef, type Dispatch} from 'react';
import type {ProfileSummary} from '../profile-tests/types.js';
import type {HomeAction, HomeMode, HomeState} from './reducer.js';

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

/** Gives a saved profile another server; may be synchronous. */
export type MoveServer = (name: string, server: string) => void | Promise<void>;

/** Saves the address a profile's server moved to, once the person pressed its key, then reads the list afresh. */
export function useMove(
	move: HomeState['move'],
	dispatch: Dispatch<HomeAction>,
	moveServer: MoveServer | undefined,
	list: () => readonly ProfileSummary[],
): void {
	const latest = useRef({moveServer, list});
	useEffect(() => {
		latest.current = {moveServer, list};
	});
	useEffect(() => {
		if (move === null) {
			return;
		}

		const {moveServer: moveNow, list: listNow} = latest.current;
		const {name, server} = move;
		Promise.resolve()
			.then(async () => {
				if (!moveNow) {
					throw new Error('this screen cannot change saved profiles');
				}

				await moveNow(name, server);
			})
			.then(
				() => {
					dispatch({type: 'moved', name, server, profiles: listNow()});
				},
				(error: unknown) => {
					dispatch({type: 'move-failed', name, message: error instanceof Error ? error.message : String(error)});
				},
			);
	}, [move, dispatch]);
}
