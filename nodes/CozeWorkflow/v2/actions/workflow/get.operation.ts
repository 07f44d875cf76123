/** Version 1's get operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/get.operation';

export const meta = {
	name: 'Get Workflow',
	action: 'Get a workflow',
	description: 'Read the name, description and app of a workflow',
	studio: true,
};
