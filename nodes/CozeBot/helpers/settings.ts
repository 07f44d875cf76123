import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonShape } from '../../shared/json';
import { idList } from '../../shared/params';

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
