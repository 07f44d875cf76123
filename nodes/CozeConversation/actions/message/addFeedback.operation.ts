import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requiredId, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { conversationIdField, item, messageIdField } from '../fields';
import { concurrencyOption } from '../../../shared/descriptions';

const show = { resource: ['message'], operation: ['addFeedback'] };

export const description: INodeProperties[] = [
	conversationIdField('message', ['addFeedback']),
	messageIdField(['addFeedback']),
	{
		displayName: 'Feedback',
		name: 'feedbackType',
		type: 'options',
		options: [
			{ name: 'Like', value: 'like', description: 'Thumbs up' },
			{ name: 'Unlike', value: 'unlike', description: 'Thumbs down' },
		],
		default: 'like',
		description: 'Only answers (type answer) of chats and chat flows can be rated',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'What was good or wrong (up to 250 characters)' },
			concurrencyOption,
			{
				displayName: 'Reasons',
				name: 'reasonTypes',
				type: 'string',
				default: '',
				placeholder: 'Wrong facts, Bad format',
				description: 'Comma-separated labels for the feedback (up to 10, each up to 30 characters)',
			},
		],
	},
];

/** POST /v1/conversations/{conversation_id}/messages/{message_id}/feedback (docs message_feedback.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const messageId = requiredId(this, 'messageId', itemIndex, 'Message ID');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { feedback_type: this.getNodeParameter('feedbackType', itemIndex, 'like') };
	const reasons = textValue(this, options.reasonTypes, 'Reasons', itemIndex)
		.split(',')
		.map((reason) => reason.trim())
		.filter(Boolean);
	if (reasons.length > 10 || reasons.some((reason) => reason.length > 30)) {
		throw new NodeOperationError(this.getNode(), 'Reasons: at most 10 labels, each up to 30 characters (docs message_feedback.md)', { itemIndex });
	}
	if (reasons.length) body.reason_types = reasons;
	const comment = textValue(this, options.comment, 'Comment', itemIndex).trim();
	if (comment.length > 250) throw new NodeOperationError(this.getNode(), 'Comment: up to 250 characters (docs message_feedback.md)', { itemIndex });
	if (comment) body.comment = comment;
	const path = `/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`;
	await cozeApiRequest.call(this, { method: 'POST', path, body, itemIndex, idempotent: true });
	return item({ conversation_id: conversationId, message_id: messageId, ...body }, itemIndex);
}
