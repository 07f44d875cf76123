import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as app from './app';
import * as member from './member';
import * as template from './template';
import * as user from './user';
import * as workspace from './workspace';

/** The one registry of Coze Workspace: pickers, subtitle, the fields' display options and the router all come from it. */
export const resources = {
	workspace: { name: 'Workspace', description: 'Workspaces you created or joined', operations: workspace },
	member: { name: 'Member', description: 'People in a workspace', operations: member },
	user: { name: 'User', description: 'The Coze user behind the credential', operations: user },
	template: { name: 'Template', description: 'Coze templates (copy one into a workspace)', operations: template },
	app: { name: 'App', description: 'Apps (projects) of a workspace', operations: app },
} satisfies Record<string, RegisteredResource>;

export type CozeWorkspaceType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'workspace', {
	defaultOperations: { workspace: 'getAll', member: 'getAll' },
});
