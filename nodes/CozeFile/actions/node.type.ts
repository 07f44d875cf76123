import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as file from './file';

/** The one registry of Coze File: one resource, no Resource picker (stored workflows have none). */
export const resources = {
	file: { name: 'File', description: 'Upload files to Coze and read their details', operations: file },
} satisfies Record<string, RegisteredResource>;

export type CozeFileType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'file', {
	resourcePicker: false,
	defaultOperations: { file: 'upload' },
});
