import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { botLocator, concurrencyOption, returnAllOrLimit, workspaceLocator } from '../../shared/descriptions';
import { parseJsonShape } from '../../shared/json';
import { idList, idText } from '../../shared/params';

/** The API channel ("Agent as API", connector 1024): the one a bot must be published to before /v3/chat can use it. */
export const API_CONNECTOR_ID = '1024';

/** Where a field shows: resource + operation. */
export type Show = { resource: string[]; operation: string[] };

/** Workspace picker: required to create and list; elsewhere it only feeds the bot list. */
export const workspaceField = (show: Show, required: boolean): INodeProperties =>
	workspaceLocator({
		required,
		description: required ? 'The workspace (space) of the bots' : 'Workspace to pick the bot from (only used by the bot list below)',
		displayOptions: { show },
	});

/**
 * Bot picker (shared botLocator). "From List" uses searchBotsAnyStatus (shared/listSearch.ts) so that drafts that were never
 * published can be picked too (the shared searchBots lists only bots live on the API channel).
 */
export const botField = (show: Show): INodeProperties => {
	const base = botLocator();
	return {
		...base,
		description: 'The bot. "From List" shows drafts and published bots of the workspace above; or enter the bot ID.',
		modes: (base.modes ?? []).map((mode) =>
			mode.name === 'list' ? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: 'searchBotsAnyStatus' } } : mode,
		),
		displayOptions: { show },
	};
};

/** Return All / Limit (shared). */
export const returnAllFields = (show: Show): INodeProperties[] => returnAllOrLimit(show);

/** The Options collection of one operation: extra fields plus Concurrency. */
export const optionsField = (show: Show, options: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show },
	options: [...options, concurrencyOption],
});

