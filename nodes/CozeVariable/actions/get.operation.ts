import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { textParameter } from '../../shared/params';
import { cozeApiData } from '../../shared/transport';
import { ownerTarget } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

const show = { operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Variable Names',
		name: 'keywords',
		type: 'string',
		default: '',
		placeholder: 'city, language',
		description: 'Comma-separated names to read; empty reads every variable. Unknown names are skipped.',
		displayOptions: { show },
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
		displayOptions: { show },
	},
	concurrencyOptions(show),
];

/** GET /v1/variables (docs read_variable.md): one item with every variable as a field, or one item per variable. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = ownerTarget(this, itemIndex);
	const keywords = textParameter(this, 'keywords', itemIndex, 'Variable Names')
		.split(',')
		.map((keyword) => keyword.trim())
		.filter(Boolean);
	if (keywords.length) qs.keywords = keywords.join(',');
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/variables', qs, itemIndex });
	const list = (data.items as IDataObject[] | undefined) ?? [];
	if (this.getNodeParameter('output', itemIndex, 'object') === 'items') return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	const values = Object.fromEntries(list.map((entry) => [String(entry.keyword), entry.value]));
	return [{ json: { ...values, variables: list }, pairedItem: { item: itemIndex } }];
}
