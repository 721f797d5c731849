import type {CheckLine} from '../checks/check-lines.js';
import type {CheckId, CheckResult, VerificationResult} from '../../verify/types.js';
import type {CaFileAccess, FieldCheck, FieldContext} from './fields.js';
import type {FieldId, StepId, WizardValues} from './steps.js';

export type VerifyState =
	| {phase: 'idle'}
	/** `stopping`: Ctrl-C was pressed; the run stops after its current check and signs out, then the wizard ends. */
	| {phase: 'running'; run: number; checks: CheckLine[]; stopping?: true}
	| {phase: 'done'; run: number; checks: CheckLine[]; result: VerificationResult}
	/** The injected verify function threw: a bug, not a server problem, but still something to show. */
	| {phase: 'crashed'; run: number; checks: CheckLine[]; message: string};

export type SaveState = {phase: 'idle'} | {phase: 'saving'; request: number; verified: boolean} | {phase: 'failed'; message: string};

/** The failure screen's "save trace": the run whose trace is being written, or where it went. */
export type TraceState =
	{phase: 'idle'} | {phase: 'saving'; run: number} | {phase: 'saved'; run: number; path: string} | {phase: 'failed'; run: number; message: string};

/** The last profile written in this session. */
export type SavedProfile = {name: string; path: string; verified: boolean};

/** How the wizard ended; `setup` turns it into the exit code. `endedWith: 'q'` when q ended it (the demo ends then). */
export type WizardOutcome = (
	| {kind: 'verified'; profile: string; path: string; result: VerificationResult}
	| {kind: 'saved-unverified'; profile: string; path: string; result: VerificationResult | null}
	| {kind: 'failed'; result: VerificationResult | null}
	| {kind: 'save-failed'; message: string}
	/** `testLeftRunning`: a second Ctrl-C did not wait for the test to stop and sign out; it still runs. */
	| {kind: 'cancelled'; testLeftRunning?: true}
) & {endedWith?: 'q'};

export type WizardState = {
	step: StepId;
	values: WizardValues;
	/** The field that receives typing, on the two form steps; null elsewhere. */
	focus: FieldId | null;
	/** Fields whose errors are shown: left, submitted, or pointed at by "edit". */
	touched: Record<FieldId, boolean>;
	checks: Record<FieldId, FieldCheck>;
	/** What the wizard changed in a field for the person when it was left (pasted address split, https added). */
	assists: Partial<Record<FieldId, string>>;
	/** A message for the whole step: why Enter did not go on, or why "edit" came here. */
	message: string | null;
	/** After "edit": Enter on a valid field goes straight back to the review, as the message says. */
	returnToReview: boolean;
	/** The field left to reach the review, where Esc on the review returns. */
	reviewFrom: FieldId | null;
	/** Once the person types a profile name, it no longer follows the server and site. */
	profileNameEdited: boolean;
	secretVisible: boolean;
	/** A value corrected for the person on the result screen (the demo's f), said on that screen. */
	correction: string | null;
	/** Increments with every test, so late events of an earlier test are ignored. */
	run: number;
	verify: VerifyState;
	save: SaveState;
	saveRequests: number;
	saved: SavedProfile | null;
	trace: TraceState;
	/** On the verify screen: the result, or the equivalent curl commands. */
	view: 'result' | 'curl';
	scroll: number;
	scrollMax: number;
	outcome: WizardOutcome | null;
	context: FieldContext;
	/** The CA file field's file as last checked on disk (by an effect: the reducer reads nothing); null before. */
	caFileCheck: {path: string; problem: string | null} | null;
	/** Why the profile could not be saved, found before the test: the test waits until it is fixed. */
	storeProblem: string | null;
};

export type WizardAction =
	| {type: 'next'}
	| {type: 'back'}
	| {type: 'focus-next'}
	| {type: 'focus-previous'}
	| {type: 'focus'; field: FieldId}
	/** A field's new value, as its text input reports it after each key or paste. */
	| {type: 'change'; field: FieldId; value: string}
	| {type: 'toggle-secret'}
	| {type: 'start-verification'}
	| {type: 'check-started'; run: number; id: CheckId}
	| {type: 'check-finished'; run: number; check: CheckResult}
	| {type: 'verification-finished'; run: number; result: VerificationResult}
	| {type: 'verification-crashed'; run: number; message: string}
	| {type: 'save-anyway'}
	/** u after a `redirected` warning: the server becomes the address the server sent us to, saved at once when the test passed. */
	| {type: 'use-new-address'}
	/** Sets a field from the result screen, where the person sees it change (the demo's "fix"). */
	| {type: 'correct'; field: FieldId; value: string}
	/** w after a failed test: the caller writes that run's trace. */
	| {type: 'save-trace'}
	| {type: 'trace-saved'; run: number; path: string}
	| {type: 'trace-failed'; run: number; message: string}
	| {type: 'save-finished'; request: number; path: string}
	| {type: 'save-failed'; request: number; message: string}
	| {type: 'edit'}
	| {type: 'toggle-curl'}
	| {type: 'scroll'; by: number}
	| {type: 'set-scroll-limit'; max: number}
	| {type: 'ca-file-checked'; path: string; problem: string | null}
	/** The store checked again (r on the review); `thenNext`: Enter asked, so the test starts once it can be saved. */
	| {type: 'store-checked'; problem: string | null; thenNext: boolean}
	| {type: 'quit'}
	/** Ctrl-C. `signOutFirst`: a running test stops and signs out before the wizard ends (a second Ctrl-C does not wait). */
	| {type: 'cancel'; signOutFirst?: boolean};

export type WizardInit = {
	initialValues?: Partial<WizardValues>;
	/** Where to start; `verify` starts the test at once (for demos with every value filled in). */
	initialStep?: StepId;
	editingProfile?: string | null;
	existingProfileNames?: readonly string[];
	validateProfileName?: (name: string) => string | null;
	/** Checks and reads the CA file field's file. */
	caFiles?: CaFileAccess | null;
	/** Why the profile cannot be saved, as found when the wizard opens. */
	storeProblem?: string | null;
};
