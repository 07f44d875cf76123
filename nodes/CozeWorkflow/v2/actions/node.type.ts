import type { OperationOf, RegisteredResource } from '../../../shared/registry';
import { fromRegistry } from '../../../shared/registry';
import * as chatFlow from './chatFlow';
import * as run from './run';
import * as version from './version';
import * as workflow from './workflow';

/**
 * The one registry of Coze Workflow version 2. The resource and operation pickers, the subtitle, the fields' display
 * options and the router all come from it: adding an operation is one file in a resource folder plus one export line
 * in that folder's index.ts; an operation file without `meta`, `description` or `execute` is a type error here.
 */
export const resources = {
	workflow: { name: 'Workflow', description: 'Run a workflow, read it, list the workflows of a workspace', operations: workflow },
	run: { name: 'Run', description: 'Read a background run, one of its output nodes, or answer its question', operations: run },
	chatFlow: { name: 'Chat Flow', description: 'Talk to a published chat flow', operations: chatFlow },
	version: { name: 'Version', description: 'The published versions of a workflow', operations: version },
} satisfies Record<string, RegisteredResource>;

/** Every valid resource / operation pair, e.g. { resource: 'workflow'; operation: 'getAll' }. */
export type CozeWorkflowType = OperationOf<typeof resources>;

/** Pickers, subtitle, fields and router of version 2, all from the registry above (shared/registry.ts). */
export const { properties, subtitle, execute } = fromRegistry(resources, 'workflow', { defaultOperations: { workflow: 'run' } });
