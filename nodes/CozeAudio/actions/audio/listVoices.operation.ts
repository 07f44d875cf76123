import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, collectionField, concurrencyOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';

export const meta = { name: 'List Voices', action: 'List voices', description: 'List system voices and cloned voices' };

/** docs/list_voices.md: page_size 1-100. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...returnAllOrLimit(),
	collectionField('filters', [
		{
			displayName: 'Exclude System Voices',
			name: 'filterSystemVoice',
			type: 'boolean',
			default: true,
			description: 'Whether to leave out the system voices and list only cloned (custom) voices',
		},
		choiceField('Model Type', 'modelType', 'big', [
			['Big Model', 'big'],
			['Small Model', 'small'],
		]),
		{
			...choiceField('Voice State', 'voiceState', 'cloned', [
				['All', 'all'],
				['Cloned', 'cloned'],
				['Not Yet Cloned', 'init'],
			]),
			description: 'Clone state of the voices to list (Coze lists cloned voices by default)',
		},
	]),
	concurrencyOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = collectionParameter(this, 'filters', itemIndex);
	const qs: IDataObject = {};
	if (filters.filterSystemVoice !== undefined) qs.filter_system_voice = filters.filterSystemVoice === true;
	if (filters.modelType) qs.model_type = filters.modelType;
	if (filters.voiceState) qs.voice_state = filters.voiceState;
	const style = pageNumberStyle({ itemsPath: 'data.voice_list', hasMorePath: 'data.has_more' });
	return await listItems(this, { method: 'GET', path: '/v1/audio/voices', qs, itemIndex }, style, PAGE_SIZE);
}
