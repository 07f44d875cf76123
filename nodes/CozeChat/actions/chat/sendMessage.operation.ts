import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollTurn, questionVoice, streamChatTurn, turnOptions, turnToItems, userMessage } from '../../../shared/chatTurn';
import { botLocator, choiceField, conversationIdField, optionsField, workspaceLocator } from '../../../shared/descriptions';
import { parseJsonShape } from '../../../shared/json';
import { collectionParameter, idText, nodeOf, optionParameter, requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { turnOptionFields } from '../fields';

export const meta = {
	name: 'Send Message',
	action: 'Send a message to a bot',
	description: 'Ask a bot a question and wait for its complete answer',
	studio: true,
};

export const description: INodeProperties[] = [
	workspaceLocator({ description: 'Workspace to pick the bot from (only used by the bot list)' }),
	botLocator({ description: 'The bot (agent) to talk to. It must be published to the API channel.' }),
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'n8n-user',
		required: true,
		description: 'Your own ID for the end user. Coze keeps history, memory and variables separately per user ID, so use a stable ID per person.',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Summarize this support ticket',
		description: 'The user question sent to the bot',
	},
	choiceField('Conversation', 'conversation', 'new', [
		['New Conversation', 'new', 'Coze starts a new conversation for this message'],
		['Existing Conversation', 'existing', 'Continue a conversation: its messages are the context'],
	]),
	{ ...conversationIdField, displayOptions: { show: { conversation: ['existing'] } } },
	optionsField([
		{
			displayName: 'Additional Messages (JSON)',
			name: 'additionalMessages',
			type: 'json',
			default: '[]',
			description:
				'History sent before the message, as an array of {role: "user" | "assistant", content, content_type: "text", type: "question" | "answer"}',
		},
		{
			displayName: 'Audio URLs',
			name: 'audioUrls',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/voice-note',
			description:
				'Comma-separated public URLs of voice messages (WAV or Ogg/Opus) sent as audio, for URLs whose name does not tell (File URLs ending in .wav, .ogg, .mp3 … go as audio anyway)',
		},
		{
			displayName: 'Auto-Save History',
			name: 'autoSaveHistory',
			type: 'boolean',
			default: true,
			description: 'Whether Coze stores this turn in the conversation (needed for Get Chat, List Chat Messages and tool outputs)',
		},
		{
			displayName: 'Binary Properties',
			name: 'binaryProperties',
			type: 'string',
			default: '',
			placeholder: 'data, attachment',
			description:
				'Comma-separated binary properties of the input item to upload and send with the message (images as images, audio as voice, everything else as files)',
		},
		{
			displayName: 'Bot Version',
			name: 'botVersion',
			type: 'string',
			default: '',
			description: 'Talk to a specific published version of the bot',
		},
		{
			displayName: 'Custom Variables (JSON)',
			name: 'customVariables',
			type: 'json',
			default: '{}',
			description: 'Values for {{variables}} in the bot prompt, as a JSON object of strings',
		},
		{
			displayName: 'Extra Params (JSON)',
			name: 'extraParams',
			type: 'json',
			default: '{}',
			description: 'Extra parameters such as {"latitude": "39.98", "longitude": "116.30"}',
		},
		{
			displayName: 'File URLs',
			name: 'fileUrls',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/report.pdf, https://example.com/photo.png',
			description:
				'Comma-separated public URLs of images, files or audio to send with the message (the type follows the name: .png → image, .ogg → audio, else file)',
		},
		{
			displayName: 'Meta Data (JSON)',
			name: 'metaData',
			type: 'json',
			default: '{}',
			description: 'Up to 16 string pairs stored with the chat and returned by Get Chat',
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'parameters',
			type: 'json',
			default: '{}',
			description: 'Inputs for the start node of a chat flow bound to the bot',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'With Response Mode "Poll", how often to ask for the status (Coze asks for at most once per second)',
		},
		{
			...choiceField('Publish Status', 'publishStatus', 'published_online', [
				['Published Online', 'published_online'],
				['Unpublished Draft', 'unpublished_draft'],
			]),
			description: 'Talk to the published bot or to its draft',
		},
		choiceField('Response Mode', 'responseMode', 'stream', [
			['Stream (Fastest)', 'stream', 'Finish the moment Coze completes the chat'],
			['Poll', 'poll', 'Create without streaming and poll the status (for proxies that block streams)'],
		]),
		...turnOptionFields,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = requiredId(this, 'botId', itemIndex, 'Bot');
	const userId = requiredId(this, 'userId', itemIndex, 'User ID');
	const message = textParameter(this, 'message', itemIndex, 'Message', { objectsAsJson: true });
	const options = collectionParameter(this, 'options', itemIndex);
	const node = nodeOf(this);
	const history = parseJsonShape(this, options.additionalMessages, 'Additional Messages', itemIndex, 'array', ' of messages');
	const attached = Boolean(options.binaryProperties || options.fileUrls || options.audioUrls);
	if (!message.trim() && history.length === 0 && !attached) {
		throw new NodeOperationError(node, 'Message is empty: enter the question for the bot', { itemIndex });
	}
	const qs: IDataObject = {};
	if (optionParameter(this, 'conversation', itemIndex, 'Conversation', ['new', 'existing'], 'new') === 'existing') {
		qs.conversation_id = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	}
	// The spec requires `type` and `content_type` on every message; fill the obvious defaults for history entries.
	const messages: IDataObject[] = history.map((entry) => ({
		...entry,
		type: entry.type ?? (entry.role === 'assistant' ? 'answer' : 'question'),
		content_type: entry.content_type ?? 'text',
	}));
	if (message.trim() || attached) {
		messages.push(await userMessage(this, itemIndex, message, options));
	}
	const responseMode = (options.responseMode as string) ?? 'stream';
	const body: IDataObject = {
		bot_id: botId,
		user_id: userId,
		stream: responseMode === 'stream',
		additional_messages: messages,
		// Non-stream chats can only be read back when they are saved.
		auto_save_history: responseMode === 'poll' ? true : options.autoSaveHistory !== false,
	};
	for (const [option, field, label] of [
		['customVariables', 'custom_variables', 'Custom Variables'],
		['metaData', 'meta_data', 'Meta Data'],
		['extraParams', 'extra_params', 'Extra Params'],
		['parameters', 'parameters', 'Parameters'],
	] as const) {
		const value = parseJsonShape(this, options[option], label, itemIndex, 'object');
		if (Object.keys(value).length > 0) body[field] = value;
	}
	if (options.publishStatus && options.publishStatus !== 'published_online') body.publish_status = options.publishStatus;
	const botVersion = idText(this, options.botVersion, 'Bot Version', itemIndex);
	if (botVersion) body.bot_version = botVersion;

	const turnOpts = turnOptions(this, options, itemIndex, questionVoice(this, itemIndex, options, messages));
	const request = { method: 'POST' as const, path: '/v3/chat', qs, body, itemIndex };
	const turn =
		responseMode === 'poll'
			? await pollTurn(this, await cozeApiData.call(this, request), turnOpts, itemIndex)
			: await streamChatTurn(this, request, turnOpts, itemIndex);
	return await turnToItems(this, turn, turnOpts.outputMode, itemIndex);
}
