import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { conversationIdField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, idList, nodeOf, optionParameter, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { feedbackPath, messageIdsOf } from '../../helpers/request';
import { messageIdField } from '../fields';

export const meta = { name: 'Add Feedback', action: 'Rate an answer', description: 'Like or unlike an answer, with reasons and a comment' };

const feedbackTypes = [
	{ name: 'Like', value: 'like', description: 'Thumbs up' },
	{ name: 'Unlike', value: 'unlike', description: 'Thumbs down' },
];

export const description: INodeProperties[] = [
	conversationIdField,
	messageIdField,
	{
		displayName: 'Feedback',
		name: 'feedbackType',
		type: 'options',
		options: feedbackTypes,
		default: 'like',
		description: 'Only answers (type answer) of chats and chat flows can be rated',
	},
	optionsField([
		{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'What was good or wrong (up to 250 characters)' },
		{
			displayName: 'Reasons',
			name: 'reasonTypes',
			type: 'string',
			default: '',
			placeholder: 'Wrong facts, Bad format',
			description: 'Comma-separated labels for the feedback (up to 10, each up to 30 characters)',
		},
	]),
];

/** POST /v1/conversations/{conversation_id}/messages/{message_id}/feedback (docs message_feedback.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const ids = messageIdsOf(this, itemIndex);
	const options = collectionParameter(this, 'options', itemIndex);
	const body: IDataObject = { feedback_type: optionParameter(this, 'feedbackType', itemIndex, 'Feedback', ['like', 'unlike'], 'like') };
	const reasons = idList(textValue(this, options.reasonTypes, 'Reasons', itemIndex));
	if (reasons.length > 10 || reasons.some((reason) => reason.length > 30)) {
		throw new NodeOperationError(nodeOf(this), 'Reasons: at most 10 labels, each up to 30 characters (docs message_feedback.md)', { itemIndex });
	}
	if (reasons.length) body.reason_types = reasons;
	const comment = textValue(this, options.comment, 'Comment', itemIndex).trim();
	if (comment.length > 250) throw new NodeOperationError(nodeOf(this), 'Comment: up to 250 characters (docs message_feedback.md)', { itemIndex });
	if (comment) body.comment = comment;
	await cozeApiRequest.call(this, { method: 'POST', path: feedbackPath(ids), body, itemIndex, idempotent: true });
	return toItems({ ...ids, ...body });
}
