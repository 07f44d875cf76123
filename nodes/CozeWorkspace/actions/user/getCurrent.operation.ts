import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';

export const meta = { name: 'Get Current', action: 'Get the current user', description: "Read the ID and names of the credential's Coze user" };

export const description: INodeProperties[] = [optionsField()];

/**
 * GET /v1/users/me. No page in the Coze API docs we vendor; the official SDKs call it: coze-js
 * packages/coze-js/src/resources/users/index.ts (Users.me) and coze-py cozepy/users/__init__.py (UsersClient.me),
 * data { user_id, user_name, nick_name, avatar_url }.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return toItems(await cozeApiData.call(this, { method: 'GET', path: '/v1/users/me', itemIndex }));
}
