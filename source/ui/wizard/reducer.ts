import {checkFields, defaultValidateProfileName, emptyValues, normalizeField, suggestProfileName, type FieldContext} from './fields.js';
import {change, enterStep, focusField, following, moveFocus, stepBack, submitField} from './form.js';
import type {WizardAction, WizardInit, WizardState} from './state.js';
import {fieldIds, type FieldId, type WizardValues} from './steps.js';
import {endAfterSuccess, leaveResult, startVerification, testAndSave} from './test-and-save.js';

export type {SavedProfile, SaveState, TraceState, VerifyState, WizardAction, WizardInit, WizardOutcome, WizardState} from './state.js';
export {caFileOf, movedAddress, profileInput, verificationInput} from './test-and-save.js';

const noTouched = Object.fromEntries(fieldIds.map(field => [field, false])) as Record<FieldId, boolean>;

/** The state a wizard starts in. */
export function initialWizardState(init: WizardInit = {}): WizardState {
	const context: FieldContext = {
		validateProfileName: init.validateProfileName ?? defaultValidateProfileName,
		existingProfileNames: init.existingProfileNames ?? [],
		editingProfile: init.editingProfile ?? null,
		savedSecret: init.editingProfile ? (init.initialValues?.tokenSecret ?? null) : null,
		caFiles: init.caFiles ?? null,
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
		returnToReview: false,
		correction: null,
		reviewFrom: null,
		secretVisible: false,
		run: 0,
		verify: {phase: 'idle'},
		save: {phase: 'idle'},
		saveRequests: 0,
		saved: null,
		trace: {phase: 'idle'},
		view: 'result',
		scroll: 0,
		scrollMax: 0,
		outcome: null,
		context,
		caFileCheck: null,
		storeProblem: init.storeProblem ?? null,
	};
	const step = init.initialStep ?? 'needs';
	return step === 'verify' ? startVerification(base) : enterStep(base, step);
}

/** Enter: on through the page's steps. */
function next(state: WizardState): WizardState {
	switch (state.step) {
		// Steps 1 to 4: what you'll need, before you start, your account settings, create the token.
		case 'needs':
		case 'prerequisites':
		case 'account':
		case 'token': {
			return enterStep({...state, message: null}, following(state.step));
		}

		// Steps 5 and 6: server details, then token and profile name, one field after the other.
		case 'server':
		case 'credentials': {
			return submitField(state);
		}

		// Step 7: the review starts the test.
		case 'review': {
			return startVerification(state);
		}

		// Step 8: test & save; Enter ends once the profile is verified and saved.
		case 'verify': {
			return endAfterSuccess(state);
		}
	}
}

/** The wizard's only state transition function. Pure: effects read the state and dispatch results. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	if (state.outcome !== null) {
		return state;
	}

	switch (action.type) {
		case 'next': {
			return next(state);
		}

		case 'back': {
			return state.step === 'verify' ? leaveResult(state) : stepBack(state);
		}

		case 'focus-next': {
			return moveFocus(state, 1);
		}

		case 'focus-previous': {
			return moveFocus(state, -1);
		}

		case 'focus': {
			return focusField(state, action.field);
		}

		case 'change': {
			return change(state, action.field, action.value);
		}

		case 'toggle-secret': {
			return state.focus === 'tokenSecret' ? {...state, secretVisible: !state.secretVisible} : state;
		}

		case 'scroll': {
			return {...state, scroll: Math.max(0, Math.min(state.scrollMax, state.scroll + action.by))};
		}

		case 'set-scroll-limit': {
			const max = Math.max(0, action.max);
			return max === state.scrollMax ? state : {...state, scrollMax: max, scroll: Math.min(state.scroll, max)};
		}

		case 'ca-file-checked': {
			const caFileCheck = {path: action.path, problem: action.problem};
			return {...state, caFileCheck, checks: checkFields(state.values, state.context, caFileCheck)};
		}

		case 'store-checked': {
			const checked = {...state, storeProblem: action.problem};
			return action.problem === null && action.thenNext ? next(checked) : checked;
		}

		case 'save-trace': {
			const {verify} = state;
			const failed = (verify.phase === 'done' && !verify.result.ok) || verify.phase === 'crashed';
			return failed && state.step === 'verify' && state.trace.phase !== 'saving' ? {...state, trace: {phase: 'saving', run: verify.run}} : state;
		}

		case 'trace-saved':
		case 'trace-failed': {
			if (state.trace.phase !== 'saving' || state.trace.run !== action.run) {
				return state;
			}

			return {
				...state,
				scroll: 0,
				trace:
					action.type === 'trace-saved' ? {phase: 'saved', run: action.run, path: action.path} : {phase: 'failed', run: action.run, message: action.message},
			};
		}

		case 'cancel': {
			const {verify} = state;
			// The test may hold a session, and the token allows one: it is signed out before the wizard ends.
			if (action.signOutFirst && verify.phase === 'running' && !verify.stopping) {
				return {...state, verify: {...verify, stopping: true}};
			}

			return {...state, outcome: verify.phase === 'running' && verify.stopping ? {kind: 'cancelled', testLeftRunning: true} : {kind: 'cancelled'}};
		}

		default: {
			return testAndSave(state, action);
		}
	}
}
