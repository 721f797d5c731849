import type {ProfileInput} from '../../profiles/types.js';
import {pendingCheckLines, updateCheck, type CheckLine} from '../checks/check-lines.js';
import type {CheckId, CheckResult, VerificationResult} from '../../verify/types.js';
import {editTargets} from './edit-target.js';
import {
	checkFields,
	defaultValidateProfileName,
	emptyValues,
	firstInvalid,
	normalizeField,
	parsedServer,
	parsedSite,
	suggestProfileName,
	type FieldCheck,
	type FieldContext,
} from './fields.js';
import {fieldIds, fieldLabels, stepFields, stepIds, stepOf, type FieldId, type StepId, type WizardValues} from './steps.js';

export type VerifyState =
	| {phase: 'idle'}
	| {phase: 'running'; run: number; checks: CheckLine[]}
	| {phase: 'done'; run: number; checks: CheckLine[]; result: VerificationResult}
	/** The injected verify function threw: a bug, not a server problem, but still something to show. */
	| {phase: 'crashed'; run: number; checks: CheckLine[]; message: string};

export type SaveState = {phase: 'idle'} | {phase: 'saving'; request: number; verified: boolean} | {phase: 'failed'; message: string};

/** The last profile written in this session. */
export type SavedProfile = {name: string; path: string; verified: boolean};

/** How the wizard ended; `setup` turns it into the exit code. */
export type WizardOutcome =
	| {kind: 'verified'; profile: string; path: string; result: VerificationResult}
	| {kind: 'saved-unverified'; profile: string; path: string; result: VerificationResult | null}
	| {kind: 'failed'; result: VerificationResult | null}
	| {kind: 'save-failed'; message: string}
	| {kind: 'cancelled'};

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
	/** Once the person types a profile name, it no longer follows the server and site. */
	profileNameEdited: boolean;
	secretVisible: boolean;
	/** Increments with every test, so late events of an earlier test are ignored. */
	run: number;
	verify: VerifyState;
	save: SaveState;
	saveRequests: number;
	saved: SavedProfile | null;
	/** On the verify screen: the result, or the equivalent curl commands. */
	view: 'result' | 'curl';
	scroll: number;
	scrollMax: number;
	outcome: WizardOutcome | null;
	context: FieldContext;
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
	| {type: 'save-finished'; request: number; path: string}
	| {type: 'save-failed'; request: number; message: string}
	| {type: 'edit'}
	| {type: 'toggle-curl'}
	| {type: 'scroll'; by: number}
	| {type: 'set-scroll-limit'; max: number}
	| {type: 'quit'}
	| {type: 'cancel'};

export type WizardInit = {
	initialValues?: Partial<WizardValues>;
	/** Where to start; `verify` starts the test at once (for demos with every value filled in). */
	initialStep?: StepId;
	editingProfile?: string | null;
	existingProfileNames?: readonly string[];
	validateProfileName?: (name: string) => string | null;
};

const noTouched = Object.fromEntries(fieldIds.map(field => [field, false])) as Record<FieldId, boolean>;

/** The state a wizard starts in. */
export function initialWizardState(init: WizardInit = {}): WizardState {
	const context: FieldContext = {
		validateProfileName: init.validateProfileName ?? defaultValidateProfileName,
		existingProfileNames: init.existingProfileNames ?? [],
		editingProfile: init.editingProfile ?? null,
		savedSecret: init.editingProfile ? (init.initialValues?.tokenSecret ?? null) : null,
	};
	const given = init.initialValues ?? {};
	// The suggested token name is only a placeholder: a person whose token has another name must type it.
	let values: WizardValues = {...emptyValues, ...given};
	let assists: WizardState['assists'] = {};
	// Values from the environment or a demo may be a whole address: split it as leaving the field would.
	for (const field of ['server', 'site'] as const) {
		const normalized = normalizeField(field, values);
		values = normalized.values;
		assists = {...assists, ...normalized.assists};
	}

	const profileNameEdited = given.profileName !== undefined && given.profileName !== '';
	if (!profileNameEdited) {
		values = {...values, profileName: suggestProfileName(values, context.existingProfileNames)};
	}

	const base: WizardState = {
		step: 'needs',
		values,
		focus: null,
		touched: noTouched,
		checks: checkFields(values, context),
		assists,
		message: null,
		profileNameEdited,
		secretVisible: false,
		run: 0,
		verify: {phase: 'idle'},
		save: {phase: 'idle'},
		saveRequests: 0,
		saved: null,
		view: 'result',
		scroll: 0,
		scrollMax: 0,
		outcome: null,
		context,
	};
	const step = init.initialStep ?? 'needs';
	return step === 'verify' ? startVerification(base) : enterStep(base, step);
}

