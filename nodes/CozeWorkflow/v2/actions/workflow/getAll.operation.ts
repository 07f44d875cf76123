/** Version 1's list operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/list.operation';

export const meta = {
	name: 'Get Many Workflows',
	action: 'Get many workflows',
	description: 'List the workflows of a workspace',
};
