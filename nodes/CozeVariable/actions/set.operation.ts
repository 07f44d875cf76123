import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { textValue } from '../../shared/params';
import { cozeApiRequest } from '../../shared/transport';
import { ownerTarget } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

const show = { operation: ['set'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		required: true,
		description:
			'The variables to write (they must exist and be enabled on the bot or app; system variables are read-only). An object or list mapped as a value is stored as its JSON text.',
		displayOptions: { show },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'keyword', type: 'string', default: '', placeholder: 'city' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'Hangzhou' },
				],
			},
		],
	},
	concurrencyOptions(show),
];

/** PUT /v1/variables (docs update_variable.md): name-value pairs for one user. Values are text at Coze. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = ownerTarget(this, itemIndex);
	const pairs = ((this.getNodeParameter('variables', itemIndex, {}) as IDataObject).variable as IDataObject[] | undefined) ?? [];
	const data = pairs.map((pair, index) => ({
		keyword: textValue(this, pair.keyword, `Variable ${index + 1} Name`, itemIndex).trim(),
		value: textValue(this, pair.value, `Variable ${index + 1} Value`, itemIndex, { objectsAsJson: true }),
	}));
	if (data.length === 0 || data.some((pair) => !pair.keyword)) {
		throw new NodeOperationError(this.getNode(), 'Add at least one variable, each with a name', { itemIndex });
	}
	await cozeApiRequest.call(this, { method: 'PUT', path: '/v1/variables', body: { ...target, data }, itemIndex });
	return [
		{
			json: { updated: true, connector_uid: target.connector_uid, ...Object.fromEntries(data.map((pair) => [pair.keyword, pair.value])) },
			pairedItem: { item: itemIndex },
		},
	];
}
