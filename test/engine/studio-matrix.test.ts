import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeCallbackTrigger } from '../../nodes/CozeCallbackTrigger/CozeCallbackTrigger.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import type { CozeWorkflowType } from '../../nodes/CozeWorkflow/v2/actions/node.type';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';
import { resources as audio } from '../../nodes/CozeAudio/actions/node.type';
import { resources as bot } from '../../nodes/CozeBot/actions/node.type';
import { resources as chat } from '../../nodes/CozeChat/actions/node.type';
import { resources as conversationRegistry } from '../../nodes/CozeConversation/actions/node.type';
import { resources as dataset } from '../../nodes/CozeDataset/actions/node.type';
import { resources as cozeFile } from '../../nodes/CozeFile/actions/node.type';
import { resources as plugin } from '../../nodes/CozePlugin/actions/node.type';
import { resources as variable } from '../../nodes/CozeVariable/actions/node.type';
import { resources as workflowV1 } from '../../nodes/CozeWorkflow/v1/actions/node.type';
import { resources as workflowV2 } from '../../nodes/CozeWorkflow/v2/actions/node.type';
import { resources as workspace } from '../../nodes/CozeWorkspace/actions/node.type';
import type { RegisteredResource } from '../../nodes/shared/registry';
import type { MatrixRow, Outcome } from '../compat/matrix';
import { MATRIX_JSON, readRows, withTable } from '../compat/matrix';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { SEED_VOICES } from '../simulator/routes/audio';
import { seedDatasetDocuments } from '../simulator/routes/datasets';
import { PLUGINS } from '../simulator/routes/plugins';
import { TEMPLATES } from '../simulator/routes/workspaces';
import { APPS, BOTS, DATASETS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

/**
 * Every operation of every node, run inside n8n-core against the default simulator (the official Coze OpenAPI:
 * the coze.cn / coze.com columns) and against its Coze Studio profile with a Custom-region credential whose Server
 * is Coze Studio (the Studio column). On Studio an operation either works or is refused before any request. The
 * results go to test/compat/matrix.json and the README's table must match them. After changing an operation or the
 * Studio profile: `npm run matrix:update` (this file with UPDATE_MATRIX=1) rewrites both.
 */

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const WS = WORKSPACES[0].id;
const ALICE = '2150000000000000002';
const wav = () => {
	const pcm = Buffer.alloc(3200);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + pcm.length, 4);
	header.write('WAVEfmt ', 8, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(16000, 24);
	header.writeUInt32LE(32000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(pcm.length, 40);
	return Buffer.concat([header, pcm]);
};
const file = (data: Buffer, mimeType: string, fileName: string): INodeExecutionData[] => [
	{ json: {}, binary: { data: { data: data.toString('base64'), mimeType, fileName } } },
];

/** Direct calls to the simulator, to prepare what an operation needs (a chat, a message, a run …). */
type Api = (method: string, path: string, options?: { qs?: Record<string, string>; body?: unknown }) => Promise<IDataObject>;

/** Each node version's registry: whether Coze Studio serves an operation is its `meta.studio` (one place). */
const REGISTRIES: Record<string, Record<string, RegisteredResource>> = {
	'cozeAudio@1': audio,
	'cozeBot@1': bot,
	'cozeChat@1': chat,
	'cozeConversation@1': conversationRegistry,
	'cozeDataset@1': dataset,
	'cozeFile@1': cozeFile,
	'cozePlugin@1': plugin,
	'cozeVariable@1': variable,
	'cozeWorkflow@1': workflowV1,
	'cozeWorkflow@2': workflowV2,
	'cozeWorkspace@1': workspace,
};
/** What the triggers do on Studio: the Workflow Trigger polls through Studio's run history; the Callback Trigger is refused. */
const STUDIO_TRIGGERS: Record<string, boolean> = { 'cozeWorkflowTrigger:poll': true, 'cozeCallbackTrigger:activate': false };

function studioServes(testCase: Pick<Case, 'type' | 'key' | 'typeVersion'>): boolean {
	const trigger = STUDIO_TRIGGERS[`${testCase.type}:${testCase.key}`];
	if (trigger !== undefined) return trigger;
	const resources = REGISTRIES[`${testCase.type}@${testCase.typeVersion ?? 1}`];
	// A key without a resource belongs to a node without a Resource picker: its one resource.
	const [resource, operation] = testCase.key.includes('.') ? testCase.key.split('.') : [Object.keys(resources)[0], testCase.key];
	const registered = resources[resource]?.operations[operation];
	if (!registered) throw new Error(`${testCase.type} v${testCase.typeVersion ?? 1} has no operation ${testCase.key}`);
	return registered.meta.studio === true;
}

interface Case {
	type: string;
	node: string;
	/** `resource.operation` or `operation`, as the node's router keys it. */
	key: string;
	label: string;
	parameters: IDataObject | ((api: Api) => Promise<IDataObject> | IDataObject);
	items?: () => INodeExecutionData[];
	poll?: boolean;
	/** A webhook trigger: activated (its webhookMethods run), then deactivated. */
	activate?: boolean;
	note?: string;
	/** The node's typeVersion (default 1). */
	typeVersion?: number;
}

async function chatDone(api: Api, bot: string): Promise<{ conversationId: string; chatId: string }> {
	const started = await api('POST', '/v3/chat', {
		body: {
			bot_id: bot,
			user_id: 'u',
			stream: false,
			auto_save_history: true,
			additional_messages: [{ role: 'user', content: 'hi', content_type: 'text' }],
		},
	});
	const chat = started.data as IDataObject;
	const ids = { conversationId: String(chat.conversation_id), chatId: String(chat.id) };
	for (let i = 0; i < 100; i++) {
		const state = await api('GET', '/v3/chat/retrieve', { qs: { conversation_id: ids.conversationId, chat_id: ids.chatId } });
		if ((state.data as IDataObject).status !== 'in_progress' && (state.data as IDataObject).status !== 'created') break;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return ids;
}
const conversation = async (api: Api) =>
	String(((await api('POST', '/v1/conversation/create', { body: { bot_id: BOTS.echo } })).data as IDataObject).id);
async function message(api: Api) {
	const { conversationId, chatId } = await chatDone(api, BOTS.echo);
	const list = await api('GET', '/v3/chat/message/list', { qs: { conversation_id: conversationId, chat_id: chatId } });
	const answer = (list.data as IDataObject[]).find((m) => m.type === 'answer') as IDataObject;
	return { conversationId, messageId: String(answer.id) };
}
async function asyncRun(api: Api) {
	const started = await api('POST', '/v1/workflow/run', { body: { workflow_id: WORKFLOWS.echo, parameters: { input: 'x' }, is_async: true } });
	return String(started.execute_id);
}

const CASES: Case[] = [
	// Coze Chat
	{
		type: 'cozeChat',
		node: 'Coze Chat',
		key: 'sendMessage',
		label: 'Send Message',
		parameters: { operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi' },
	},
	{
		type: 'cozeChat',
		node: 'Coze Chat',
		key: 'submitToolOutputs',
		label: 'Submit Tool Outputs',
		parameters: async (api) => {
			const { conversationId, chatId } = await chatDone(api, BOTS.tools);
			const list = await api('GET', '/v3/chat/retrieve', { qs: { conversation_id: conversationId, chat_id: chatId } });
			const call = ((((list.data as IDataObject).required_action as IDataObject).submit_tool_outputs as IDataObject).tool_calls as IDataObject[])[0];
			return { operation: 'submitToolOutputs', conversationId, chatId, toolOutputs: { output: [{ toolCallId: String(call.id), output: 'sunny' }] } };
		},
	},
	{
		type: 'cozeChat',
		node: 'Coze Chat',
		key: 'getChat',
		label: 'Get Chat',
		parameters: async (api) => ({ operation: 'getChat', ...(await chatDone(api, BOTS.echo)) }),
	},
	{
		type: 'cozeChat',
		node: 'Coze Chat',
		key: 'listMessages',
		label: 'List Chat Messages',
		parameters: async (api) => ({ operation: 'listMessages', ...(await chatDone(api, BOTS.echo)) }),
	},
	{
		type: 'cozeChat',
		node: 'Coze Chat',
		key: 'cancelChat',
		label: 'Cancel Chat',
		parameters: async (api) => {
			const started = await api('POST', '/v3/chat', {
				body: { bot_id: BOTS.slow, user_id: 'u', stream: false, additional_messages: [{ role: 'user', content: 'long', content_type: 'text' }] },
			});
			const chat = started.data as IDataObject;
			return { operation: 'cancelChat', conversationId: String(chat.conversation_id), chatId: String(chat.id) };
		},
	},
	// Coze Conversation
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.create',
		label: 'Conversation → Create',
		parameters: { resource: 'conversation', operation: 'create', botId: rl(BOTS.echo) },
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.get',
		label: 'Conversation → Get',
		parameters: async (api) => ({ resource: 'conversation', operation: 'get', conversationId: await conversation(api) }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.getAll',
		label: 'Conversation → Get Many',
		parameters: { resource: 'conversation', operation: 'getAll', botId: rl(BOTS.echo), returnAll: true },
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.update',
		label: 'Conversation → Rename',
		parameters: async (api) => ({ resource: 'conversation', operation: 'update', conversationId: await conversation(api), name: 'Renamed' }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.clear',
		label: 'Conversation → Clear Context',
		parameters: async (api) => ({ resource: 'conversation', operation: 'clear', conversationId: await conversation(api) }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'conversation.delete',
		label: 'Conversation → Delete',
		parameters: async (api) => ({ resource: 'conversation', operation: 'delete', conversationId: await conversation(api) }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.create',
		label: 'Message → Create',
		parameters: async (api) => ({ resource: 'message', operation: 'create', conversationId: await conversation(api), content: 'hello' }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.get',
		label: 'Message → Get',
		parameters: async (api) => ({ resource: 'message', operation: 'get', ...(await message(api)) }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.getAll',
		label: 'Message → Get Many',
		parameters: async (api) => ({
			resource: 'message',
			operation: 'getAll',
			conversationId: (await chatDone(api, BOTS.echo)).conversationId,
			returnAll: true,
		}),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.update',
		label: 'Message → Update',
		parameters: async (api) => ({ resource: 'message', operation: 'update', ...(await message(api)), updateFields: { content: 'edited' } }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.delete',
		label: 'Message → Delete',
		parameters: async (api) => ({ resource: 'message', operation: 'delete', ...(await message(api)) }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.addFeedback',
		label: 'Message → Add Feedback',
		parameters: async (api) => ({ resource: 'message', operation: 'addFeedback', ...(await message(api)), feedbackType: 'like' }),
	},
	{
		type: 'cozeConversation',
		node: 'Coze Conversation',
		key: 'message.deleteFeedback',
		label: 'Message → Delete Feedback',
		parameters: async (api) => {
			const ids = await message(api);
			await api('POST', `/v1/conversations/${ids.conversationId}/messages/${ids.messageId}/feedback`, { body: { feedback_type: 'like' } });
			return { resource: 'message', operation: 'deleteFeedback', ...ids };
		},
	},
	// Coze Knowledge Base
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'dataset.create',
		label: 'Knowledge Base → Create',
		parameters: { resource: 'dataset', operation: 'create', workspaceId: rl(WS), name: 'KB' },
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'dataset.getAll',
		label: 'Knowledge Base → Get Many',
		parameters: { resource: 'dataset', operation: 'getAll', workspaceId: rl(WS), returnAll: true },
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'dataset.update',
		label: 'Knowledge Base → Update',
		parameters: { resource: 'dataset', operation: 'update', datasetId: rl(DATASETS.text), name: 'Support FAQ' },
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'dataset.delete',
		label: 'Knowledge Base → Delete',
		parameters: async (api) => {
			const created = await api('POST', '/v1/datasets', { body: { name: 'Temp', space_id: WS, format_type: 0 } });
			return { resource: 'dataset', operation: 'delete', datasetId: rl(String((created.data as IDataObject).dataset_id)) };
		},
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'dataset.getProgress',
		label: 'Knowledge Base → Get Progress',
		parameters: async (api) => ({
			resource: 'dataset',
			operation: 'getProgress',
			datasetId: rl(DATASETS.text),
			documentIds: await textDocument(api),
		}),
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'document.create',
		label: 'Document → Create',
		parameters: { resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' },
		items: () => file(Buffer.from('Refunds take 5 days.'), 'text/plain', 'faq.txt'),
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'document.getAll',
		label: 'Document → Get Many',
		parameters: { resource: 'document', operation: 'getAll', datasetId: rl(DATASETS.text), returnAll: true },
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'document.update',
		label: 'Document → Update',
		parameters: async (api) => ({
			resource: 'document',
			operation: 'update',
			documentId: await textDocument(api),
			updateFields: { documentName: 'renamed.txt' },
		}),
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'document.delete',
		label: 'Document → Delete',
		parameters: async (api) => ({ resource: 'document', operation: 'delete', documentIds: await textDocument(api) }),
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'image.getAll',
		label: 'Image → Get Many',
		parameters: { resource: 'image', operation: 'getAll', datasetId: rl(DATASETS.image), returnAll: true },
	},
	{
		type: 'cozeDataset',
		node: 'Coze Knowledge Base',
		key: 'image.updateCaption',
		label: 'Image → Update Caption',
		parameters: {
			resource: 'image',
			operation: 'updateCaption',
			datasetId: rl(DATASETS.image),
			documentId: '7610000000000000003',
			caption: 'A shoe',
		},
	},
	// Coze File
	{
		type: 'cozeFile',
		node: 'Coze File',
		key: 'upload',
		label: 'Upload File',
		parameters: { operation: 'upload', binaryPropertyName: 'data' },
		items: () => file(Buffer.from('hello'), 'text/plain', 'a.txt'),
	},
	{
		type: 'cozeFile',
		node: 'Coze File',
		key: 'get',
		label: 'Get File',
		parameters: async (api) => {
			const form = new FormData();
			form.append('file', new Blob([Buffer.from('hello')]), 'a.txt');
			const uploaded = await api('POST', '/v1/files/upload', { body: form });
			return { operation: 'get', fileId: String((uploaded.data as IDataObject).id) };
		},
	},
	// Coze Bot
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.create',
		label: 'Bot → Create',
		parameters: { resource: 'bot', operation: 'create', workspaceId: rl(WS), name: 'New Bot' },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.update',
		label: 'Bot → Update',
		parameters: { resource: 'bot', operation: 'update', botId: rl(BOTS.echo), updateFields: { description: 'v2' } },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.publish',
		label: 'Bot → Publish',
		parameters: { resource: 'bot', operation: 'publish', botId: rl(BOTS.echo) },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.unpublish',
		label: 'Bot → Unpublish',
		parameters: { resource: 'bot', operation: 'unpublish', botId: rl(BOTS.echo) },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.get',
		label: 'Bot → Get',
		parameters: { resource: 'bot', operation: 'get', botId: rl(BOTS.echo), version: 'draft' },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'bot.getAll',
		label: 'Bot → Get Many',
		parameters: { resource: 'bot', operation: 'getAll', workspaceId: rl(WS), returnAll: true },
	},
	{
		type: 'cozeBot',
		node: 'Coze Bot',
		key: 'version.getAll',
		label: 'Version → Get Many',
		parameters: { resource: 'version', operation: 'getAll', botId: rl(BOTS.echo), returnAll: true },
	},
	// Coze Workflow
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'run',
		label: 'Run Workflow (sync)',
		parameters: { operation: 'run', mode: 'sync', workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'run',
		label: 'Run Workflow (background and wait)',
		parameters: { operation: 'run', mode: 'asyncWait', workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}', options: { pollInterval: 1 } },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'run',
		label: 'Run Workflow (stream)',
		parameters: { operation: 'run', mode: 'stream', workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'resume',
		label: 'Resume Workflow (stream)',
		parameters: async (api) => ({
			operation: 'resume',
			workflowId: rl(WORKFLOWS.question),
			...(await interrupt(api)),
			resumeData: 'Hangzhou',
			resumeMode: 'stream',
		}),
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'resume',
		label: 'Resume Workflow (without streaming)',
		parameters: async (api) => ({
			operation: 'resume',
			workflowId: rl(WORKFLOWS.question),
			...(await interrupt(api)),
			resumeData: 'Hangzhou',
			resumeMode: 'sync',
		}),
		note: 'stream only',
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'chat',
		label: 'Chat With Chat Flow',
		parameters: { operation: 'chat', workflowId: rl(WORKFLOWS.chatflow), runAs: 'bot', botId: rl(BOTS.echo), message: 'Hi' },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'getRun',
		label: 'Get Run',
		parameters: async (api) => ({
			operation: 'getRun',
			workflowId: rl(WORKFLOWS.echo),
			executeId: await asyncRun(api),
			wait: true,
			options: { pollInterval: 1 },
		}),
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'getNodeOutput',
		label: 'Get Node Output',
		parameters: async (api) => {
			const started = await api('POST', '/v1/workflow/run', { body: { workflow_id: WORKFLOWS.bigOutput, is_async: true } });
			const executeId = String(started.execute_id);
			return { operation: 'getNodeOutput', workflowId: rl(WORKFLOWS.bigOutput), executeId, nodeExecuteUuid: `${executeId}-output` };
		},
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'list',
		label: 'List Workflows',
		parameters: { operation: 'list', workspaceId: rl(WS), returnAll: true },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'get',
		label: 'Get Workflow',
		parameters: { operation: 'get', workflowId: rl(WORKFLOWS.echo) },
	},
	{
		type: 'cozeWorkflow',
		node: 'Coze Workflow',
		key: 'listVersions',
		label: 'List Versions',
		parameters: { operation: 'listVersions', workflowId: rl(WORKFLOWS.echo), returnAll: true },
	},
	// Coze Workflow Trigger
	{
		type: 'cozeWorkflowTrigger',
		node: 'Coze Workflow Trigger',
		key: 'poll',
		label: 'Poll (run and deliver the finished run)',
		parameters: { workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
		poll: true,
	},
	// Coze Callback Trigger
	{
		type: 'cozeCallbackTrigger',
		node: 'Coze Callback Trigger',
		key: 'activate',
		label: 'Activate (callback app, challenge, subscriptions)',
		parameters: { events: ['bot.published'] },
		activate: true,
	},
	// Coze Variable
	{
		type: 'cozeVariable',
		node: 'Coze Variable',
		key: 'get',
		label: 'Get Variables',
		parameters: { operation: 'get', ownerType: 'bot', botId: rl(BOTS.echo), userId: 'alice' },
	},
	{
		type: 'cozeVariable',
		node: 'Coze Variable',
		key: 'set',
		label: 'Set Variables',
		parameters: {
			operation: 'set',
			ownerType: 'app',
			appId: rl(APPS.withVariables),
			userId: 'alice',
			variables: { variable: [{ keyword: 'plan', value: 'pro' }] },
		},
	},
	// Coze Audio
	{
		type: 'cozeAudio',
		node: 'Coze Audio',
		key: 'textToSpeech',
		label: 'Text to Speech',
		parameters: { operation: 'textToSpeech', text: 'hello', voiceId: rl(SEED_VOICES[0].voice_id), binaryPropertyName: 'data' },
	},
	{
		type: 'cozeAudio',
		node: 'Coze Audio',
		key: 'speechToText',
		label: 'Speech to Text',
		parameters: { operation: 'speechToText', binaryPropertyName: 'data' },
		items: () => file(wav(), 'audio/wav', 'a.wav'),
	},
	{ type: 'cozeAudio', node: 'Coze Audio', key: 'listVoices', label: 'List Voices', parameters: { operation: 'listVoices', returnAll: true } },
	{
		type: 'cozeAudio',
		node: 'Coze Audio',
		key: 'cloneVoice',
		label: 'Clone Voice',
		parameters: { operation: 'cloneVoice', binaryPropertyName: 'data', voiceName: 'Anna', audioFormat: 'wav' },
		items: () => file(wav(), 'audio/wav', 'a.wav'),
	},
	// Coze Plugin
	{ type: 'cozePlugin', node: 'Coze Plugin', key: 'list', label: 'List Plugins', parameters: { operation: 'list', returnAll: false, limit: 2 } },
	{ type: 'cozePlugin', node: 'Coze Plugin', key: 'get', label: 'Get Plugin', parameters: { operation: 'get', pluginId: rl(PLUGINS.news) } },
	{
		type: 'cozePlugin',
		node: 'Coze Plugin',
		key: 'callTool',
		label: 'Call Tool',
		parameters: { operation: 'callTool', pluginId: rl(PLUGINS.news), toolName: 'getToutiaoNews', arguments: '{"q": "news"}' },
	},
	// Coze Workspace
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'workspace.getAll',
		label: 'Workspace → Get Many',
		parameters: { resource: 'workspace', operation: 'getAll', returnAll: true },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'workspace.create',
		label: 'Workspace → Create',
		parameters: { resource: 'workspace', operation: 'create', name: 'Ops', description: 'Ops team' },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'workspace.update',
		label: 'Workspace → Update',
		parameters: { resource: 'workspace', operation: 'update', workspaceId: rl(WS), updateFields: { description: 'Tickets' } },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'member.getAll',
		label: 'Member → Get Many',
		parameters: { resource: 'member', operation: 'getAll', workspaceId: rl(WS), returnAll: true },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'member.add',
		label: 'Member → Add',
		parameters: { resource: 'member', operation: 'add', workspaceId: rl(WS), userIds: ALICE },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'member.remove',
		label: 'Member → Remove',
		parameters: { resource: 'member', operation: 'remove', workspaceId: rl(WS), userIds: ALICE },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'app.getAll',
		label: 'App → Get Many',
		parameters: { resource: 'app', operation: 'getAll', workspaceId: rl(WS), returnAll: true },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'user.getCurrent',
		label: 'User → Get Current',
		parameters: { resource: 'user', operation: 'getCurrent' },
	},
	{
		type: 'cozeWorkspace',
		node: 'Coze Workspace',
		key: 'template.duplicate',
		label: 'Template → Duplicate',
		parameters: { resource: 'template', operation: 'duplicate', templateId: TEMPLATES.support, workspaceId: rl(WS) },
	},
];

/** Coze Workflow version 2 runs version 1's operations under resources: the same cases with its keys and parameters. */
const WORKFLOW_V2_KEYS: Record<string, CozeWorkflowType> = {
	run: { resource: 'workflow', operation: 'run' },
	resume: { resource: 'run', operation: 'resume' },
	chat: { resource: 'chatFlow', operation: 'chat' },
	getRun: { resource: 'run', operation: 'get' },
	getNodeOutput: { resource: 'run', operation: 'getNodeOutput' },
	list: { resource: 'workflow', operation: 'getAll' },
	get: { resource: 'workflow', operation: 'get' },
	listVersions: { resource: 'version', operation: 'getAll' },
};
CASES.push(
	...CASES.filter((c) => c.type === 'cozeWorkflow').map((c): Case => {
		const { resource, operation } = WORKFLOW_V2_KEYS[c.key];
		const v2 = (parameters: IDataObject): IDataObject => ({
			...parameters,
			resource,
			operation,
			...(operation === 'run' ? { inputMode: 'json' } : {}),
		});
		const { parameters } = c;
		return {
			...c,
			typeVersion: 2,
			key: `${resource}.${operation}`,
			label: `${c.label} (version 2)`,
			parameters: typeof parameters === 'function' ? async (api) => v2(await parameters(api)) : v2(parameters),
		};
	}),
);

async function textDocument(api: Api): Promise<string> {
	const created = await api('POST', '/open_api/knowledge/document/create', {
		body: {
			dataset_id: DATASETS.text,
			format_type: 0,
			document_bases: [{ name: 'a.txt', source_info: { file_base64: Buffer.from('hello').toString('base64'), file_type: 'txt' } }],
			chunk_strategy: { chunk_type: 0 },
		},
	});
	return String((created.document_infos as IDataObject[])[0].document_id);
}

async function interrupt(api: Api): Promise<{ eventId: string; interruptType: number }> {
	const started = await api('POST', '/v1/workflow/run', { body: { workflow_id: WORKFLOWS.question } });
	const data = started.interrupt_data as IDataObject;
	return { eventId: String(data.event_id), interruptType: Number(data.type) };
}

const NODES: INodeType[] = [
	new CozeAudio(),
	new CozeBot(),
	new CozeCallbackTrigger(),
	new CozeChat(),
	new CozeConversation(),
	new CozeDataset(),
	new CozeFile(),
	new CozePlugin(),
	new CozeVariable(),
	new CozeWorkflow(),
	new CozeWorkflowTrigger(),
	new CozeWorkspace(),
] as unknown as INodeType[];

interface Result {
	outcome: Outcome;
	requests: number;
	message?: string;
}

describe('compatibility matrix: every operation on Coze and on Coze Studio', () => {
	let coze: Simulator;
	let studio: Simulator;
	const results = new Map<Case, { coze?: Result; studio?: Result }>();

	beforeAll(async () => {
		coze = await startSimulator();
		studio = await startSimulator({ profile: 'studio' });
		seedDatasetDocuments(coze);
		seedDatasetDocuments(studio);
	});
	afterAll(async () => {
		await coze.close();
		await studio.close();
	});

	function apiOf(sim: Simulator): Api {
		return async (method, path, options = {}) => {
			const url = new URL(`${sim.url}${path}`);
			for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, value);
			const form = options.body instanceof FormData;
			const response = await fetch(url, {
				method,
				headers: {
					Authorization: `Bearer ${sim.patTokens[0]}`,
					'Agw-Js-Conv': 'str',
					...(form || !options.body ? {} : { 'Content-Type': 'application/json' }),
				},
				body: form ? (options.body as FormData) : options.body ? JSON.stringify(options.body) : undefined,
			});
			const text = await response.text();
			return JSON.parse(text.replace(/"execute_id":(\d+)/g, '"execute_id":"$1"')) as IDataObject;
		};
	}

	async function run(sim: Simulator, testCase: Case, server: 'studio' | 'compatible'): Promise<Result> {
		const harness = new Harness(NODES);
		const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, server, accessToken: sim.patTokens[0] });
		// What an operation needs (a chat, a run …) is prepared on the server it runs against; an operation Studio
		// lacks gets IDs prepared on the Coze simulator, and must not send anything to Studio.
		const prepareOn = server === 'studio' && !studioServes(testCase) ? coze : sim;
		const parameters: IDataObject = typeof testCase.parameters === 'function' ? await testCase.parameters(apiOf(prepareOn)) : testCase.parameters;
		const spec = { type: testCase.type, typeVersion: testCase.typeVersion, parameters, credentials: { cozeApi: credential } };
		const sentBefore = sim.requests.length;
		let error: Error | undefined;
		let items: INodeExecutionData[] = [];
		if (testCase.activate) {
			try {
				const active = await harness.activateWebhooks({ ...spec, webhookId: 'c0ffee00-0000-4000-8000-000000000001' } as never);
				items = [{ json: {} }];
				await active.deactivate();
			} catch (caught) {
				error = caught as Error;
			} finally {
				await harness.stopWebhookServer();
			}
		} else if (testCase.poll) {
			try {
				const polled = await harness.poll(spec as never, {}, 'manual');
				items = polled.items?.[0] ?? [];
			} catch (caught) {
				error = caught as Error;
			}
		} else {
			const result = await harness.run(spec as never, { items: testCase.items?.() });
			error = result.error;
			items = result.items;
		}
		const requests = sim.requests.length - sentBefore;
		if (!error && items.length > 0) return { outcome: 'works', requests };
		const message = `${error?.message ?? 'no items'}${(error as unknown as IDataObject | undefined)?.description ? ` — ${String((error as unknown as IDataObject).description)}` : ''}`;
		if (/not available on Coze Studio/.test(message) && requests === 0) return { outcome: 'unavailable', requests, message };
		return { outcome: 'failed', requests, message };
	}

	for (const testCase of CASES) {
		const title = `${testCase.node} · ${testCase.label}`;
		it(`${title} works against Coze (default simulator)`, async () => {
			const result = await run(coze, testCase, 'compatible');
			results.set(testCase, { ...results.get(testCase), coze: result });
			expect(result.outcome === 'works' ? 'works' : result.message).toBe('works');
		}, 30_000);
		it(`${title} on Coze Studio: ${studioServes(testCase) && !testCase.note ? 'works' : 'refused before any request'}`, async () => {
			const before = studio.requests.length;
			const result = await run(studio, testCase, 'studio');
			results.set(testCase, { ...results.get(testCase), studio: result });
			if (studioServes(testCase) && !testCase.note) {
				expect(result.outcome === 'works' ? 'works' : result.message).toBe('works');
				expect(studio.requests.slice(before).flatMap((r) => r.contractErrors.map((e) => `${r.method} ${r.path}: ${e}`))).toEqual([]);
			} else {
				expect(result.outcome === 'unavailable' ? 'unavailable' : result.message).toBe('unavailable');
				expect(result.message).toContain('Coze Studio');
				expect(result.requests).toBe(0);
			}
		}, 30_000);
	}

	it('every case names an operation its node version registers', () => {
		for (const testCase of CASES) expect(() => studioServes(testCase)).not.toThrow();
	});

	it('covers every operation of every node', () => {
		const covered = new Set(CASES.map((c) => `${c.type}:${c.key}`));
		const missing: string[] = [];
		const versions = NODES.flatMap((node) => ('nodeVersions' in node ? Object.values((node as unknown as IVersionedNodeType).nodeVersions) : [node]));
		for (const node of versions) {
			const type = node.description.name;
			const properties = node.description.properties;
			for (const op of properties.filter((p) => p.name === 'operation')) {
				const resource = (op.displayOptions?.show?.resource as string[] | undefined)?.[0];
				for (const option of (op.options ?? []) as Array<{ value: string }>) {
					const key = resource ? `${resource}.${option.value}` : option.value;
					if (!covered.has(`${type}:${key}`)) missing.push(`${type}:${key}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});

	// Needs the results of the cases above: run the whole file (a -t filter leaves them empty and this fails).
	it('writes test/compat/matrix.json and the README tables match it', () => {
		const rows: MatrixRow[] = CASES.map((c) => ({
			node: c.node,
			operation: c.label,
			coze: results.get(c)?.coze?.outcome ?? 'failed',
			studio: results.get(c)?.studio?.outcome ?? 'failed',
			...(c.note && results.get(c)?.studio?.outcome === 'unavailable' ? { note: c.note } : {}),
		}));
		const text = `${JSON.stringify(rows, null, '\t')}\n`;
		// npm run matrix:update writes the results and the README tables; npm test only checks them.
		const update = process.env.UPDATE_MATRIX === '1';
		if (update) writeFileSync(MATRIX_JSON, text);
		expect(readFileSync(MATRIX_JSON, 'utf8')).toBe(text);
		for (const name of ['README.md', 'docs/README.zh-CN.md']) {
			const path = join(__dirname, '..', '..', name);
			const readme = readFileSync(path, 'utf8');
			if (update) writeFileSync(path, withTable(readme, readRows()));
			const current = readFileSync(path, 'utf8');
			expect({ readme: name, upToDate: withTable(current, readRows()) === current }).toEqual({ readme: name, upToDate: true });
		}
	});
});
