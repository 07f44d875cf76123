/** Version 1's getNodeOutput operation under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../v1/actions/workflow/getNodeOutput.operation';

export const meta = {
	name: 'Get Node Output',
	action: 'Get the output of a node',
	description: 'Read one output node of a run whose output was trimmed',
};
