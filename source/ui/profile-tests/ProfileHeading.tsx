import {Text} from 'ink';
import {serverLabel} from '../../verify/labels.js';
import {Paint} from '../components/Paint.js';
import type {ProfileSummary} from './types.js';

/** "https://tableau.example.com · site acme · token Parable Integration": where a profile points, never its secret. */
export function targetText(profile: ProfileSummary): string {
	return `${serverLabel(profile.server)} · ${profile.site === '' ? 'Default site' : `site ${profile.site}`} · token ${profile.tokenName}`;
}

/** The first line of a profile's test block: its name in bold, then where it points (wrapped, never cut). */
export function ProfileHeading({profile}: {readonly profile: ProfileSummary}) {
	return (
		<Text>
			<Paint bold>{profile.name}</Paint>
			<Paint tone="muted">{` · ${targetText(profile)}`}</Paint>
		</Text>
	);
}
