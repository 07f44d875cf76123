import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { optionsField } from './fields';

export const description: INodeProperties[] = [optionsField('user', ['getCurrent'])];

/**
 * GET /v1/users/me. No page in the Coze API docs we vendor; the official SDKs call it: coze-js
 * packages/coze-js/src/resources/users/index.ts (Users.me) and coze-py cozepy/users/__init__.py (UsersClient.me),
 * data { user_id, user_name, nick_name, avatar_url }.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const user = await cozeApiData.call(this, { method: 'GET', path: '/v1/users/me', itemIndex });
	return [{ json: user, pairedItem: { item: itemIndex } }];
}
