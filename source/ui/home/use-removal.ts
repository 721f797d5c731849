import type {Dispatch} from 'react';
import {useAsyncWork} from '../components/use-async-work.js';
import type {ProfileSummary} from '../profile-tests/types.js';
import type {HomeAction, HomeMode, HomeState} from './reducer.js';

/** Deletes a saved profile; may be synchronous. */
export type RemoveProfile = (name: string) => void | Promise<void>;

/** Removes the profile once the person said yes, then reads the list afresh. */
export function useRemoval(mode: HomeMode, dispatch: Dispatch<HomeAction>, remove: RemoveProfile, list: () => readonly ProfileSummary[]): void {
	useAsyncWork(mode.kind === 'removing' ? mode.name : null, remove, {
		done(_result, name) {
			dispatch({type: 'removed', name, profiles: list()});
		},
		failed(message, name) {
			dispatch({type: 'remove-failed', name, message});
		},
	});
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
	useAsyncWork(
		move,
		async ({name, server}) => {
			if (!moveServer) {
				throw new Error('this screen cannot change saved profiles');
			}

			await moveServer(name, server);
		},
		{
			done(_result, {name, server}) {
				dispatch({type: 'moved', name, server, profiles: list()});
			},
			failed(message, {name}) {
				dispatch({type: 'move-failed', name, message});
			},
		},
	);
}
