// The line the wizard leaves when it ends (source/ui/wizard/closing-line.ts): after a redirect it
// was not told to save, a warning with the command that saves the new address.
import {describe, expect, it} from 'vitest';
import {closingLine} from '../../source/ui/wizard/closing-line.js';
import {warning} from '../../source/verify/diagnoses.js';
import {fakeResult} from '../helpers/verification.js';

describe('closingLine', () => {
	const verified = (result = fakeResult()) => ({kind: 'verified', profile: 'acme', path: '/x/profiles.json', result}) as const;

	it('says done, and how to test again', () => {
		expect(closingLine(verified(), null)).toEqual({
			tone: 'ok',
			text: '✓ Done: profile "acme" is saved and verified. Re-test it any time with: tableau-connect test acme',
		});
	});

	it('warns, with the set-server command, when the server moved and the new address was not saved', () => {
		const moved = {...warning('redirected', {server: 'https://tableau.example.com'}), address: 'https://10ay.online.tableau.com'};
		expect(closingLine(verified(fakeResult({warnings: [moved]})), null)).toEqual({
			tone: 'warn',
			text: '! Done: profile "acme" is saved and verified, but the server moved us to https://10ay.online.tableau.com. Save that address with: tableau-connect profiles set-server acme https://10ay.online.tableau.com',
		});
	});
});
