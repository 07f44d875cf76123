import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceField, optionsField } from '../../../shared/descriptions';
import { collectionParameter, optionParameter, optionalId, textParameter } from '../../../shared/params';
import { cozeApiBinary } from '../../../shared/transport';
import { voiceLocator } from '../fields';

export const meta = {
	name: 'Text to Speech',
	action: 'Convert text to speech',
	description: 'Speak a text with a Coze voice and get the audio file',
};

/** docs/text_to_speech.md: "input … 长度限制为 1024 字节" (UTF-8). */
const MAX_INPUT_BYTES = 1024;

/** What each documented response_format is as a file. */
const AUDIO_FORMATS: Record<string, { mimeType: string; extension: string }> = {
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3' },
	wav: { mimeType: 'audio/wav', extension: 'wav' },
	pcm: { mimeType: 'audio/pcm', extension: 'pcm' },
	ogg_opus: { mimeType: 'audio/ogg', extension: 'ogg' },
};

export const description: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Your order has shipped and arrives tomorrow.',
		description: 'Text to speak, up to 1024 bytes in UTF-8 (about 340 Chinese characters)',
	},
	voiceLocator,
	{
		...choiceField('Audio Format', 'responseFormat', 'mp3', [
			['MP3', 'mp3'],
			['OGG Opus', 'ogg_opus'],
			['PCM (Raw)', 'pcm'],
			['WAV', 'wav'],
		]),
		description: 'Encoding of the audio file',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the audio in',
	},
	optionsField([
		{
			displayName: 'Context Texts',
			name: 'contextTexts',
			type: 'string',
			default: '',
			placeholder: 'e.g. Say it slowly, in a warm voice',
			description: 'Instructions for mood, dialect, tone, speed or pitch (only Doubao TTS 2.0 voices)',
		},
		{
			...choiceField('Emotion', 'emotion', 'happy', [
				['Angry', 'angry'],
				['Coldness', 'coldness'],
				['Excited', 'excited'],
				['Fear', 'fear'],
				['Happy', 'happy'],
				['Hate', 'hate'],
				['Neutral', 'neutral'],
				['Sad', 'sad'],
				['Surprised', 'surprised'],
			]),
			description: 'Emotion of a multi-emotion voice (List Voices shows which emotions a voice supports)',
		},
		{
			displayName: 'Emotion Scale',
			name: 'emotionScale',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 1 },
			default: 4,
			description: 'Strength of the emotion, 1 to 5',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. greeting.mp3',
			description: 'Name of the output file (default: speech.mp3, speech.wav, speech.pcm or speech.ogg)',
		},
		{
			displayName: 'Loudness',
			name: 'loudnessRate',
			type: 'number',
			typeOptions: { minValue: -50, maxValue: 100 },
			default: 0,
			description: 'Volume change in percent, from -50 (half) to 100 (double)',
		},
		{
			...choiceField('Sample Rate', 'sampleRate', 24000, [
				['8 kHz', 8000],
				['16 kHz', 16000],
				['22.05 kHz', 22050],
				['24 kHz', 24000],
				['32 kHz', 32000],
				['44.1 kHz', 44100],
				['48 kHz', 48000],
			]),
			description: 'Sample rate of the audio in Hz',
		},
		{
			displayName: 'Speed',
			name: 'speed',
			type: 'number',
			typeOptions: { minValue: 0.2, maxValue: 3, numberPrecision: 1 },
			default: 1,
			description: 'Speaking speed: 0.5 to 2 for big-model voices, 0.2 to 3 for small-model voices',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = textParameter(this, 'text', itemIndex, 'Text');
	if (!input.trim()) throw new NodeOperationError(this.getNode(), 'Enter the text to speak', { itemIndex });
	const inputBytes = Buffer.byteLength(input, 'utf8');
	if (inputBytes > MAX_INPUT_BYTES) {
		throw new NodeOperationError(
			this.getNode(),
			`The text is ${inputBytes} bytes in UTF-8; Coze speaks at most ${MAX_INPUT_BYTES} bytes per request`,
			{ itemIndex, description: 'Split the text into several items (e.g. by sentence) and join the audio files afterwards.' },
		);
	}
	const voiceId = optionalId(this, 'voiceId', itemIndex, 'Voice');
	if (!voiceId) throw new NodeOperationError(this.getNode(), 'Choose a voice or enter its ID', { itemIndex });
	const format = optionParameter(this, 'responseFormat', itemIndex, 'Audio Format', Object.keys(AUDIO_FORMATS), 'mp3');
	const audioFormat = AUDIO_FORMATS[format];
	const binaryPropertyName = textParameter(this, 'binaryPropertyName', itemIndex, 'Put Output File in Field').trim() || 'data';
	const options = collectionParameter(this, 'options', itemIndex);

	const body: IDataObject = { input, voice_id: voiceId, response_format: format };
	if (options.emotion) body.emotion = options.emotion;
	if (options.emotionScale !== undefined) body.emotion_scale = Number(options.emotionScale);
	if (options.speed !== undefined) body.speed = Number(options.speed);
	if (options.sampleRate !== undefined) body.sample_rate = Number(options.sampleRate);
	if (options.loudnessRate !== undefined) body.loudness_rate = Math.round(Number(options.loudnessRate));
	if (options.contextTexts) body.context_texts = String(options.contextTexts);

	const audio = await cozeApiBinary.call(this, { method: 'POST', path: '/v1/audio/speech', body, itemIndex });
	if (audio.data.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Coze answered with an empty audio file', {
			itemIndex,
			description: `Log ID: ${audio.logId ?? 'none'}`,
		});
	}
	const fileName = String(options.fileName ?? '').trim() || `speech.${audioFormat.extension}`;
	const binary = await this.helpers.prepareBinaryData(audio.data, fileName, audioFormat.mimeType);
	return [
		{
			json: {
				voice_id: voiceId,
				response_format: format,
				sample_rate: (body.sample_rate as number | undefined) ?? 24000,
				input_bytes: inputBytes,
				file_name: fileName,
				mime_type: audioFormat.mimeType,
				file_size: audio.data.length,
				log_id: audio.logId,
			},
			binary: { [binaryPropertyName]: binary },
		},
	];
}
