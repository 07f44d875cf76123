import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { cozeApiError } from '../../../shared/errors';
import { toItems } from '../../../shared/items';
import { parseJsonShape } from '../../../shared/json';
import { nodeOf, parameterOf, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { pluginIdOf } from '../../helpers/pluginId';
import { pluginLocator } from '../fields';

export const meta = { name: 'Call Tool', action: 'Call a plugin tool', description: 'Run one tool of a paid store plugin with JSON arguments' };

export const description: INodeProperties[] = [
	pluginLocator,
	{
		displayName: 'Tool Name or ID',
		name: 'toolName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPluginTools', loadOptionsDependsOn: ['pluginId.value'] },
		default: '',
		required: true,
		description:
			'Tool of the plugin to call (Get Plugin lists them with their input schema). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'arguments',
		type: 'json',
		default: '{}',
		required: true,
		description: 'Arguments of the tool as a JSON object, following its inputSchema, e.g. {"q": "Hangzhou autumn holiday"}',
	},
	concurrencyOptions(),
];

/** POST /v1/plugins/{plugin_id}/tools/call (docs call_plugin_tool.md): tool_name, arguments; the tool's result. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const pluginId = pluginIdOf(this, itemIndex);
	const toolName = textParameter(this, 'toolName', itemIndex, 'Tool').trim();
	if (!toolName) throw new NodeOperationError(nodeOf(this), 'Choose the tool to call', { itemIndex });
	const args = parseJsonShape(this, parameterOf(this, 'arguments', itemIndex, '{}'), 'Arguments', itemIndex, 'object', ', e.g. {"q": "weather"}');
	const data = await cozeApiData.call(this, {
		method: 'POST',
		path: `/v1/plugins/${pluginId}/tools/call`,
		body: { tool_name: toolName, arguments: args },
		itemIndex,
	});
	const result = data.result;
	// The call succeeded but the tool may report its own failure inside `data.result`: official tools answer
	// {code, msg, log_id, data} with "code: 运行状态。0 为成功，否则为报错码" (docs get_plugin.md, outputSchema example).
	const own = result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as IDataObject) : undefined;
	const code = own?.code;
	if ((typeof code === 'number' && code !== 0) || (typeof code === 'string' && /^-?\d+$/.test(code) && Number(code) !== 0)) {
		throw cozeApiError(
			nodeOf(this),
			{
				code: code as number,
				msg: `the tool ${toolName} reported a failure: ${String(own?.msg || own?.message || 'no message')}`,
				logId: typeof own?.log_id === 'string' && own.log_id ? own.log_id : undefined,
				endpoint: `plugin ${pluginId}, tool ${toolName}`,
			},
			itemIndex,
		);
	}
	const json: IDataObject =
		result !== null && typeof result === 'object' && !Array.isArray(result)
			? (result as IDataObject)
			: { result: result as IDataObject[keyof IDataObject] };
	return toItems(json);
}
