import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, inputBinaryField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { binaryFieldOf, postAudio } from '../../helpers/upload';

export const meta = {
	name: 'Speech to Text',
	action: 'Transcribe speech to text',
	description: 'Transcribe an audio file (up to 10 MB) to text',
};

export const description: INodeProperties[] = [
	inputBinaryField('the audio file', 'Audio file to transcribe: mp3, wav, ogg, opus, m4a, mp4, aac, amr, pcm… up to 10 MB and 30 minutes'),
	concurrencyOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const propertyName = binaryFieldOf(this, itemIndex, 'audio');
	const { upload, data } = await postAudio(this, itemIndex, propertyName, {
		path: '/v1/audio/transcriptions',
		limitText: 'Coze transcribes audio files up to 10 MB (and 30 minutes); use shorter recordings',
	});
	return toItems({ text: typeof data.text === 'string' ? data.text : '', file_name: upload.fileName, mime_type: upload.mimeType });
}
