import {checkLabels, checkLabelWidth, diagnosisTag, serverLabel, userText} from '../verify/labels.js';
import type {CheckResult, Diagnosis, VerificationResult, Warning} from '../verify/types.js';
import {paintStatus, statusSymbol, type Style} from './style.js';

/** One line per finished check: symbol, label, summary, duration. */
export function formatCheck(check: CheckResult, style: Style): string {
	const symbol = paintStatus(style, check.status, statusSymbol[check.status]);
	const duration = check.status === 'skipped' ? '' : style.dim(` (${check.durationMs} ms)`);
	return `  ${symbol} ${checkLabels[check.id].padEnd(checkLabelWidth)} ${check.summary}${duration}`;
}

function formatSteps(steps: string[]): string[] {
	return steps.map((step, index) => `     ${index + 1}. ${step}`);
}

export function formatDiagnosis(diagnosis: Diagnosis, style: Style): string[] {
	return [
		`${style.red('✗')} ${style.bold(diagnosis.title)} ${style.dim(diagnosisTag(diagnosis))}`,
		`  ${diagnosis.explanation}`,
		'  What to do:',
		...formatSteps(diagnosis.remediation),
	];
}

export function formatWarning(item: Warning, style: Style): string[] {
	return [`${style.yellow('!')} ${style.bold(item.title)} ${style.dim(`[${item.code}]`)}`, ...formatSteps(item.remediation)];
}

/** What follows the check lines: the verdict, then the diagnosis or warnings. */
export function formatVerdict(result: VerificationResult, style: Style): string[] {
	const lines: string[] = [''];
	if (result.diagnosis) {
		lines.push(...formatDiagnosis(result.diagnosis, style));
	} else {
		const who = result.user ? userText(result.user) : 'the token';
		const where = result.site === '' ? 'the Default site' : `site "${result.site}"`;
		lines.push(
			`${style.green('✓')} ${style.bold('Verified')}: ${who} can use ${where} on ${serverLabel(result.server)} (REST API ${result.apiVersion ?? '?'}).`,
		);
	}

	for (const item of result.warnings) {
		lines.push('', ...formatWarning(item, style));
	}

	return lines;
}
