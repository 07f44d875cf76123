import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, nodeOf, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { ownerTarget } from '../../helpers/owner';
import { ownerFields } from '../fields';

export const meta = {
	name: 'Set Variables',
	action: 'Set variables',
	description: "Write values of a user's variables",
};

export const description: INodeProperties[] = [
	...ownerFields,
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
	concurrencyOptions(),
];

/** PUT /v1/variables (docs update_variable.md): name-value pairs for one user. Values are text at Coze. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const target = ownerTarget(this, itemIndex);
	const pairs = (collectionParameter(this, 'variables', itemIndex).variable as IDataObject[] | undefined) ?? [];
	const data = pairs.map((pair, index) => ({
		keyword: textValue(this, pair.keyword, `Variable ${index + 1} Name`, itemIndex).trim(),
		value: textValue(this, pair.value, `Variable ${index + 1} Value`, itemIndex, { objectsAsJson: true }),
	}));
	if (data.length === 0 || data.some((pair) => !pair.keyword)) {
		throw new NodeOperationError(nodeOf(this), 'Add at least one variable, each with a name', { itemIndex });
	}
	await cozeApiRequest.call(this, { method: 'PUT', path: '/v1/variables', body: { ...target, data }, itemIndex });
	const values = Object.fromEntries(data.map((pair) => [pair.keyword, pair.value]));
	return toItems({ updated: true, connector_uid: target.connector_uid, ...values });
}
