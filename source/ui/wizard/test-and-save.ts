import {addressToUse} from '../../verify/address-to-use.js';
// Steps 7 and 8 of the page: the review starts the test; a passing test saves at once; a failing one
// offers edit, retry, save anyway and quit, and the curl commands.
import type {ProfileInput} from '../../profiles/types.js';
import {pendingCheckLines, updateCheck} from '../checks/check-lines.js';
import {editTargets} from './edit-target.js';
import {checkFields, parsedServer, parsedSite} from './fields.js';
import {blockedMessage, enterStep} from './form.js';
import type {WizardAction, WizardOutcome, WizardState} from './state.js';
import {fieldIds, fieldLabels, stepOf} from './steps.js';

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

/** The CA file to trust, as an absolute path; null for the system's authorities. */
export function caFileOf(state: WizardState): string | null {
	const file = state.values.caFile.trim();
	if (file === '') {
		return null;
	}

	return state.context.caFiles ? state.context.caFiles.resolve(file) : file;
}

/** What the store gets: the CA file too, so `test NAME` trusts it later (null drops one saved before). */
export function profileInput(state: WizardState): ProfileInput {
	const {server, site, tokenName, tokenSecret, profile} = verificationInput(state);
	return {name: profile, server, site, tokenName, tokenSecret, caFile: caFileOf(state)};
}

/** The address a `redirected` warning says to save instead, when it differs from the server in use. */
export function movedAddress(state: WizardState): string | null {
	const {verify} = state;
	if (verify.phase !== 'done') {
		return null;
	}

	return addressToUse({...verify.result, server: verificationInput(state).server});
}

/** Enter on the review, and r after a result: a new run, whose events replace the last one's. */
export function startVerification(state: WizardState): WizardState {
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
		trace: {phase: 'idle'},
	};
}

function requestSave(state: WizardState, verified: boolean): WizardState {
	const request = state.saveRequests + 1;
	return {...state, saveRequests: request, save: {phase: 'saving', request, verified}};
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

/** Esc on the verify step: closes the curl view first, then returns to the review (not while working). */
export function leaveResult(state: WizardState): WizardState {
	if (state.view === 'curl') {
		return {...state, view: 'result', scroll: 0, scrollMax: 0};
	}

	if (state.verify.phase === 'running' || state.save.phase === 'saving') {
		return state;
	}

	return enterStep({...state, verify: {phase: 'idle'}, message: null}, 'review');
}

/** Enter on the verify step ends the wizard once the profile is verified and saved. */
export function endAfterSuccess(state: WizardState): WizardState {
	const {verify} = state;
	return verify.phase === 'done' && verify.result.ok && state.saved && state.save.phase === 'idle' ? {...state, outcome: finish(state)} : state;
}

type TestAction = Extract<
	WizardAction,
	{
		type:
			| 'start-verification'
			| 'check-started'
			| 'check-finished'
			| 'verification-finished'
			| 'verification-crashed'
			| 'save-anyway'
			| 'correct'
			| 'use-new-address'
			| 'save-finished'
			| 'save-failed'
			| 'edit'
			| 'toggle-curl'
			| 'quit';
	}
>;

/** The test, its events, the save, and the keys of the result screen. */
export function testAndSave(state: WizardState, action: TestAction): WizardState {
	switch (action.type) {
		case 'start-verification': {
			const {verify} = state;
			// The test passed but the save failed (and the person fixed why): r saves, without signing in again.
			if (state.step === 'verify' && verify.phase === 'done' && verify.result.ok && state.save.phase === 'failed') {
				return requestSave(state, true);
			}

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

			if (verify.stopping) {
				return {...state, outcome: {kind: 'cancelled'}};
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

			if (verify.stopping) {
				return {...state, outcome: {kind: 'cancelled'}};
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
			return enterStep(
				{...state, touched, message, verify: {phase: 'idle'}, returnToReview: target.step !== 'review', correction: null},
				target.step,
				target.field,
			);
		}

		case 'toggle-curl': {
			return state.step === 'verify' ? {...state, view: state.view === 'curl' ? 'result' : 'curl', scroll: 0, scrollMax: 0} : state;
		}

		case 'quit': {
			const {verify} = state;
			if (state.step !== 'verify' || verify.phase === 'running' || state.save.phase === 'saving') {
				return state;
			}

			return {...state, outcome: {...finish(state), endedWith: 'q'}};
		}

		case 'use-new-address': {
			const address = movedAddress(state);
			if (address === null || state.save.phase === 'saving') {
				return state;
			}

			// The test runs again at the new address, as the remedy says: a result, a warning or a value for
			// Parable's form left from the old address would disagree with the address now shown. A pass
			// saves the profile again, with the address it moved to.
			return startVerification(testAndSave(state, {type: 'correct', field: 'server', value: address}));
		}

		case 'correct': {
			const {verify} = state;
			if (state.step !== 'verify' || verify.phase === 'running' || state.save.phase === 'saving') {
				return state;
			}

			const from = state.values[action.field];
			const values = {...state.values, [action.field]: action.value};
			const correction = `${fieldLabels[action.field]} corrected: ${from === '' ? '(empty)' : from} → ${action.value === '' ? '(empty)' : action.value}`;
			return {...state, values, checks: checkFields(values, state.context, state.caFileCheck), correction};
		}
	}
}