/** Bot settings shared by Create and Update (create_bot.md / update_bot.md; knowledge only exists on update). */
export function botSettingsFields(forUpdate: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'What the bot does (up to 500 characters)',
		},
		{
			displayName: 'Icon File ID',
			name: 'iconFileId',
			type: 'string',
			default: '',
			description: 'File ID of an image uploaded with Coze File → Upload File, used as the bot avatar',
		},
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			description: 'Persona and reply logic of the bot (the prompt), up to 20,000 characters',
		},
		{
			displayName: 'Prompt Info (JSON)',
			name: 'promptInfoJson',
			type: 'json',
			default: '{}',
			placeholder: '{"prompt_mode": "prefix", "prefix_prompt_info": {"prefix_prompt": "…", "dynamic_prompt": "…"}}',
			description:
				'The whole prompt_info object, e.g. for prefix caching (prompt_mode "prefix" with prefix_prompt_info). Overrides Prompt; {} sends nothing.',
		},
		{
			displayName: 'Opening Message',
			name: 'prologue',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Onboarding prologue shown before the first message (up to 300 characters)',
		},
		{
			displayName: 'Suggested Questions',
			name: 'suggestedQuestions',
			type: 'string',
			typeOptions: { multipleValues: true },
			default: [],
			description: 'Questions offered with the opening message (up to 50 characters each)',
		},
		{
			displayName: 'Plugins',
			name: 'plugins',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Plugin Tool',
			description: "Plugin tools the bot can call. Replaces the bot's plugin list.",
			options: [
				{
					displayName: 'Tool',
					name: 'tool',
					values: [
						{ displayName: 'Plugin ID', name: 'pluginId', type: 'string', default: '', description: 'Number after /plugin/ in the plugin page URL' },
						{ displayName: 'Tool ID', name: 'apiId', type: 'string', default: '', description: 'Number after /tool/ in the tool page URL' },
					],
				},
			],
		},
		{
			displayName: 'Workflow IDs',
			name: 'workflowIds',
			type: 'string',
			default: '',
			placeholder: '7460491086110370000, 7460491086110370001',
			description: "Comma-separated IDs of workflows the bot can run. Replaces the bot's workflow list.",
		},
		{
			displayName: 'Model ID',
			name: 'modelId',
			type: 'string',
			default: '',
			placeholder: '1706077826',
			description: 'Number after /model/ in the model page URL',
		},
		{
			displayName: 'Model Settings (JSON)',
			name: 'modelSettings',
			type: 'json',
			default: '{\n  "temperature": 0.8,\n  "max_tokens": 4096,\n  "context_round": 30,\n  "response_format": "text"\n}',
			description:
				'Other model_info_config fields (top_k, top_p, max_tokens, temperature, context_round, response_format, sp_anti_leak, sp_current_time, presence_penalty, frequency_penalty, cache_type, api_mode, parameters). Needs Model ID.',
		},
		{
			displayName: 'Suggested Replies',
			name: 'replyMode',
			type: 'options',
			options: [
				{ name: 'Enable', value: 'enable', description: 'Up to 3 follow-up questions after each answer' },
				{ name: 'Disable', value: 'disable' },
				{ name: 'Customized', value: 'customized', description: 'Follow-up questions written from your own prompt' },
			],
			default: 'enable',
			description: 'Whether the bot suggests follow-up questions after it answers',
		},
		{
			displayName: 'Suggested Replies Prompt',
			name: 'replyPrompt',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Prompt for the suggested questions (needed when Suggested Replies is Customized)',
		},
	];
	if (forUpdate) {
		fields.unshift({ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name (1 to 20 characters)' });
		fields.push(
			{
				displayName: 'Knowledge Base IDs',
				name: 'datasetIds',
				type: 'string',
				default: '',
				placeholder: '7385093717923410000, 7385093717923410001',
				description: "Comma-separated Coze knowledge base IDs (up to 150; Volcano knowledge bases can't be bound through the API)",
			},
			{
				displayName: 'Knowledge Settings (JSON)',
				name: 'knowledgeJson',
				type: 'json',
				default: '{\n  "auto_call": true,\n  "search_strategy": 0\n}',
				description:
					'Other knowledge fields: auto_call (true: search every turn; false: on demand) and search_strategy (0 semantic, 1 hybrid, 20 full text)',
			},
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Builds the create_bot / update_bot body fields from the settings collection. */
export function botSettingsBody(this: IExecuteFunctions, settings: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	const text = (name: string) => (typeof settings[name] === 'string' ? (settings[name] as string) : undefined);
	if (text('name') !== undefined) {
		const name = (text('name') as string).trim();
		if (!name) throw new NodeOperationError(this.getNode(), "Name can't be empty", { itemIndex });
		body.name = name;
	}
	if (text('description') !== undefined) body.description = text('description');
	if (text('iconFileId')?.trim()) body.icon_file_id = text('iconFileId')?.trim();
	const promptInfo =
		settings.promptInfoJson !== undefined ? parseJsonShape(this, settings.promptInfoJson, 'Prompt Info (JSON)', itemIndex, 'object') : {};
	const prefix = promptInfo.prefix_prompt_info as IDataObject | undefined;
	// The field's old default was an example with empty prompts; sent unedited it would wipe the bot's prompt.
	if (
		promptInfo.prompt_mode === 'prefix' &&
		Object.keys(promptInfo).length === 2 &&
		prefix &&
		!prefix.prefix_prompt &&
		!prefix.dynamic_prompt &&
		Object.keys(prefix).every((key) => ['prefix_prompt', 'dynamic_prompt'].includes(key))
	) {
		throw new NodeOperationError(this.getNode(), 'Prompt Info (JSON) is the unedited example: both prompts are empty', {
			itemIndex,
			description: 'Fill in prefix_prompt and dynamic_prompt, or remove the Prompt Info (JSON) setting (Prompt is then used).',
		});
	}
	if (Object.keys(promptInfo).length > 0) {
		body.prompt_info = promptInfo;
	} else if (text('prompt') !== undefined) {
		body.prompt_info = { prompt: text('prompt') };
	}
	if (settings.prologue !== undefined || settings.suggestedQuestions !== undefined) {
		const onboarding: IDataObject = {};
		if (text('prologue') !== undefined) onboarding.prologue = text('prologue');
		if (settings.suggestedQuestions !== undefined) onboarding.suggested_questions = idList(settings.suggestedQuestions);
		body.onboarding_info = onboarding;
	}
	if (settings.plugins !== undefined) {
		const tools = (((settings.plugins as IDataObject).tool as IDataObject[] | undefined) ?? []).map((tool, index) => {
			const pluginId = String(tool.pluginId ?? '').trim();
			const apiId = String(tool.apiId ?? '').trim();
			if (!pluginId || !apiId) {
				throw new NodeOperationError(this.getNode(), `Plugin ${index + 1} needs both a Plugin ID and a Tool ID`, { itemIndex });
			}
			return { plugin_id: pluginId, api_id: apiId };
		});
		body.plugin_id_list = { id_list: tools };
	}
	if (settings.workflowIds !== undefined) body.workflow_id_list = { ids: idList(settings.workflowIds).map((id) => ({ id })) };
	const modelId = text('modelId')?.trim();
	if (settings.modelSettings !== undefined || modelId) {
		const extra =
			settings.modelSettings !== undefined ? parseJsonShape(this, settings.modelSettings, 'Model Settings (JSON)', itemIndex, 'object') : {};
		const model = { ...extra, ...(modelId ? { model_id: modelId } : {}) };
		if (!model.model_id) throw new NodeOperationError(this.getNode(), 'Model Settings need a Model ID', { itemIndex });
		body.model_info_config = model;
	}
	if (settings.replyMode !== undefined || settings.replyPrompt !== undefined) {
		const mode = (settings.replyMode as string | undefined) ?? (text('replyPrompt') ? 'customized' : 'enable');
		const reply: IDataObject = { reply_mode: mode };
		if (text('replyPrompt')) reply.customized_prompt = text('replyPrompt');
		if (mode === 'customized' && !reply.customized_prompt) {
			throw new NodeOperationError(this.getNode(), 'Customized suggested replies need a Suggested Replies Prompt', { itemIndex });
		}
		body.suggest_reply_info = reply;
	}
	if (settings.datasetIds !== undefined || settings.knowledgeJson !== undefined) {
		const extra =
			settings.knowledgeJson !== undefined ? parseJsonShape(this, settings.knowledgeJson, 'Knowledge Settings (JSON)', itemIndex, 'object') : {};
		const knowledge: IDataObject = { ...extra };
		if (settings.datasetIds !== undefined) knowledge.dataset_ids = idList(settings.datasetIds);
		if (Array.isArray(knowledge.dataset_ids) && knowledge.dataset_ids.length > 150) {
			throw new NodeOperationError(this.getNode(), 'A bot can be bound to at most 150 knowledge bases', { itemIndex });
		}
		body.knowledge = knowledge;
	}
	return body;
}

/** The bot ID from the picker (list or ID mode), checked. */
export function botIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const botId = idText(this, this.getNodeParameter('botId', itemIndex, '', { extractValue: true }), 'Bot ID', itemIndex);
	if (!botId) throw new NodeOperationError(this.getNode(), 'Choose a bot or enter its ID', { itemIndex });
	if (!/^\d+$/.test(botId))
		throw new NodeOperationError(this.getNode(), `"${botId}" is not a bot ID (a number such as 7342866812345678901)`, { itemIndex });
	return botId;
}

export function workspaceIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const workspaceId = idText(this, this.getNodeParameter('workspaceId', itemIndex, '', { extractValue: true }), 'Workspace ID', itemIndex);
	if (!workspaceId) throw new NodeOperationError(this.getNode(), 'Choose a workspace or enter its ID', { itemIndex });
	return workspaceId;
}
