import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, idText, requiredId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { workspaceField } from '../fields';

export const meta = {
	name: 'Get Many',
	action: 'Get many apps',
	description: 'List the apps of a workspace with their publish state (as data, not only in pickers)',
};

export const description: INodeProperties[] = [
	workspaceField('The workspace whose apps to list'),
	...returnAllOrLimit(),
	optionsField([
		{
			...choiceField('Publish Status', 'publishStatus', 'published_online', [
				['All', 'all', 'Drafts and published apps'],
				['Published', 'published_online', 'Apps with a published version (Coze default)'],
				['Published, Now a Draft', 'published_draft', 'Published before, with unpublished changes'],
				['Never Published', 'unpublished_draft'],
			]),
			description: 'Which apps to list by publish status',
		},
		{
			displayName: 'Channel ID',
			name: 'connectorId',
			type: 'string',
			default: '',
			placeholder: '1024',
			description: 'Only apps published to this channel (connector). Empty: the API channel (1024), as Coze does.',
		},
	]),
];

/**
 * GET /v1/apps (published_apps_list.md): workspace_id, publish_status, connector_id, page_num/page_size (default 20; no
 * maximum is documented, so pages stay at 20); answers { items, total }.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const options = collectionParameter(this, 'options', itemIndex);
	const qs: IDataObject = { workspace_id: workspaceId };
	if (options.publishStatus) qs.publish_status = options.publishStatus;
	const connectorId = idText(this, options.connectorId ?? '', 'Channel ID', itemIndex);
	if (connectorId) qs.connector_id = connectorId;
	const style = pageNumberStyle({ itemsPath: 'data.items', totalPath: 'data.total' });
	return await listItems(this, { method: 'GET', path: '/v1/apps', qs, itemIndex }, style, 20, (app) => ({ workspace_id: workspaceId, ...app }));
}
