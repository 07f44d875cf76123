import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiRequest } from '../../../shared/transport';
import { feedbackPath, messageIdsOf } from '../../helpers/request';
import { messageIdField } from '../fields';

export const meta = { name: 'Delete Feedback', action: 'Delete the rating of an answer' };

export const description: INodeProperties[] = [conversationIdField, messageIdField, concurrencyOptions()];

/** DELETE /v1/conversations/{conversation_id}/messages/{message_id}/feedback (docs delete_message_feedback.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	await cozeApiRequest.call(this, { method: 'DELETE', path: feedbackPath(messageIdsOf(this, itemIndex)), itemIndex });
	return toItems({ deleted: true });
}
