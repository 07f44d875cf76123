import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { binaryMultipart } from '../../shared/files';
import { MAX_AUDIO_BYTES } from './fields';
import { concurrencyOption } from '../../shared/descriptions';

const show = { operation: ['speechToText'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the audio file',
		description: 'Audio file to transcribe: mp3, wav, ogg, opus, m4a, mp4, aac, amr, pcm… up to 10 MB and 30 minutes',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!propertyName) throw new NodeOperationError(this.getNode(), 'Enter the binary field holding the audio, e.g. data', { itemIndex });
	const upload = await binaryMultipart(this, itemIndex, propertyName, {
		maxBytes: MAX_AUDIO_BYTES,
		limitText: 'Coze transcribes audio files up to 10 MB (and 30 minutes); use shorter recordings',
	});
	if (upload.size === 0) throw new NodeOperationError(this.getNode(), `"${upload.fileName}" is empty`, { itemIndex });
	const data = await cozeApiData.call(this, {
		method: 'POST',
		path: '/v1/audio/transcriptions',
		...upload.request,
		itemIndex,
		timeoutMs: 10 * 60_000,
	});
	return [
		{
			json: { text: typeof data.text === 'string' ? data.text : '', file_name: upload.fileName, mime_type: upload.mimeType },
			pairedItem: { item: itemIndex },
		},
	];
}
