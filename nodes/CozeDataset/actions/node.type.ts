import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as dataset from './dataset';
import * as document from './document';
import * as image from './image';

/** The resources of Coze Knowledge Base: resource `dataset` is shown as Knowledge Base. */
export const resources = {
	dataset: {
		name: 'Knowledge Base',
		description: 'Create, list, update and delete knowledge bases; follow the processing of their documents',
		operations: dataset,
	},
	document: {
		name: 'Document',
		description: 'Add files, web pages and images to a knowledge base; list, update and delete them',
		operations: document,
	},
	image: { name: 'Image', description: 'The images of an image knowledge base and their captions', operations: image },
} satisfies Record<string, RegisteredResource>;

export type CozeDatasetType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'document', { defaultOperations: { dataset: 'getAll' } });