/** What the pipeline gets: parsed server and site, trimmed name and secret. */
export function verificationInput(state: WizardState) {
	return {
		server: parsedServer(state.values) ?? state.values.server.trim(),
		site: parsedSite(state.values) ?? state.values.site.trim(),
		tokenName: state.values.tokenName.trim(),
		tokenSecret: state.values.tokenSecret.trim(),
		profile: state.values.profileName.trim(),
	};
}

/** What the store gets. */
export function profileInput(state: WizardState): ProfileInput {
	const {server, site, tokenName, tokenSecret, profile} = verificationInput(state);
	return {name: profile, server, site, tokenName, tokenSecret};
}

function isFormStep(step: StepId): boolean {
	return stepFields[step].length > 0;
}

function enterStep(state: WizardState, step: StepId, field?: FieldId | null): WizardState {
	const fields = stepFields[step];
	const focus = field ?? fields[0] ?? null;
	return {
		...state,
		step,
		focus,
		// The secret is shown only while its field has focus and the person asked for it.
		secretVisible: step === state.step && focus === 'tokenSecret' ? state.secretVisible : false,
		view: 'result',
		scroll: 0,
		scrollMax: 0,
	};
}

function withValues(state: WizardState, values: WizardValues, changed: readonly FieldId[]): WizardState {
	let next = values;
	if (!state.profileNameEdited && (changed.includes('server') || changed.includes('site'))) {
		next = {...next, profileName: suggestProfileName(next, state.context.existingProfileNames)};
	}

	return {...state, values: next, checks: checkFields(next, state.context)};
}

/**
Leaving a field: rewrite it as it will be used, start showing its error, and hide a shown secret.
Only here is text rewritten: a paste over ssh or tmux arrives in pieces, so no piece is final.
*/
function blur(state: WizardState): WizardState {
	const field = state.focus;
	if (field === null) {
		return state;
	}

	const {values, assists} = normalizeField(field, state.values);
	const changed = fieldIds.filter(id => values[id] !== state.values[id]);
	const next = withValues(state, values, changed);
	const touched = {...next.touched, [field]: true};
	// A site filled in from the server address is checked at once: the person did not type it.
	if (assists.site !== undefined) {
		touched.site = true;
	}

	return {...next, touched, assists: {...next.assists, ...assists}, secretVisible: false};
}

function moveFocus(state: WizardState, delta: 1 | -1): WizardState {
	const fields = stepFields[state.step];
	if (state.focus === null || fields.length === 0) {
		return state;
	}

	const left = blur(state);
	const index = (fields.indexOf(state.focus) + delta + fields.length) % fields.length;
	const focus = fields[index]!;
	return {...left, focus};
}

function blockedMessage(field: FieldId): string {
	return `${fieldLabels[field]} needs fixing before you go on (see the message under it).`;
}

function submitField(state: WizardState): WizardState {
	const fields = stepFields[state.step];
	const field = state.focus ?? fields[0]!;
	const left = blur({...state, focus: field});
	if (left.checks[field].error !== null) {
		// Focus stays, so a secret the person is checking stays shown.
		return {...left, focus: field, message: blockedMessage(field), secretVisible: state.secretVisible};
	}

	const index = fields.indexOf(field);
	if (index < fields.length - 1) {
		const focus = fields[index + 1]!;
		return {...left, focus, message: null};
	}

	const touched = {...left.touched};
	for (const id of fields) {
		touched[id] = true;
	}

	const invalid = firstInvalid(left.checks, fields);
	if (invalid !== null) {
		return {...left, touched, focus: invalid, message: blockedMessage(invalid)};
	}

	const following = stepIds[stepIds.indexOf(state.step) + 1]!;
	return enterStep({...left, touched, message: null}, following);
}

