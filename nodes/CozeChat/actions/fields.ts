import type { INodeProperties } from 'n8n-workflow';

import { chatStreamFields } from '../../shared/chatTurn';
import { choiceField, conversationIdField } from '../../shared/descriptions';

export const chatIdField: INodeProperties = {
	displayName: 'Chat ID',
	name: 'chatId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430…',
	description: 'ID of one chat turn (chat_id in the output of Send Message)',
};

/** The fields that name one chat turn (Get Chat, List Chat Messages, Cancel Chat, Submit Tool Outputs). */
export const chatTurnFields: INodeProperties[] = [conversationIdField, chatIdField];

/** Options shared by the operations that wait for a chat turn (Send Message, Submit Tool Outputs). */
export const turnOptionFields: INodeProperties[] = [
	...chatStreamFields,
	choiceField('Output', 'outputMode', 'answer', [
		['Answer', 'answer', 'One item with the answer, reasoning, follow-ups, usage, IDs and all messages of the turn'],
		['One Item per Message', 'messages', 'Every message of the turn as its own item'],
		['Answer and Raw Events', 'events', 'The answer item plus the raw stream events'],
	]),
	{
		...choiceField('Voice Answer', 'voiceAnswer', 'auto', [
			[
				'From the Question',
				'auto',
				'When the question holds audio, wait for the voice answer: Ogg/Opus audio is answered as an Ogg Opus file, other audio as a WAV file. Text questions end as soon as the chat completes.',
			],
			['Expect WAV (24 kHz PCM)', 'pcm', 'Wait for a voice answer in PCM, as for a WAV question'],
			['Expect Ogg Opus (48 kHz)', 'opus', 'Wait for a voice answer in Opus, as for an Ogg/Opus question'],
		]),
		description:
			'Coze speaks the answer only when the question holds audio, after the chat completed; the audio is attached in the binary field "audio" (Response Mode "Stream" only)',
	},
];
