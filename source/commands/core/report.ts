import {findingsOf} from '../../verify/findings.js';
import {checkLabels, checkLabelWidth, diagnosisTag, keepTogether, serverLabel, userText, withoutMarkdown} from '../../verify/labels.js';
import type {CheckResult, Diagnosis, VerificationResult, Warning} from '../../verify/types.js';
import {paintStatus, statusSymbol, type Style} from './style.js';
import {hanging} from './wrap.js';

// Plain output for people. On a terminal, `columns` is its width and long lines wrap with their
// continuation under their own text (the terminal would put it under the number); in a pipe it is
// undefined and each line stays whole for tools. Commands lose their Markdown backticks.

/** One line per finished check: symbol, label, summary, duration. */
export function formatCheck(check: CheckResult, style: Style, columns?: number): string {
	const duration = check.status === 'skipped' ? '' : ` (${check.durationMs} ms)`;
	const lead = `  ${statusSymbol[check.status]} ${checkLabels[check.id].padEnd(checkLabelWidth)} `;
	const lines = hanging(lead, `${check.summary}${duration.replace(' ms', `${keepTogether}ms`)}`, columns).map(line => line.replaceAll(keepTogether, ' '));
	const symbol = paintStatus(style, check.status, statusSymbol[check.status]);
	const painted = lines.map(line => (duration !== '' && line.endsWith(duration) ? `${line.slice(0, -duration.length)}${style.dim(duration)}` : line));
	painted[0] = painted[0]!.replace(statusSymbol[check.status], symbol);
	return painted.join('\n');
}

function formatSteps(steps: string[], columns: number | undefined): string[] {
	return steps.flatMap((step, index) => hanging(`     ${index + 1}. `, withoutMarkdown(step), columns));
}

/** "✗ Title [code · HTTP 401]": the codes stay on the title's line when they fit, else on one of their own, never cut inside a code. */
function titleLines(symbol: string, title: string, tag: string, columns: number | undefined, style: Style, paintSymbol: (text: string) => string): string[] {
	const oneLine = `${symbol} ${title} ${tag}`;
	if (columns === undefined || [...oneLine].length <= columns) {
		return [`${paintSymbol(symbol)} ${style.bold(title)} ${style.dim(tag)}`];
	}

	const heading = hanging(`${symbol} `, title, columns).map((line, index) =>
		index === 0 ? `${paintSymbol(symbol)} ${style.bold(line.slice(symbol.length + 1))}` : style.bold(line),
	);
	const codes = hanging('  ', tag.replaceAll(' ', keepTogether).replaceAll(`${keepTogether}·${keepTogether}`, ' · '), columns).map(line =>
		style.dim(line.replaceAll(keepTogether, ' ')),
	);
	return [...heading, ...codes];
}

function formatDiagnosis(diagnosis: Diagnosis, style: Style, columns?: number): string[] {
	return [
		...titleLines('✗', diagnosis.title, diagnosisTag(diagnosis), columns, style, style.red),
		...hanging('  ', withoutMarkdown(diagnosis.explanation), columns),
		'  What to do:',
		...formatSteps(diagnosis.remediation, columns),
	];
}

function formatWarning(item: Warning, style: Style, columns?: number): string[] {
	return [...titleLines('!', item.title, `[${item.code}]`, columns, style, style.yellow), ...formatSteps(item.remediation, columns)];
}

/** What follows the check lines: the verdict, then the diagnosis or warnings. */
export function formatVerdict(result: VerificationResult, style: Style, columns?: number): string[] {
	const lines: string[] = [''];
	if (result.diagnosis) {
		lines.push(...formatDiagnosis(result.diagnosis, style, columns));
	} else {
		const who = result.user ? userText(result.user) : 'the token';
		const where = result.site === '' ? 'the Default site' : `site "${result.site}"`;
		const [first = '', ...rest] = hanging(
			'✓ Verified: ',
			`${who} can use ${where} on ${serverLabel(result.server)} (REST API ${result.apiVersion ?? '?'}).`,
			columns,
		);
		lines.push(`${style.green('✓')} ${style.bold('Verified')}:${first.slice('✓ Verified:'.length)}`, ...rest);
		lines.push(...findingsOf(result).flatMap(line => hanging('  ', line, columns)));
	}

	for (const item of result.warnings) {
		lines.push('', ...formatWarning(item, style, columns));
	}

	return lines;
}
