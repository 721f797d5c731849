import {wizardRemedyFrame} from '../../source/ui/wizard/keymap.js';

/** The frame the setup wizard gives its runs: the keys of its result screens, built from its keymap. */
export const wizardFrame = wizardRemedyFrame({extras: [], finish: 'finish'}, true);
