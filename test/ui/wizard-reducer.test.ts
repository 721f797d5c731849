import {describe, expect, test} from 'vitest';
import {
	initialWizardState,
	profileInput,
	verificationInput,
	wizardReducer,
	type WizardAction,
	type WizardInit,
	type WizardState,
} from '../../source/ui/wizard/reducer.js';
import {pendingChange} from '../../source/ui/wizard/fields.js';
import {stepFields} from '../../source/ui/wizard/steps.js';
import {diagnosisCodes, type DiagnosisCode} from '../../source/verify/types.js';
import {fakeResult} from '../helpers/verification.js';

function apply(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

/** The focused field's text input reports its value after each key, as a person types. */
function type(state: WizardState, text: string): WizardState {
	return [...text].reduce(paste, state);
}

/** A paste: the text input reports the value once, with the whole text added. */
function paste(state: WizardState, text: string): WizardState {
	const field = state.focus;
	if (field === null) {
		throw new Error(`No field has focus on step ${state.step}.`);
	}

	return apply(state, {type: 'change', field, value: state.values[field] + text});
}

/** Ctrl-U: the field reports an empty value. */
function clear(state: WizardState): WizardState {
	const field = state.focus;
	return field === null ? state : apply(state, {type: 'change', field, value: ''});
}

const next: WizardAction = {type: 'next'};
const back: WizardAction = {type: 'back'};

function atStep(step: WizardState['step'], init: WizardInit = {}): WizardState {
	return initialWizardState({...init, initialStep: step});
}

const filled = {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration', tokenSecret: 'c2VjcmV0==:abcdef0123456789'};

function atReview(init: WizardInit = {}): WizardState {
	return atStep('review', {initialValues: filled, ...init});
}

function verifying(init: WizardInit = {}): WizardState {
	const state = apply(atReview(init), next);
	expect(state.verify.phase).toBe('running');
	return state;
}

function failedWith(code: DiagnosisCode): WizardState {
	const state = verifying();
	return apply(state, {type: 'verification-finished', run: state.run, result: fakeResult({code})});
}

describe('moving between steps', () => {
	test('starts on the first step with every field empty: the token name is only suggested', () => {
		const state = initialWizardState();
		expect(state.step).toBe('needs');
		expect(state.values).toEqual({server: '', site: '', caFile: '', tokenName: '', tokenSecret: '', profileName: ''});
		expect(state.checks.tokenName.error).toMatch(/Type the token's name exactly as it appears in Tableau's Personal Access Tokens list/);
		expect(state.focus).toBeNull();
		expect(state.outcome).toBeNull();
	});

	test('a token name given as a starting value is kept as a real value', () => {
		const state = initialWizardState({initialValues: {tokenName: 'Ops Token'}});
		expect(state.values.tokenName).toBe('Ops Token');
		expect(state.checks.tokenName.error).toBeNull();
	});

	test('an address given as a starting value is split as leaving the field would', () => {
		const state = initialWizardState({initialValues: {server: 'https://10ay.online.tableau.com/#/site/acme/home'}});
		expect(state.values).toMatchObject({server: 'https://10ay.online.tableau.com', site: 'acme', profileName: '10ay-acme'});
		expect(state.assists.site).toMatch(/Filled in/);
	});

	test("Enter walks the reading steps in the doc's order, Esc walks back", () => {
		const steps: string[] = [];
		let state = initialWizardState();
		for (let index = 0; index < 4; index++) {
			state = apply(state, next);
			steps.push(state.step);
		}

		expect(steps).toEqual(['prerequisites', 'account', 'token', 'server']);
		expect(state.focus).toBe('server');
		state = apply(state, back, back, back, back);
		expect(state.step).toBe('needs');
		expect(state.outcome).toBeNull();
	});

	test('Esc on the first step quits as Ctrl-C does: cancelled, nothing saved', () => {
		const state = apply(initialWizardState(), back);
		expect(state.outcome).toEqual({kind: 'cancelled'});
		expect(state.save).toEqual({phase: 'idle'});
		expect(state.saved).toBeNull();
	});

	test('Esc from a form keeps every value, as it will be used, and coming back shows them again', () => {
		let state = type(atStep('server'), 'tableau.example.com');
		state = apply(state, back);
		expect(state.step).toBe('token');
		state = apply(state, next);
		expect(state.step).toBe('server');
		expect(state.values.server).toBe('https://tableau.example.com');
		expect(state.focus).toBe('server');
	});

	test('Esc from credentials to server and forward again keeps the secret and the typed name', () => {
		let state = atStep('credentials', {initialValues: {server: 'https://tableau.example.com', site: 'finance'}});
		state = clear(state);
		state = type(state, 'My Token');
		state = apply(state, {type: 'focus-next'});
		state = type(state, 'secret-value');
		state = apply(state, back);
		expect(state.step).toBe('server');
		state = apply(state, next, next);
		expect(state.step).toBe('credentials');
		expect(state.values.tokenName).toBe('My Token');
		expect(state.values.tokenSecret).toBe('secret-value');
	});

	test('a form step goes on only when all its fields are valid', () => {
		let state = atStep('server');
		state = apply(state, next);
		expect(state.step).toBe('server');
		expect(state.focus).toBe('server');
		expect(state.touched.server).toBe(true);
		expect(state.message).toMatch(/Server URL needs fixing/);
		expect(state.checks.server.error).toMatch(/Type the server address/);

		state = type(state, 'tableau.example.com');
		expect(state.message).toBeNull();
		state = apply(state, next);
		expect(state.focus).toBe('site');
		expect(state.values.server).toBe('https://tableau.example.com');
		// The value now shows its https:// itself (issue 11, item 7): no note repeats it.
		expect(state.assists.server).toBeUndefined();
		state = apply(state, next);
		expect(state.step).toBe('credentials');
		expect(state.focus).toBe('tokenName');
	});

	test('Enter on the last field sends the focus to the first invalid one', () => {
		let state = atStep('credentials', {initialValues: {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration'}});
		state = apply(state, {type: 'focus', field: 'profileName'}, next);
		expect(state.step).toBe('credentials');
		expect(state.focus).toBe('tokenSecret');
		expect(state.touched).toMatchObject({tokenName: true, tokenSecret: true, profileName: true});
		expect(state.message).toMatch(/Token secret needs fixing/);
	});

	test('Tab and the arrows move between fields and wrap around', () => {
		let state = atStep('credentials');
		state = apply(state, {type: 'focus-next'});
		expect(state.focus).toBe('tokenSecret');
		state = apply(state, {type: 'focus-next'}, {type: 'focus-next'});
		expect(state.focus).toBe('tokenName');
		state = apply(state, {type: 'focus-previous'});
		expect(state.focus).toBe('profileName');
		expect(apply(atStep('needs'), {type: 'focus-next'}).focus).toBeNull();
		expect(apply(atStep('server'), {type: 'focus', field: 'tokenName'}).focus).toBe('server');
	});
});

describe('typing', () => {
	test('every keystroke lands, however many arrive before a render', () => {
		const state = type(atStep('server'), 'https://tableau.example.com');
		expect(state.values.server).toBe('https://tableau.example.com');
	});

	test('a value reported for a field without focus is ignored, and an unchanged one changes nothing', () => {
		const state = type(atStep('server'), 'tableau');
		expect(apply(state, {type: 'change', field: 'site', value: 'acme'})).toBe(state);
		expect(apply(state, {type: 'change', field: 'server', value: 'tableau'})).toBe(state);
		expect(clear(state).values.server).toBe('');
	});

	test('typing does nothing on a reading step', () => {
		const state = atStep('token');
		expect(apply(state, {type: 'change', field: 'server', value: 'x'})).toBe(state);
	});
});

describe('server and site', () => {
	test('a pasted address bar stays as pasted, with a hint, until the field is left', () => {
		const address = 'https://10ay.online.tableau.com/#/site/acme/workbooks';
		let state = paste(atStep('server'), address);
		expect(state.values).toMatchObject({server: address, site: ''});
		expect(state.assists).toEqual({server: undefined});
		expect(pendingChange('server', state.values)).toBe('Enter or Tab will use server https://10ay.online.tableau.com and site acme.');
		for (const leave of [next, {type: 'focus-next'}, {type: 'focus-previous'}, {type: 'focus', field: 'site'}] as WizardAction[]) {
			const left = apply(state, leave);
			expect(left.values).toMatchObject({server: 'https://10ay.online.tableau.com', site: 'acme'});
			// Shift-Tab from the first field wraps round to the last one, the optional CA file.
			expect(left.focus).toBe(leave.type === 'focus-previous' ? 'caFile' : 'site');
		}

		state = apply(state, next);
		expect(state.values.server).toBe('https://10ay.online.tableau.com');
		expect(state.values.site).toBe('acme');
		expect(state.assists.site).toMatch(/Filled in from the address/);
		expect(state.assists.server).toMatch(/"acme" was moved to the Site field/);
		expect(state.values.profileName).toBe('10ay-acme');
		expect(state.checks.site.error).toBeNull();
	});

	test('a Default site page of Tableau Server empties the site', () => {
		let state = atStep('server', {initialValues: {site: 'old'}});
		state = paste(state, 'https://tableau.example.com/#/projects');
		expect(pendingChange('server', state.values)).toBe('Enter or Tab will use server https://tableau.example.com and the Default site.');
		state = apply(state, next);
		expect(state.values).toMatchObject({server: 'https://tableau.example.com', site: ''});
		expect(state.values.profileName).toBe('tableau-default');
	});

	test('an address typed key by key is split when the field is left, not while typing', () => {
		let state = type(atStep('server'), 'https://tableau.example.com/#/site/finance/home');
		expect(state.values.site).toBe('');
		state = apply(state, next);
		expect(state.values).toMatchObject({server: 'https://tableau.example.com', site: 'finance'});
		expect(state.focus).toBe('site');
	});

	test('an address pasted into the site field becomes its content URL', () => {
		let state = apply(atStep('server', {initialValues: {server: 'https://10ay.online.tableau.com'}}), {type: 'focus', field: 'site'});
		state = paste(state, 'https://10ay.online.tableau.com/#/site/acme/views');
		expect(state.values.site).toBe('https://10ay.online.tableau.com/#/site/acme/views');
		expect(pendingChange('site', state.values)).toBe('Enter or Tab will use site acme.');
		state = apply(state, {type: 'focus-previous'});
		expect(state.values.site).toBe('acme');
		expect(state.assists.site).toMatch(/taken from the address/);
	});

	test('an address bar pasted in two pieces (over ssh or tmux) is split only when the field is left', () => {
		let state = paste(paste(atStep('server'), '127.0.0.1:44231/#/si'), 'te/acme/workbooks');
		expect(state.values.server).toBe('127.0.0.1:44231/#/site/acme/workbooks');
		expect(state.values.site).toBe('');
		state = apply(state, next);
		expect(state.values).toMatchObject({server: 'https://127.0.0.1:44231', site: 'acme'});
		expect(state.focus).toBe('site');
	});

	test('typing after a paste extends the pasted text, not a rewritten one', () => {
		let state = paste(atStep('server'), 'tab.com/#/site/');
		state = type(state, 'acme');
		expect(state.values.server).toBe('tab.com/#/site/acme');
		expect(pendingChange('server', state.values)).toBe('Enter or Tab will use server https://tab.com and site acme.');
		state = apply(state, {type: 'focus-next'});
		expect(state.values).toMatchObject({server: 'https://tab.com', site: 'acme'});
	});

	test('going to another step leaves the field too, so the address is split then', () => {
		const state = apply(paste(atStep('server'), 'tab.com/#/site/acme/home'), back);
		expect(state.step).toBe('token');
		expect(state.values).toMatchObject({server: 'https://tab.com', site: 'acme'});
	});

	test('a display name in the site field is refused with what to type instead', () => {
		let state = apply(atStep('server', {initialValues: {server: 'https://tableau.example.com'}}), {type: 'focus', field: 'site'});
		state = type(state, 'Acme Sales');
		state = apply(state, next);
		expect(state.step).toBe('server');
		expect(state.checks.site.error).toMatch(/display name/);
	});

	test('Tableau Cloud needs a site', () => {
		let state = type(atStep('server'), 'https://10ay.online.tableau.com');
		state = apply(state, next, next);
		expect(state.step).toBe('server');
		expect(state.focus).toBe('site');
		expect(state.checks.site.error).toMatch(/no Default site/);
	});

	test('an empty site on Tableau Server is the Default site', () => {
		let state = type(atStep('server'), 'https://tableau.example.com');
		state = apply(state, next);
		expect(state.checks.site.notes).toContain('An empty site means the Default site.');
		state = apply(state, next);
		expect(state.step).toBe('credentials');
	});

	test('Cloud without a pod and http for Cloud warn but do not block', () => {
		let state = paste(atStep('server'), 'https://online.tableau.com/#/site/acme/home');
		expect(state.checks.server.warnings.join(' ')).toMatch(/no pod/);
		state = apply(state, next);
		expect(state.checks.server.warnings.join(' ')).toMatch(/no pod/);
		state = apply(state, next);
		expect(state.step).toBe('credentials');

		state = paste(atStep('server'), 'http://10ay.online.tableau.com/#/site/acme/home');
		expect(state.checks.server.warnings.join(' ')).toMatch(/only signs in over https/);
	});

	test('a site name typed into the server field is refused', () => {
		const state = apply(type(atStep('server'), 'acme'), next);
		expect(state.checks.server.error).toMatch(/looks like a site name/);
		expect(state.focus).toBe('server');
	});
});

describe('credentials', () => {
	const base = {initialValues: {server: 'https://tableau.example.com', site: 'finance'}};

	test('the secret must be there, without spaces, and not be the name', () => {
		let state = apply(atStep('credentials', base), {type: 'focus', field: 'tokenSecret'});
		state = apply(state, next);
		expect(state.checks.tokenSecret.error).toMatch(/Paste the token secret/);
		state = type(state, 'abc def');
		expect(state.checks.tokenSecret.error).toMatch(/space or a line break/);
		state = clear(state);
		state = type(state, 'Parable Integration'.replace(' ', ''));
		state = clear(apply(state, {type: 'focus', field: 'tokenName'}));
		state = type(state, 'ParableIntegration');
		expect(state.checks.tokenSecret.error).toMatch(/token's name, not its secret/);
	});

	test('the token name may not be empty', () => {
		let state = apply(clear(atStep('credentials', base)), next);
		expect(state.checks.tokenName.error).toMatch(/Type the token's name/);
		expect(state.focus).toBe('tokenName');
		state = type(state, '  Parable  ');
		state = apply(state, next);
		expect(state.values.tokenName).toBe('Parable');
	});

	test('the profile name follows server and site until the person types one', () => {
		let state = atStep('credentials', base);
		expect(state.values.profileName).toBe('tableau-finance');
		state = clear(apply(state, {type: 'focus', field: 'profileName'}));
		state = type(state, 'finance-prod');
		state = clear(apply(state, back, {type: 'focus', field: 'site'}));
		state = type(state, 'sales');
		expect(state.values.profileName).toBe('finance-prod');
	});

	test('the suggestion avoids saved names; typing a saved name warns that it is replaced', () => {
		let state = atStep('credentials', {...base, existingProfileNames: ['tableau-finance', 'other']});
		expect(state.values.profileName).toBe('tableau-finance-2');
		state = clear(apply(state, {type: 'focus', field: 'profileName'}));
		state = type(state, 'other');
		expect(state.checks.profileName.warnings[0]).toMatch(/already exists: saving replaces it/);
		state = clear(state);
		state = type(state, '-bad name');
		expect(state.checks.profileName.error).toMatch(/profile name/);
	});

	test('editing a profile keeps its name and says it is updated', () => {
		const state = atStep('credentials', {
			...base,
			initialValues: {...base.initialValues, profileName: 'finance'},
			editingProfile: 'finance',
			existingProfileNames: ['finance'],
		});
		expect(state.values.profileName).toBe('finance');
		expect(state.checks.profileName.warnings).toEqual([]);
		expect(state.checks.profileName.notes[0]).toMatch(/updates the profile "finance"/);
	});

	test('the secret is shown only on request, while its field has focus', () => {
		let state = atStep('credentials', base);
		expect(apply(state, {type: 'toggle-secret'}).secretVisible).toBe(false);
		state = apply(state, {type: 'focus', field: 'tokenSecret'}, {type: 'toggle-secret'});
		expect(state.secretVisible).toBe(true);
		// Enter refused on an empty secret keeps the focus there, and the secret shown.
		expect(apply(state, next).secretVisible).toBe(true);
		for (const leave of [{type: 'focus-next'}, {type: 'focus-previous'}, {type: 'focus', field: 'profileName'}, back] as WizardAction[]) {
			expect(apply(state, leave).secretVisible).toBe(false);
		}

		state = type(state, 'secret-value');
		state = apply(state, next);
		expect(state.focus).toBe('profileName');
		expect(state.secretVisible).toBe(false);
		state = apply(state, {type: 'focus-previous'});
		expect(state.focus).toBe('tokenSecret');
		expect(state.secretVisible).toBe(false);
		state = apply(state, {type: 'toggle-secret'}, back);
		expect(state.secretVisible).toBe(false);
		expect(apply(state, {type: 'toggle-secret'}).secretVisible).toBe(false);
	});
});

describe('review and verification', () => {
	test('the review tests the parsed values', () => {
		const state = verifying();
		expect(state.step).toBe('verify');
		expect(verificationInput(state)).toEqual({
			server: 'https://tableau.example.com',
			site: 'finance',
			tokenName: 'Parable Integration',
			tokenSecret: filled.tokenSecret,
			profile: 'tableau-finance',
		});
		expect(profileInput(state)).toEqual({
			name: 'tableau-finance',
			server: 'https://tableau.example.com',
			site: 'finance',
			tokenName: 'Parable Integration',
			tokenSecret: filled.tokenSecret,
			caFile: null,
		});
		expect(state.verify.phase === 'running' && state.verify.checks.map(line => line.status)).toEqual([
			'pending',
			'pending',
			'pending',
			'pending',
			'pending',
			'pending',
		]);
	});

	test('check events update their lines; events of an earlier run are ignored', () => {
		let state = verifying();
		const {run} = state;
		state = apply(state, {type: 'check-started', run, id: 'reach'});
		state = apply(state, {type: 'check-finished', run, check: {id: 'reach', status: 'ok', summary: 'Connected', durationMs: 12}});
		state = apply(state, {type: 'check-started', run, id: 'serverinfo'});
		const lines = state.verify.phase === 'running' ? state.verify.checks : [];
		expect(lines[0]).toEqual({id: 'reach', status: 'ok', summary: 'Connected', durationMs: 12});
		expect(lines[1]!.status).toBe('running');
		expect(apply(state, {type: 'check-started', run: run - 1, id: 'signin'})).toBe(state);
		expect(apply(state, {type: 'verification-finished', run: run + 5, result: fakeResult()})).toBe(state);
	});

	test('a passing test saves at once, and Enter then finishes with "verified"', () => {
		let state = verifying();
		state = apply(state, {type: 'verification-finished', run: state.run, result: fakeResult()});
		expect(state.save).toEqual({phase: 'saving', request: 1, verified: true});
		expect(apply(state, next).outcome).toBeNull();
		expect(apply(state, {type: 'quit'}).outcome).toBeNull();
		state = apply(state, {type: 'save-finished', request: 1, path: '/config/profiles.json'});
		expect(state.saved).toEqual({name: 'tableau-finance', path: '/config/profiles.json', verified: true});
		state = apply(state, next);
		expect(state.outcome).toMatchObject({kind: 'verified', profile: 'tableau-finance', path: '/config/profiles.json'});
	});

	test('a failed test saves nothing; q ends with "failed"', () => {
		const state = failedWith('signin-failed');
		expect(state.save.phase).toBe('idle');
		expect(state.saved).toBeNull();
		expect(apply(state, next).outcome).toBeNull();
		expect(apply(state, {type: 'quit'}).outcome).toMatchObject({kind: 'failed'});
	});

	test('save anyway writes the profile unverified, once', () => {
		let state = apply(failedWith('signin-failed'), {type: 'save-anyway'});
		expect(state.save).toEqual({phase: 'saving', request: 1, verified: false});
		state = apply(state, {type: 'save-finished', request: 1, path: '/p.json'});
		expect(state.saved).toEqual({name: 'tableau-finance', path: '/p.json', verified: false});
		expect(apply(state, {type: 'save-anyway'})).toBe(state);
		expect(apply(state, {type: 'quit'}).outcome).toMatchObject({kind: 'saved-unverified', profile: 'tableau-finance', path: '/p.json'});
	});

	test('save anyway is refused after a passing test', () => {
		let state = verifying();
		state = apply(state, {type: 'verification-finished', run: state.run, result: fakeResult()}, {type: 'save-finished', request: 1, path: '/p'});
		expect(apply(state, {type: 'save-anyway'})).toBe(state);
	});

	test('a failed save is reported and ends with "save-failed"', () => {
		let state = verifying();
		state = apply(state, {type: 'verification-finished', run: state.run, result: fakeResult()});
		state = apply(state, {type: 'save-failed', request: 99, message: 'ignored'});
		expect(state.save.phase).toBe('saving');
		state = apply(state, {type: 'save-failed', request: 1, message: 'The store is locked'});
		expect(state.save).toEqual({phase: 'failed', message: 'The store is locked'});
		expect(apply(state, {type: 'quit'}).outcome).toEqual({kind: 'save-failed', message: 'The store is locked', endedWith: 'q'});
	});

	test('retry runs a new test and ignores the old one', () => {
		let state = failedWith('server-error');
		const first = state.run;
		state = apply(state, {type: 'start-verification'});
		expect(state.run).toBe(first + 1);
		expect(state.verify.phase).toBe('running');
		expect(apply(state, {type: 'verification-finished', run: first, result: fakeResult()})).toBe(state);
		expect(apply(state, {type: 'start-verification'})).toBe(state);
	});

	test('while the test runs, edit, quit, save anyway and Esc do nothing', () => {
		const state = verifying();
		for (const action of [{type: 'edit'}, {type: 'quit'}, {type: 'save-anyway'}, back] as WizardAction[]) {
			expect(apply(state, action)).toBe(state);
		}
	});

	test('a crash of the verify function is shown, and edit goes to the review', () => {
		let state = verifying();
		state = apply(state, {type: 'verification-crashed', run: state.run, message: 'boom'});
		expect(state.verify).toMatchObject({phase: 'crashed', message: 'boom'});
		expect(apply(state, {type: 'edit'}).step).toBe('review');
		expect(apply(state, {type: 'save-anyway'}).save.phase).toBe('saving');
	});

	test('Esc after a result returns to the review with the values', () => {
		const state = apply(failedWith('timeout'), back);
		expect(state.step).toBe('review');
		expect(state.values.server).toBe('https://tableau.example.com');
		expect(state.verify.phase).toBe('idle');
	});

	test('starting at verify with missing values goes to the first missing field', () => {
		const state = initialWizardState({
			initialStep: 'verify',
			initialValues: {server: 'https://tableau.example.com', site: 'finance', tokenName: 'Parable Integration'},
		});
		expect(state.step).toBe('credentials');
		expect(state.focus).toBe('tokenSecret');
		const ready = initialWizardState({initialStep: 'verify', initialValues: filled});
		expect(ready.verify.phase).toBe('running');
	});
});

describe('edit after a failure', () => {
	test.each([
		['signin-failed', 'credentials', 'tokenSecret'],
		['insufficient-permissions', 'credentials', 'tokenName'],
		['site-not-found', 'server', 'site'],
		['dns-not-found', 'server', 'server'],
		['tls-untrusted-certificate', 'server', 'caFile'],
		['invalid-url', 'server', 'server'],
		['redirect-method', 'server', 'server'],
		['session-invalidated', 'review', null],
		['rate-limited', 'review', null],
	] as const)('%s goes to %s (%s) with every value kept', (code, step, field) => {
		const failed = failedWith(code);
		const state = apply(failed, {type: 'edit'});
		expect(state.step).toBe(step);
		expect(state.focus).toBe(field);
		expect(state.values).toEqual(failed.values);
		expect(state.message).toContain(`[${code}]`);
		expect(state.verify.phase).toBe('idle');
	});

	test('every diagnosis code leads to the review, or to a field of the step it opens, with that field checked', () => {
		const places = new Set<string>();
		for (const code of diagnosisCodes) {
			const state = apply(failedWith(code), {type: 'edit'});
			expect(state.message).toContain(`[${code}]`);
			if (state.focus === null) {
				expect(state.step).toBe('review');
			} else {
				expect(stepFields[state.step]).toContain(state.focus);
				expect(state.touched[state.focus]).toBe(true);
			}

			places.add(`${state.step}:${state.focus ?? ''}`);
		}

		// Not one place for everything: address problems, the site, the token, and the review for the rest.
		expect([...places].sort()).toEqual(['credentials:tokenName', 'credentials:tokenSecret', 'review:', 'server:caFile', 'server:server', 'server:site']);
	});

	test('after editing, Enter leads back to the review and a new test', () => {
		let state = clear(apply(failedWith('signin-failed'), {type: 'edit'}));
		state = type(state, 'new-secret');
		// One Enter, as the message says: not on through Profile name first.
		state = apply(state, next);
		expect(state.step).toBe('review');
		state = apply(state, next);
		expect(state.verify.phase).toBe('running');
		expect(verificationInput(state).tokenSecret).toBe('new-secret');
	});
});

describe('curl view, scrolling and quitting', () => {
	test('c toggles the curl commands; Esc closes them first', () => {
		let state = apply(failedWith('signin-failed'), {type: 'toggle-curl'});
		expect(state.view).toBe('curl');
		state = apply(state, back);
		expect(state.view).toBe('result');
		expect(state.step).toBe('verify');
		expect(apply(atStep('review'), {type: 'toggle-curl'}).view).toBe('result');
	});

	test('scrolling stays within the limit the viewport reports', () => {
		let state = apply(atStep('needs'), {type: 'scroll', by: 3});
		expect(state.scroll).toBe(0);
		state = apply(state, {type: 'set-scroll-limit', max: 4}, {type: 'scroll', by: 10});
		expect(state.scroll).toBe(4);
		state = apply(state, {type: 'set-scroll-limit', max: 2});
		expect(state.scroll).toBe(2);
		state = apply(state, {type: 'scroll', by: -5});
		expect(state.scroll).toBe(0);
		expect(apply(state, next).scroll).toBe(0);
	});

	test('Ctrl-C ends with "cancelled" from any step, and nothing happens after', () => {
		for (const step of ['needs', 'server', 'review'] as const) {
			expect(apply(atStep(step, {initialValues: filled}), {type: 'cancel'}).outcome).toEqual({kind: 'cancelled'});
		}

		const running = apply(verifying(), {type: 'cancel'});
		expect(running.outcome).toEqual({kind: 'cancelled'});
		expect(apply(running, next, back, {type: 'change', field: 'server', value: 'x'})).toBe(running);
	});

	test('Ctrl-C during the test stops it and waits for its sign-out; a second one, or the end of the run, ends the wizard', () => {
		const running = verifying();
		const stopping = apply(running, {type: 'cancel', signOutFirst: true});
		expect(stopping.outcome).toBeNull();
		expect(stopping.verify).toMatchObject({phase: 'running', stopping: true});
		// Another Ctrl-C does not wait, and says the test is still running (setup then ends the process).
		expect(apply(stopping, {type: 'cancel', signOutFirst: true}).outcome).toEqual({kind: 'cancelled', testLeftRunning: true});
		// The run ends (signed out, interrupted): the wizard ends as stopped, with nothing saved, even after a pass.
		const run = stopping.verify.phase === 'running' ? stopping.verify.run : -1;
		const ended = apply(stopping, {type: 'verification-finished', run, result: fakeResult()});
		expect(ended.outcome).toEqual({kind: 'cancelled'});
		expect(ended.save.phase).toBe('idle');
		expect(apply(stopping, {type: 'verification-crashed', run, message: 'x'}).outcome).toEqual({kind: 'cancelled'});
		// Outside a test there is nothing to wait for.
		expect(apply(atStep('review', {initialValues: filled}), {type: 'cancel', signOutFirst: true}).outcome).toEqual({kind: 'cancelled'});
	});

	test('q works only on the verify step', () => {
		const state = atStep('token');
		expect(apply(state, {type: 'quit'})).toBe(state);
	});
});

describe('editing a profile (issue 11, item 7)', () => {
	test('Esc on the review returns to the field that was left to reach it', () => {
		// Reached from Profile name, the last field: Esc goes back there, not to the step's first field.
		let state = atStep('credentials', {initialValues: filled});
		state = apply(state, next, next, next);
		expect(state.step).toBe('review');
		state = apply(state, back);
		expect(state).toMatchObject({step: 'credentials', focus: 'profileName'});
	});

	test('after "edit", Enter on the corrected field goes straight to the review, as the message says', () => {
		const failed = failedWith('site-not-found');
		let state = apply(failed, {type: 'edit'});
		expect(state).toMatchObject({step: 'server', focus: 'site'});
		expect(state.message).toContain('press Enter to go on to the review');
		state = apply(clear(state), {type: 'change', field: 'site', value: 'sales'});
		state = apply(state, next);
		expect(state.step).toBe('review');
		expect(state.values.site).toBe('sales');
		// And Esc from there returns to the Site field that was corrected.
		expect(apply(state, back)).toMatchObject({step: 'server', focus: 'site'});
	});

	test('after "edit", Enter still stops at another field that needs fixing', () => {
		let state = apply(failedWith('signin-failed'), {type: 'edit'});
		expect(state.focus).toBe('tokenSecret');
		state = apply(state, {type: 'focus', field: 'tokenName'});
		state = apply(clear(state), next);
		expect(state).toMatchObject({step: 'credentials', focus: 'tokenName'});
		expect(state.message).toMatch(/Token name needs fixing/);
	});

	test('the "https:// is used" note goes once the value has its scheme', () => {
		let state = atStep('server');
		state = type(state, 'tableau.example.com');
		expect(state.checks.server.notes.join(' ')).toContain('https:// is used');
		state = apply(state, {type: 'focus-next'});
		expect(state.values.server).toBe('https://tableau.example.com');
		expect(state.checks.server.notes.join(' ')).not.toContain('https:// is used');
		expect(state.assists.server ?? '').not.toContain('https:// is used');
	});

	test('a new name for the profile being edited is a rename, said on the field', () => {
		let state = atStep('credentials', {initialValues: {...filled, profileName: 'old-name'}, editingProfile: 'old-name', existingProfileNames: ['old-name']});
		expect(state.checks.profileName.notes).toEqual(['Saving updates the profile "old-name".']);
		state = apply(state, {type: 'focus', field: 'profileName'});
		state = type(clear(state), 'new-name');
		expect(state.checks.profileName.notes).toEqual(['Saving renames the profile "old-name" to "new-name".']);
	});
});

describe('the reducer reads nothing (issue 19)', () => {
	const untouchable = {
		check(): never {
			throw new Error('the reducer read the CA file');
		},
		read(): never {
			throw new Error('the reducer read the CA file');
		},
		resolve: (path: string) => path,
	};

	test('typing a CA file path, leaving the field and starting the test never touch the file system', () => {
		let state = initialWizardState({caFiles: untouchable, initialStep: 'server', initialValues: {server: 'https://tableau.example.com', site: 'finance'}});
		state = wizardReducer(state, {type: 'focus', field: 'caFile'});
		for (const value of ['/', '/etc', '/etc/ca.pem']) {
			state = wizardReducer(state, {type: 'change', field: 'caFile', value});
		}

		state = wizardReducer(state, {type: 'focus-next'});
		expect(state.checks.caFile.error).toBeNull();
		// The effect's answer, for this path only: an older path's answer does not count.
		state = wizardReducer(state, {type: 'ca-file-checked', path: '/etc', problem: 'not this one'});
		expect(state.checks.caFile.error).toBeNull();
		state = wizardReducer(state, {type: 'ca-file-checked', path: '/etc/ca.pem', problem: 'There is no file at /etc/ca.pem.'});
		expect(state.checks.caFile.error).toBe('There is no file at /etc/ca.pem.');
	});

	test('the store problem lives in the state: r finds it fixed, and Enter then starts the test', () => {
		const state = startAtReview({storeProblem: 'The store folder cannot be written.'});
		expect(state.storeProblem).toBe('The store folder cannot be written.');
		const still = wizardReducer(state, {type: 'store-checked', problem: 'The store folder cannot be written.', thenNext: true});
		expect(still.step).toBe('review');
		const fixed = wizardReducer(state, {type: 'store-checked', problem: null, thenNext: true});
		expect(fixed.storeProblem).toBeNull();
		expect(fixed.step).toBe('verify');
	});
});

function startAtReview(extra: {storeProblem: string}) {
	return initialWizardState({
		initialStep: 'review',
		initialValues: {
			server: 'https://tableau.example.com',
			site: 'finance',
			tokenName: 'Parable Integration',
			tokenSecret: 'a'.repeat(22) + ':' + 'b'.repeat(32),
		},
		...extra,
	});
}
