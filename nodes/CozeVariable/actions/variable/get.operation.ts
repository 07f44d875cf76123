import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, concurrencyOptions } from '../../../shared/descriptions';
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
	choiceField('Output', 'output', 'object', [
		['One Item With All Variables', 'object', 'Each variable as a field, plus the full list'],
		['One Item per Variable', 'items', 'Fields keyword, value, create_time and update_time'],
	]),
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
