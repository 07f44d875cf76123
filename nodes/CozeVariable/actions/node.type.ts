import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as variable from './variable';

/** The one registry of Coze Variable: one resource, no Resource picker (stored workflows have none). */
export const resources = {
	variable: { name: 'Variable', description: "Read and write a user's variables of a bot or app", operations: variable },
} satisfies Record<string, RegisteredResource>;

export type CozeVariableType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'variable', { resourcePicker: false });
