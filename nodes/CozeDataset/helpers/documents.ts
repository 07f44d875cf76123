import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { idList, idText, nodeOf, parameterOf } from '../../shared/params';

/** Knowledge document routes want this header so Coze keeps 19-digit IDs as strings (docs create_knowledge_files.md). */
export const DOCUMENT_HEADERS = { 'Agw-Js-Conv': 'str' };

/**
 * Document IDs as strings (Coze IDs exceed 2^53): a list mapped from an expression, or text with the IDs separated by
 * commas, new lines or spaces.
 */
export function documentIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = parameterOf(ctx, 'documentIds', itemIndex, '');
	const list = Array.isArray(value)
		? value.map((id) => idText(ctx, id, 'Document ID', itemIndex))
		: idText(ctx, value, 'Document IDs', itemIndex).replace(/\s+/g, '\n');
	const ids = idList(list).map((id) => idText(ctx, id, 'Document ID', itemIndex));
	if (ids.length === 0) throw new NodeOperationError(nodeOf(ctx), 'Enter at least one document ID', { itemIndex });
	return ids;
}
