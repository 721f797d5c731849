import {render} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {CurlView} from '../../source/ui/wizard/screens/CurlView.js';
import {flat, waitForFrame} from '../helpers/ink.js';

afterEach(() => {
	cleanup();
});

test('the curl view names the page its fallback REST API version comes from', async () => {
	const instance = render(<CurlView input={{server: 'https://tableau.example.com', site: 'acme', tokenName: 'n', apiVersion: null}} />);
	const frame = flat(await waitForFrame(instance, 'curl'));
	expect(frame).toContain("at REST API 3.19 (the one Parable's Tableau page uses: the server's own is not known yet)");
	expect(frame).not.toContain("the doc's");
	expect(frame).toContain('The secret is read from $TABLEAU_TOKEN_SECRET and never shown here.');
});