function startVerification(state: WizardState): WizardState {
	// The review is reached only with valid values, but a demo may start here with anything.
	for (const field of fieldIds) {
		if (state.checks[field].error !== null) {
			return enterStep({...state, touched: {...state.touched, [field]: true}, message: blockedMessage(field)}, stepOf(field), field);
		}
	}

	const run = state.run + 1;
	const checks = pendingCheckLines();
	return {
		...enterStep(state, 'verify'),
		message: null,
		run,
		verify: {phase: 'running', run, checks},
		save: {phase: 'idle'},
	};
}

function requestSave(state: WizardState, verified: boolean): WizardState {
	const request = state.saveRequests + 1;
	return {...state, saveRequests: request, save: {phase: 'saving', request, verified}};
}

// Typing and pasting change exactly the text typed: `blur` does the rewriting, once the field is left.
function change(state: WizardState, field: FieldId, value: string): WizardState {
	if (field !== state.focus || value === state.values[field]) {
		return state;
	}

	const next = withValues({...state, message: null, assists: {...state.assists, [field]: undefined}}, {...state.values, [field]: value}, [field]);
	return {...next, profileNameEdited: next.profileNameEdited || field === 'profileName'};
}

function finish(state: WizardState): WizardOutcome {
	if (state.saved) {
		const result = state.verify.phase === 'done' ? state.verify.result : null;
		if (state.saved.verified && result?.ok) {
			return {kind: 'verified', profile: state.saved.name, path: state.saved.path, result};
		}

		return {kind: 'saved-unverified', profile: state.saved.name, path: state.saved.path, result};
	}

	if (state.save.phase === 'failed') {
		return {kind: 'save-failed', message: state.save.message};
	}

	return {kind: 'failed', result: state.verify.phase === 'done' ? state.verify.result : null};
}

