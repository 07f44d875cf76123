import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { idList, optionParameter, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { ownerTarget } from '../../helpers/owner';
import { ownerFields } from '../fields';

export const meta = {
	name: 'Get Variables',
	action: 'Get variables',
	description: "Read the values of a user's variables",
};

export const description: INodeProperties[] = [
	...ownerFields,
	{
		displayName: 'Variable Names',
		name: 'keywords',
		type: 'string',
		default: '',
		placeholder: 'city, language',
		description: 'Comma-separated names to read; empty reads every variable. Unknown names are skipped.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item With All Variables', value: 'object', description: 'Each variable as a field, plus the full list' },
			{ name: 'One Item per Variable', value: 'items', description: 'Fields keyword, value, create_time and update_time' },
		],
		default: 'object',
	},
	concurrencyOptions(),
];

/** GET /v1/variables (docs read_variable.md): one item with every variable as a field, or one item per variable. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = ownerTarget(this, itemIndex);
	const keywords = idList(textParameter(this, 'keywords', itemIndex, 'Variable Names'));
	if (keywords.length) qs.keywords = keywords.join(',');
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/variables', qs, itemIndex });
	const list = (data.items as IDataObject[] | undefined) ?? [];
	if (optionParameter(this, 'output', itemIndex, 'Output', ['object', 'items'], 'object') === 'items') return toItems(list);
	const values = Object.fromEntries(list.map((entry) => [String(entry.keyword), entry.value]));
	return toItems({ ...values, variables: list });
}
