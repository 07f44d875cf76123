import type { OperationOf, RegisteredResource } from '../../../shared/registry';
import { fromRegistry } from '../../../shared/registry';
import * as workflow from './workflow';

/**
 * The registry of Coze Workflow version 1: one resource without a Resource picker (stored version-1 workflows have
 * none), its operations in workflow/index.ts. The operation picker, the subtitle, the fields' display options and the
 * router come from it, as for version 2.
 */
export const resources = {
	workflow: { name: 'Workflow', description: 'Run a workflow, answer its questions, read runs, workflows and versions', operations: workflow },
} satisfies Record<string, RegisteredResource>;

/** Every valid operation of version 1, e.g. { resource: 'workflow'; operation: 'listVersions' }. */
export type CozeWorkflowV1Type = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'workflow', {
	resourcePicker: false,
	defaultOperations: { workflow: 'run' },
});
