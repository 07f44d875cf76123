/** Version 1's resume operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/resume.operation';

export const meta = {
	name: 'Resume Run',
	action: 'Resume an interrupted run',
	description: 'Answer the question an interrupted run asked and get its result',
	studio: true,
};
