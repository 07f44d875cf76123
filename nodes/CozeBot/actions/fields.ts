import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { botLocator, choiceField, collectionField, listMode, workspaceLocator } from '../../shared/descriptions';

/** The API channel ("Agent as API", connector 1024): the one a bot must be published to before /v3/chat can use it. */
export const API_CONNECTOR_ID = '1024';

/** The workspace of Create and Get Many (required). */
export const workspaceField: INodeProperties = workspaceLocator({ required: true, description: 'The workspace (space) of the bots' });

/**
 * The bot of the operations on one bot, and the workspace above it that only feeds its list. "From List" uses
 * searchBotsAnyStatus (shared/listSearch.ts) so that drafts that were never published can be picked too (the shared
 * searchBots lists only bots live on the API channel).
 */
export const botFields: INodeProperties[] = [
	workspaceLocator({ required: false, description: 'Workspace to pick the bot from (only used by the bot list below)' }),
	botLocator({
		description: 'The bot. "From List" shows drafts and published bots of the workspace above; or enter the bot ID.',
		modes: (botLocator().modes ?? []).map((mode) => (mode.name === 'list' ? listMode('searchBotsAnyStatus') : mode)),
	}),
];

/**
 * The Filters of the bot and version lists: Publish Status (its choices, default and description per list) and
 * Channel ID (`channel` says what it narrows). helpers/filters.ts publishFilters sends them.
 */
export function publishFiltersField(
	statuses: INodePropertyOptions[],
	statusDefault: string,
	statusDescription: string,
	channel: string,
): INodeProperties {
	return collectionField('filters', [
		{
			displayName: 'Publish Status',
			name: 'publishStatus',
			type: 'options',
			options: statuses,
			default: statusDefault,
			description: statusDescription,
		},
		{ displayName: 'Channel ID', name: 'connectorId', type: 'string', default: API_CONNECTOR_ID, description: channel },
	]);
}

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
			...choiceField('Suggested Replies', 'replyMode', 'enable', [
				['Enable', 'enable', 'Up to 3 follow-up questions after each answer'],
				['Disable', 'disable'],
				['Customized', 'customized', 'Follow-up questions written from your own prompt'],
			]),
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
