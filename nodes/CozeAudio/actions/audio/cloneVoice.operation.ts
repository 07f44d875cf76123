import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceField, inputBinaryField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, idText, optionParameter, textParameter } from '../../../shared/params';
import { binaryFieldOf, postAudio } from '../../helpers/upload';

export const meta = {
	name: 'Clone Voice',
	action: 'Clone a voice',
	description: 'Create (or retrain) a custom voice from a recording of one speaker',
};

/** docs/clone_voices.md: accepted formats of the recording. */
const CLONE_FORMATS = ['wav', 'mp3', 'ogg', 'm4a', 'aac', 'pcm'];

const FORMAT_BY_MIME: Record<string, string> = {
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/ogg': 'ogg',
	'audio/opus': 'ogg',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/m4a': 'm4a',
	'audio/aac': 'aac',
	'audio/pcm': 'pcm',
};

export const description: INodeProperties[] = [
	inputBinaryField(
		'the voice recording',
		'Recording of one speaker, 10 to 30 seconds recommended, up to 10 MB (wav, mp3, ogg, m4a, aac or 24 kHz mono pcm)',
	),
	{
		displayName: 'Voice Name',
		name: 'voiceName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Support Agent Anna',
		description: 'Name of the voice, up to 128 bytes',
	},
	{
		...choiceField('Audio Format', 'audioFormat', 'auto', [
			['AAC', 'aac'],
			['From File', 'auto', 'Detect from the file name or MIME type'],
			['M4A', 'm4a'],
			['MP3', 'mp3'],
			['OGG', 'ogg'],
			['PCM (24 kHz Mono)', 'pcm'],
			['WAV', 'wav'],
		]),
		description: 'Format of the recording',
	},
	optionsField([
		{
			...choiceField('Language', 'language', 'zh', [
				['Chinese', 'zh'],
				['English', 'en'],
				['Indonesian', 'id'],
				['Japanese', 'ja'],
				['Portuguese', 'pt'],
				['Spanish', 'es'],
			]),
			description: 'Language spoken in the recording',
		},
		{
			displayName: 'Preview Text',
			name: 'previewText',
			type: 'string',
			default: '',
			description: 'Text of the preview audio Coze makes with the new voice (Coze has a default)',
		},
		{
			displayName: 'Recording Text',
			name: 'text',
			type: 'string',
			default: '',
			description:
				'What is said in the recording, up to 1024 bytes; Coze compares it with the audio and fails (1109 WERError) when they differ too much',
		},
		{
			displayName: 'Voice ID to Retrain',
			name: 'voiceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7348293334459310000',
			description: 'Train an existing cloned voice again instead of creating a new one (its ID stays; up to 10 trainings per voice)',
		},
		{
			displayName: 'Workspace ID',
			name: 'spaceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7361638276870530000',
			description: 'Workspace to keep the voice in (default: your personal workspace); only its members can use it',
		},
	]),
];

function formatOf(fileName: string, mimeType: string): string | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
	if (extension === 'opus') return 'ogg';
	if (extension && CLONE_FORMATS.includes(extension)) return extension;
	return FORMAT_BY_MIME[mimeType.split(';')[0].trim().toLowerCase()];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const propertyName = binaryFieldOf(this, itemIndex, 'recording');
	const voiceName = textParameter(this, 'voiceName', itemIndex, 'Voice Name').trim();
	if (!voiceName) throw new NodeOperationError(this.getNode(), 'Enter a name for the voice', { itemIndex });
	if (Buffer.byteLength(voiceName, 'utf8') > 128) {
		throw new NodeOperationError(this.getNode(), `The voice name is ${Buffer.byteLength(voiceName, 'utf8')} bytes; Coze allows up to 128`, {
			itemIndex,
		});
	}
	const options = collectionParameter(this, 'options', itemIndex);
	const text = String(options.text ?? '');
	if (Buffer.byteLength(text, 'utf8') > 1024) {
		throw new NodeOperationError(this.getNode(), `The recording text is ${Buffer.byteLength(text, 'utf8')} bytes; Coze allows up to 1024`, {
			itemIndex,
		});
	}
	const binary = this.helpers.assertBinaryData(itemIndex, propertyName);
	let audioFormat: string = optionParameter(this, 'audioFormat', itemIndex, 'Audio Format', ['auto', ...CLONE_FORMATS], 'auto');
	if (audioFormat === 'auto') {
		const detected = formatOf(binary.fileName ?? '', binary.mimeType ?? '');
		if (!detected) {
			throw new NodeOperationError(
				this.getNode(),
				`Cannot tell the audio format of "${binary.fileName ?? propertyName}" (${binary.mimeType || 'no MIME type'})`,
				{ itemIndex, description: `Choose the Audio Format; Coze accepts ${CLONE_FORMATS.join(', ')}.` },
			);
		}
		audioFormat = detected;
	}
	const fields: Record<string, string> = { voice_name: voiceName, audio_format: audioFormat };
	if (options.language) fields.language = String(options.language);
	const voiceId = idText(this, options.voiceId, 'Voice ID to Retrain', itemIndex);
	if (voiceId) fields.voice_id = voiceId;
	if (options.previewText) fields.preview_text = String(options.previewText);
	if (text) fields.text = text;
	const spaceId = idText(this, options.spaceId, 'Workspace ID', itemIndex);
	if (spaceId) fields.space_id = spaceId;

	const { data } = await postAudio(this, itemIndex, propertyName, {
		path: '/v1/audio/voices/clone',
		fields,
		limitText: 'Coze clones voices from recordings up to 10 MB (10 to 30 seconds is best)',
	});
	return toItems({ voice_id: String(data.voice_id ?? ''), voice_name: voiceName, audio_format: audioFormat, retrained: voiceId !== '' });
}
