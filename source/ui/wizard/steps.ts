/** The wizard's steps, in the order of Parable's page, and the fields each one edits. */
export const stepIds = ['needs', 'prerequisites', 'account', 'token', 'server', 'credentials', 'review', 'verify'] as const;
export type StepId = (typeof stepIds)[number];

export const fieldIds = ['server', 'site', 'caFile', 'tokenName', 'tokenSecret', 'profileName'] as const;
export type FieldId = (typeof fieldIds)[number];

/** Everything the person types. Raw text: parsing happens in `fields.ts`. */
export type WizardValues = Record<FieldId, string>;

/** The title in the step indicator. */
export const stepTitles: Record<StepId, string> = {
	needs: "What you'll need",
	prerequisites: 'Before you start',
	account: 'Open your account settings',
	token: 'Create the token',
	server: 'Server details',
	credentials: 'Token and profile name',
	review: 'Review',
	verify: 'Save & test',
};

/** The fields each step edits, in the order Tab visits them; empty for the reading steps. */
export const stepFields: Record<StepId, readonly FieldId[]> = {
	needs: [],
	prerequisites: [],
	account: [],
	token: [],
	server: ['server', 'site', 'caFile'],
	credentials: ['tokenName', 'tokenSecret', 'profileName'],
	review: [],
	verify: [],
};

/** Labels as shown beside each field and in messages. */
export const fieldLabels: Record<FieldId, string> = {
	server: 'Server URL',
	site: 'Site',
	caFile: 'CA file',
	tokenName: 'Token name',
	tokenSecret: 'Token secret',
	profileName: 'Profile name',
};

/** The step that holds `field`. */
export function stepOf(field: FieldId): StepId {
	// Read from the steps' own field lists: the CA file field, added later, was once sent to the credentials.
	return stepIds.find(step => stepFields[step].includes(field))!;
}

/** 1-based position of `step`, for "Step N of M". */
export function stepNumber(step: StepId): number {
	return stepIds.indexOf(step) + 1;
}

/** M in "Step N of M". */
export const stepCount = stepIds.length;

/** The token name Parable's page suggests; the empty token name field shows it dimmed, as a suggestion only. */
export const suggestedTokenName = 'Parable Integration';
