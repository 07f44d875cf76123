import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as createDocument from './document/create.operation';
import * as deleteDocuments from './document/delete.operation';
import * as getAllDocuments from './document/getAll.operation';
import * as updateDocument from './document/update.operation';
import * as getAllImages from './image/getAll.operation';
import * as updateCaption from './image/updateCaption.operation';
import * as create from './knowledgeBase/create.operation';
import * as deleteDataset from './knowledgeBase/delete.operation';
import * as getAll from './knowledgeBase/getAll.operation';
import * as getProgress from './knowledgeBase/getProgress.operation';
import * as update from './knowledgeBase/update.operation';

/** `resource.operation` → operation (resource `dataset` is shown as Knowledge Base). */
export const operations: Record<string, Operation> = {
	'dataset.create': create,
	'dataset.getAll': getAll,
	'dataset.update': update,
	'dataset.delete': deleteDataset,
	'dataset.getProgress': getProgress,
	'document.create': createDocument,
	'document.getAll': getAllDocuments,
	'document.update': updateDocument,
	'document.delete': deleteDocuments,
	'image.getAll': getAllImages,
	'image.updateCaption': updateCaption,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
