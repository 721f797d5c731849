import {useEffect, useRef, type Dispatch} from 'react';
import type {ProfileInput} from '../../profiles/types.js';
import type {VerificationInput, VerificationOptions} from '../../verify/pipeline.js';
import {useAsyncWork} from '../components/use-async-work.js';
import type {RemedyFrame} from '../../verify/remedy-frame.js';
import type {VerificationResult} from '../../verify/types.js';
import {caFileOf, profileInput, verificationInput, type WizardAction, type WizardState} from './reducer.js';

export type VerifyFunction = (input: VerificationInput, options: VerificationOptions) => Promise<VerificationResult>;
/**
Writes the profile and says where; may be synchronous. `verification` is null for "save anyway" without a
result. `renameFrom` is the saved profile these values came from when its name was changed: it is renamed,
not copied.
*/
export type SaveFunction = (
	input: ProfileInput,
	verification: VerificationResult | null,
	options?: {renameFrom?: string},
) => Promise<{path: string}> | {path: string};

/** Writes the trace of the last test and says where; the screen does no disk I/O itself. */
export type SaveTraceFunction = () => Promise<string>;

/** Runs the test whenever the state asks for a new one, and reports its events as actions. */
export function useVerification(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	verify: VerifyFunction,
	options: Omit<VerificationOptions, 'onEvent'>,
	frame: RemedyFrame,
): void {
	const stop = useRef<AbortController | null>(null);
	const stopping = state.verify.phase === 'running' && state.verify.stopping === true;
	useEffect(() => {
		if (stopping) {
			stop.current?.abort();
		}
	}, [stopping]);
	useAsyncWork(
		state.verify.phase === 'running' ? state.verify.run : null,
		async run => {
			// Ctrl-C (the wizard's own key) or the caller's signal: either stops the run and signs it out.
			const controller = new AbortController();
			stop.current = controller;
			const outer = options.signal;
			const forward = () => {
				controller.abort();
			};

			if (outer?.aborted) {
				controller.abort();
			} else {
				outer?.addEventListener('abort', forward, {once: true});
			}

			try {
				// The CA file field, read now: a certificate put in place while the wizard waited counts, and
				// one gone since it was checked ends this run as a failure on screen, not a crash.
				const caFile = caFileOf(state);
				const caPem = caFile !== null && state.context.caFiles ? state.context.caFiles.read(caFile) : undefined;
				return await verify(
					{...verificationInput(state), rerun: frame},
					{
						...options,
						signal: controller.signal,
						...(caPem === undefined ? {} : {caPem}),
						onEvent(event) {
							dispatch(event.type === 'check-started' ? {type: 'check-started', run, id: event.id} : {type: 'check-finished', run, check: event.check});
						},
					},
				);
			} finally {
				outer?.removeEventListener('abort', forward);
			}
		},
		{
			done(result, run) {
				dispatch({type: 'verification-finished', run, result});
			},
			failed(message, run) {
				dispatch({type: 'verification-crashed', run, message});
			},
		},
	);
}

/** Saves whenever the state asks for it: after a passing test, or on "save anyway". */
export function useSaving(state: WizardState, dispatch: Dispatch<WizardAction>, save: SaveFunction): void {
	useAsyncWork(
		state.save.phase === 'saving' ? state.save.request : null,
		async () => {
			const result = state.verify.phase === 'done' ? state.verify.result : null;
			const input = profileInput(state);
			// The profile on disk now: the one being edited, or the name this session last saved it under.
			const onDisk = state.saved?.name ?? state.context.editingProfile;
			return save(input, result, onDisk !== null && onDisk !== input.name ? {renameFrom: onDisk} : {});
		},
		{
			done({path}, request) {
				dispatch({type: 'save-finished', request, path});
			},
			failed(message, request) {
				dispatch({type: 'save-failed', request, message});
			},
		},
	);
}

/** Writes the failed test's trace whenever the state asks for it (w), and reports where it went. */
export function useTraceSaving(state: WizardState, dispatch: Dispatch<WizardAction>, saveTrace: SaveTraceFunction | undefined): void {
	useAsyncWork(state.trace.phase === 'saving' && saveTrace ? state.trace.run : null, async () => saveTrace!(), {
		done(path, run) {
			dispatch({type: 'trace-saved', run, path});
		},
		failed(message, run) {
			dispatch({type: 'trace-failed', run, message});
		},
	});
}

/**
Checks the CA file field's file whenever its path changes, and again on each step: a certificate put
in place meanwhile counts. The result goes to the reducer, which reads nothing itself.
*/
export function useCaFileCheck(state: WizardState, dispatch: Dispatch<WizardAction>): void {
	const path = state.values.caFile.trim();
	const access = state.context.caFiles;
	useEffect(() => {
		checkCaFile(path, access, dispatch);
	}, [path, access, state.step, dispatch]);
}

/** The CA file checked now, before a key starts a test: one put back since the last check counts, one gone does not pass. */
export function recheckCaFile(state: WizardState, dispatch: Dispatch<WizardAction>): void {
	checkCaFile(state.values.caFile.trim(), state.context.caFiles, dispatch);
}

function checkCaFile(path: string, access: WizardState['context']['caFiles'], dispatch: Dispatch<WizardAction>): void {
	if (path !== '' && access) {
		dispatch({type: 'ca-file-checked', path, problem: access.check(path)});
	}
}