/** The wizard's only state transition function. Pure: effects read the state and dispatch results. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	if (state.outcome !== null) {
		return state;
	}

	switch (action.type) {
		case 'next': {
			if (isFormStep(state.step)) {
				return submitField(state);
			}

			if (state.step === 'review') {
				return startVerification(state);
			}

			if (state.step === 'verify') {
				const {verify} = state;
				if (verify.phase === 'done' && verify.result.ok && state.saved && state.save.phase === 'idle') {
					return {...state, outcome: finish(state)};
				}

				return state;
			}

			return enterStep({...state, message: null}, stepIds[stepIds.indexOf(state.step) + 1]!);
		}

		case 'back': {
			if (state.step === 'verify') {
				if (state.view === 'curl') {
					return {...state, view: 'result', scroll: 0, scrollMax: 0};
				}

				if (state.verify.phase === 'running' || state.save.phase === 'saving') {
					return state;
				}

				return enterStep({...state, verify: {phase: 'idle'}, message: null}, 'review');
			}

			const index = stepIds.indexOf(state.step);
			if (index === 0) {
				// Nowhere to go back to: Esc quits, as Ctrl-C does.
				return {...state, outcome: {kind: 'cancelled'}};
			}

			return enterStep({...blur(state), message: null}, stepIds[index - 1]!);
		}

		case 'focus-next': {
			return moveFocus(state, 1);
		}

		case 'focus-previous': {
			return moveFocus(state, -1);
		}

		case 'focus': {
			if (!stepFields[state.step].includes(action.field)) {
				return state;
			}

			return {...blur(state), focus: action.field};
		}

		case 'change': {
			return change(state, action.field, action.value);
		}

		case 'toggle-secret': {
			return state.focus === 'tokenSecret' ? {...state, secretVisible: !state.secretVisible} : state;
		}

		case 'start-verification': {
			const {verify} = state;
			if (state.step === 'review' || (state.step === 'verify' && (verify.phase === 'done' || verify.phase === 'crashed') && state.save.phase !== 'saving')) {
				return startVerification(state);
			}

			return state;
		}

		case 'check-started': {
			const {verify} = state;
			if (verify.phase !== 'running' || verify.run !== action.run) {
				return state;
			}

			return {...state, verify: {...verify, checks: updateCheck(verify.checks, action.id, {status: 'running'})}};
		}

		case 'check-finished': {
			const {verify} = state;
			if (verify.phase !== 'running' || verify.run !== action.run) {
				return state;
			}

			const {id, status, summary, durationMs} = action.check;
			return {...state, verify: {...verify, checks: updateCheck(verify.checks, id, {status, summary, durationMs})}};
		}

		case 'verification-finished': {
			const {verify} = state;
			if (verify.phase !== 'running' || verify.run !== action.run) {
				return state;
			}

			// Lines the events missed (a fake verify, an early return) come from the result itself.
			let {checks} = verify;
			for (const check of action.result.checks) {
				checks = updateCheck(checks, check.id, {status: check.status, summary: check.summary, durationMs: check.durationMs});
			}

			const done: WizardState = {...state, verify: {phase: 'done', run: verify.run, checks, result: action.result}, scroll: 0, scrollMax: 0};
			// A verified profile is saved at once: that is what "Save & test" promised.
			return action.result.ok ? requestSave(done, true) : done;
		}

		case 'verification-crashed': {
			const {verify} = state;
			if (verify.phase !== 'running' || verify.run !== action.run) {
				return state;
			}

			return {...state, verify: {phase: 'crashed', run: verify.run, checks: verify.checks, message: action.message}};
		}

		case 'save-anyway': {
			const {verify} = state;
			const failed = (verify.phase === 'done' && !verify.result.ok) || verify.phase === 'crashed';
			if (state.step !== 'verify' || !failed || state.save.phase === 'saving' || state.saved) {
				return state;
			}

			return requestSave(state, false);
		}

		case 'save-finished': {
			if (state.save.phase !== 'saving' || state.save.request !== action.request) {
				return state;
			}

			return {...state, save: {phase: 'idle'}, saved: {name: profileInput(state).name, path: action.path, verified: state.save.verified}};
		}

		case 'save-failed': {
			if (state.save.phase !== 'saving' || state.save.request !== action.request) {
				return state;
			}

			return {...state, save: {phase: 'failed', message: action.message}};
		}

		case 'edit': {
			const {verify} = state;
			if (state.step !== 'verify' || verify.phase === 'running' || verify.phase === 'idle' || state.save.phase === 'saving') {
				return state;
			}

			const diagnosis = verify.phase === 'done' ? verify.result.diagnosis : null;
			const target = diagnosis ? editTargets[diagnosis.code] : {step: 'review' as const, field: null};
			const message = diagnosis
				? `The test failed: ${diagnosis.title} [${diagnosis.code}]. ${target.step === 'review' ? 'Press Enter to test again.' : 'Correct the value, then press Enter to go on to the review and test again.'}`
				: 'Press Enter to test again.';
			const touched = target.field === null ? state.touched : {...state.touched, [target.field]: true};
			return enterStep({...state, touched, message, verify: {phase: 'idle'}}, target.step, target.field);
		}

		case 'toggle-curl': {
			return state.step === 'verify' ? {...state, view: state.view === 'curl' ? 'result' : 'curl', scroll: 0, scrollMax: 0} : state;
		}

		case 'scroll': {
			return {...state, scroll: Math.max(0, Math.min(state.scrollMax, state.scroll + action.by))};
		}

		case 'set-scroll-limit': {
			const max = Math.max(0, action.max);
			return max === state.scrollMax ? state : {...state, scrollMax: max, scroll: Math.min(state.scroll, max)};
		}

		case 'quit': {
			const {verify} = state;
			if (state.step !== 'verify' || verify.phase === 'running' || state.save.phase === 'saving') {
				return state;
			}

			return {...state, outcome: finish(state)};
		}

		case 'cancel': {
			return {...state, outcome: {kind: 'cancelled'}};
		}
	}
}
