// The order files start in. Vitest starts the files that took longest last time first, but a fresh
// clone (CI) has no last time, and it then starts the largest files first: the end-to-end files,
// which mostly wait on terminals, would start last and leave the run waiting on them alone. They,
// and the few others that wait for seconds, go first here; the rest keep vitest's order.
import {BaseSequencer, type TestSpecification} from 'vitest/node';

const waitsLongest = [/\/test\/e2e\//, /\/scenarios-cli\.test\.ts$/, /\/keychain-cli\.test\.ts$/, /\/demo-scenarios\.test\.tsx$/, /\/demo\.test\.tsx$/];

function waitsLong(file: TestSpecification): boolean {
	return waitsLongest.some(pattern => pattern.test(file.moduleId));
}

export class LongWaitsFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const ordered = await super.sort(files);
		return [...ordered.filter(file => waitsLong(file)), ...ordered.filter(file => !waitsLong(file))];
	}
}
