/** Version 1's getRun operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/getRun.operation';

export const meta = {
	name: 'Get Run',
	action: 'Get a workflow run',
	description: 'Read the status and output of a background run',
	studio: true,
};
