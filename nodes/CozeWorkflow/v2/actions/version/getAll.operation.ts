/** Version 1's listVersions operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/listVersions.operation';

export const meta = {
	name: 'Get Many Versions',
	action: 'Get many versions of a workflow',
	description: 'List the published versions of a workflow (version number, description, who published it, when)',
};
