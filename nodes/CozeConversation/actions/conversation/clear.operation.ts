import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdOf, conversationPath } from '../../helpers/request';

export const meta = {
	name: 'Clear Context',
	action: 'Clear the context of a conversation',
	description: 'Start a new context section; earlier messages stay readable but no longer count as context',
	studio: true,
};

export const description: INodeProperties[] = [conversationIdField, concurrencyOptions()];

/** POST /v1/conversations/{conversation_id}/clear (docs clear_conversation_context.md): a new context section. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = conversationPath(conversationIdOf(this, itemIndex), '/clear');
	return toItems(await cozeApiData.call(this, { method: 'POST', path, itemIndex, idempotent: true }));
}
