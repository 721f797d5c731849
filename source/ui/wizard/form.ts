// Moving through the steps and their fields (steps 1 to 6 of the page): what Enter, Esc, Tab and a
// new value do to the wizard's state. The text itself is edited by the field (ink-text-input).
import {checkFields, firstInvalid, normalizeField, suggestProfileName} from './fields.js';
import type {WizardState} from './state.js';
import {fieldIds, fieldLabels, stepFields, stepIds, stepOf, type FieldId, type StepId, type WizardValues} from './steps.js';

/** The step after `step`, in the page's order. */
export function following(step: StepId): StepId {
	return stepIds[stepIds.indexOf(step) + 1]!;
}

export function enterStep(state: WizardState, step: StepId, field?: FieldId | null): WizardState {
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

	return {...state, values: next, checks: checkFields(next, state.context, state.caFileCheck)};
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

export function moveFocus(state: WizardState, delta: 1 | -1): WizardState {
	const fields = stepFields[state.step];
	if (state.focus === null || fields.length === 0) {
		return state;
	}

	const left = blur(state);
	const index = (fields.indexOf(state.focus) + delta + fields.length) % fields.length;
	const focus = fields[index]!;
	return {...left, focus};
}

const optionalFields = new Set<FieldId>(['caFile']);

export function blockedMessage(field: FieldId): string {
	return `${fieldLabels[field]} needs fixing before you go on (see the message under it).`;
}

export function submitField(state: WizardState): WizardState {
	const fields = stepFields[state.step];
	const field = state.focus ?? fields[0]!;
	const left = blur({...state, focus: field});
	if (left.checks[field].error !== null) {
		// Focus stays, so a secret the person is checking stays shown.
		return {...left, focus: field, message: blockedMessage(field), secretVisible: state.secretVisible};
	}

	if (state.returnToReview) {
		// "edit" said Enter goes on to the review: straight there, unless another value still needs fixing.
		const invalid = firstInvalid(left.checks, fieldIds);
		if (invalid !== null) {
			return enterStep({...left, touched: {...left.touched, [invalid]: true}, message: blockedMessage(invalid)}, stepOf(invalid), invalid);
		}

		return enterStep({...left, message: null, returnToReview: false, reviewFrom: field}, 'review');
	}

	// Enter passes over optional fields (the CA file): Tab and ↓ reach them, and so does "edit" after a TLS failure.
	const focus = fields.slice(fields.indexOf(field) + 1).find(id => !optionalFields.has(id));
	if (focus !== undefined) {
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

	const step = following(state.step);
	return enterStep({...left, touched, message: null, reviewFrom: step === 'review' ? field : left.reviewFrom}, step);
}

// Typing and pasting change exactly the text typed: `blur` does the rewriting, once the field is left.
export function change(state: WizardState, field: FieldId, value: string): WizardState {
	if (field !== state.focus || value === state.values[field]) {
		return state;
	}

	const next = withValues({...state, message: null, assists: {...state.assists, [field]: undefined}}, {...state.values, [field]: value}, [field]);
	return {...next, profileNameEdited: next.profileNameEdited || field === 'profileName'};
}

/** Focus on `field`, when it is on this step: leaving the field that had it. */
export function focusField(state: WizardState, field: FieldId): WizardState {
	return stepFields[state.step].includes(field) ? {...blur(state), focus: field} : state;
}

/** Esc on steps 1 to 7: the step before, with the values kept; on the first step, Esc quits as Ctrl-C does. */
export function stepBack(state: WizardState): WizardState {
	const index = stepIds.indexOf(state.step);
	if (index === 0) {
		return {...state, outcome: {kind: 'cancelled'}};
	}

	// From the review, back to the field that was left to reach it (after "edit", not always the last one).
	if (state.step === 'review' && state.reviewFrom !== null) {
		return enterStep({...state, message: null}, stepOf(state.reviewFrom), state.reviewFrom);
	}

	return enterStep({...blur(state), message: null, returnToReview: false}, stepIds[index - 1]!);
}
