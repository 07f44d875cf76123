/** Seed data shared by the simulator's route modules. IDs are 19-digit strings, like Coze's. */

export const WORKSPACES = [
	{
		id: '7350000000000000001',
		name: 'Support Team',
		icon_url: 'https://example.invalid/ws1.png',
		role_type: 'owner',
		workspace_type: 'team',
		enterprise_id: '',
	},
	{
		id: '7350000000000000002',
		name: 'Personal',
		icon_url: 'https://example.invalid/ws2.png',
		role_type: 'owner',
		workspace_type: 'personal',
		enterprise_id: '',
	},
	{
		id: '7350000000000000003',
		name: 'Marketing',
		icon_url: 'https://example.invalid/ws3.png',
		role_type: 'member',
		workspace_type: 'team',
		enterprise_id: '',
	},
];

export const BOTS = {
	echo: '7400000000000000001',
	thinking: '7400000000000000002',
	tools: '7400000000000000003',
	failing: '7400000000000000004',
	errorEvent: '7400000000000000005',
	slow: '7400000000000000006',
	selfCancel: '7400000000000000007',
	draft: '7400000000000000009',
};

export const BOT_LIST = [
	{ id: BOTS.echo, name: 'Echo Bot', description: 'Repeats what you say, with follow-up suggestions', published: true },
	{ id: BOTS.thinking, name: 'Thinking Bot', description: 'Shows its reasoning before answering', published: true },
	{ id: BOTS.tools, name: 'Weather Tool Bot', description: 'Asks the caller to run get_weather', published: true },
	{ id: BOTS.failing, name: 'Failing Bot', description: 'Every chat fails (code 5000)', published: true },
	{ id: BOTS.errorEvent, name: 'Error Event Bot', description: 'Sends an error event mid-stream', published: true },
	{ id: BOTS.slow, name: 'Slow Bot', description: 'Thinks for a long time before answering', published: true },
	{ id: BOTS.selfCancel, name: 'Self-Cancelling Bot', description: 'Its chats end as canceled', published: true },
	{ id: BOTS.draft, name: 'Draft Bot', description: 'Not published to the API channel', published: false },
].map((bot) => ({ ...bot, workspace_id: WORKSPACES[0].id }));

export const WORKFLOWS = {
	echo: '7500000000000000001',
	slow: '7500000000000000002',
	failing: '7500000000000000003',
	question: '7500000000000000004',
	streamOnly: '7500000000000000005',
	bigOutput: '7500000000000000006',
	chatflow: '7500000000000000007',
	draft: '7500000000000000009',
	typed: '7500000000000000010',
};

export const WORKFLOW_LIST = [
	{ id: WORKFLOWS.echo, name: 'echo_input', description: 'Returns {"output": <input>}', published: true },
	{ id: WORKFLOWS.slow, name: 'long_report', description: 'Takes a while (for background runs)', published: true },
	{ id: WORKFLOWS.failing, name: 'always_fails', description: 'Every run fails', published: true },
	{ id: WORKFLOWS.question, name: 'ask_city', description: 'Asks which city (question node), then answers', published: true },
	{ id: WORKFLOWS.streamOnly, name: 'story_teller', description: 'Has an output node: streaming only', published: true },
	{ id: WORKFLOWS.bigOutput, name: 'big_export', description: 'Its async output is trimmed; read the output node', published: true },
	{ id: WORKFLOWS.draft, name: 'draft_flow', description: 'Never published', published: false },
	{ id: WORKFLOWS.typed, name: 'order_report', description: 'Typed start node (one input of each type); answers what it received', published: true },
	{ id: WORKFLOWS.chatflow, name: 'support_chatflow', description: 'A chat flow: answers "Chat flow says: …"', published: true, mode: 'chatflow' },
].map((workflow) => ({ mode: 'workflow', ...workflow, workspace_id: WORKSPACES[0].id }));

/** Knowledge bases in WORKSPACES[0] (routes/datasets.ts): one text, one image. */
export const DATASETS = { text: '7600000000000000001', image: '7600000000000000002' };

export const DATASET_LIST = [
	{ dataset_id: DATASETS.text, name: 'Support FAQ', description: 'Answers to common tickets', format_type: 0 },
	{ dataset_id: DATASETS.image, name: 'Product Photos', description: '', format_type: 2 },
].map((dataset) => ({ ...dataset, space_id: WORKSPACES[0].id }));

/**
 * Processed documents for the seeded knowledge bases. Not loaded by default (the engine tests expect empty knowledge
 * bases); load them with seedDatasetDocuments(sim) from routes/datasets.ts.
 */
export const DATASET_DOCUMENTS = [
	{
		document_id: '7610000000000000001',
		dataset_id: DATASETS.text,
		name: 'refund-policy.txt',
		type: 'txt',
		text: 'Refunds take 5 business days. Shipping is free above 50 EUR.',
	},
	{
		document_id: '7610000000000000002',
		dataset_id: DATASETS.text,
		name: 'https://example.com/shipping',
		type: 'html',
		url: 'https://example.com/shipping',
		text: 'Shipping: 2-4 days within the EU.',
	},
	{ document_id: '7610000000000000003', dataset_id: DATASETS.image, name: 'red-shoe.png', type: 'png', size: 20480, caption: 'A red running shoe' },
	{ document_id: '7610000000000000004', dataset_id: DATASETS.image, name: 'blue-bag.jpg', type: 'jpg', size: 30720, caption: '' },
];

/** An app (project) with user variables. */
export const APPS = { withVariables: '7442086830000000001' };

/**
 * Apps (projects) for GET /v1/apps (routes/apps.ts, docs/published_apps_list.md). `status`: published_online = published,
 * no newer draft; published_draft = published, edited since; unpublished_draft = never published. `connectors`: the
 * channels it is published to (1024 = API, 999 = Chat SDK).
 */
export const APP_LIST = [
	{
		id: APPS.withVariables,
		name: 'Membership Portal',
		description: 'Keeps a plan per member (user variables)',
		status: 'published_online',
		connectors: ['1024'],
	},
	{
		id: '7442086830000000002',
		name: 'Order Desk',
		description: 'Order look-ups for the support team',
		status: 'published_draft',
		connectors: ['1024', '999'],
	},
	{ id: '7442086830000000003', name: 'Web Widget', description: 'Only on the Chat SDK channel', status: 'published_online', connectors: ['999'] },
	{ id: '7442086830000000004', name: 'Draft Ideas', description: 'Never published', status: 'unpublished_draft', connectors: [] as string[] },
].map((app, index) => ({ ...app, workspace_id: WORKSPACES[0].id, updated_at: 1749994622 + index * 3600, folder_id: '7523161255335420001' }));

/**
 * Published versions of seeded workflows for GET /v1/workflows/:id/versions (routes/workflows.ts, docs/
 * list_workflow_version.md), oldest first. Other published workflows have one version, v0.0.1; the draft has none.
 */
export const WORKFLOW_VERSIONS: Record<string, Array<{ version: string; description: string; created_at: number }>> = {
	[WORKFLOWS.echo]: [
		{ version: 'v0.0.1', description: 'First release', created_at: 1752000000 },
		{ version: 'v0.0.2', description: 'Trims the input', created_at: 1752600000 },
		{ version: 'v0.0.3', description: 'Current release', created_at: 1755251584 },
	],
	[WORKFLOWS.typed]: [
		{ version: 'v0.0.1', description: 'Customer, count and rush only', created_at: 1752000000 },
		{ version: 'v0.0.2', description: 'Every input type', created_at: 1755000000 },
	],
};

/** A start- or end-node parameter as GET /v1/workflows/:id?include_input_output=true describes it (spec OpenAPIParameter). */
export interface WorkflowParameter {
	type: string;
	required?: boolean;
	description?: string;
	default_value?: string;
	items?: WorkflowParameter;
	properties?: Record<string, WorkflowParameter>;
}

export interface WorkflowIoSeed {
	input: { parameters: Record<string, WorkflowParameter> };
	output: { parameters: Record<string, WorkflowParameter>; terminate_plan: 'return_variables' | 'use_answer_content'; content?: string };
}

const text = (description: string, required = false, default_value = ''): WorkflowParameter => ({
	type: 'string',
	required,
	description,
	default_value,
});

/** Start and end node of the typed workflow in its first version: three inputs. */
const TYPED_V1: WorkflowIoSeed = {
	input: {
		parameters: {
			customer: text('Who ordered', true),
			count: { type: 'integer', required: true, description: 'How many pieces' },
			rush: { type: 'boolean', required: false, description: 'Ship today', default_value: 'false' },
		},
	},
	output: { terminate_plan: 'return_variables', parameters: { report: { type: 'string' }, received: { type: 'object' } } },
};

/** …and in its current version: one input of every kind Coze offers (spec OpenAPIParameter.type), required and optional. */
const TYPED_V2: WorkflowIoSeed = {
	input: {
		parameters: {
			customer: text('Who ordered', true),
			count: { type: 'integer', required: true, description: 'How many pieces' },
			price: { type: 'number', required: false, description: 'Unit price in EUR', default_value: '9.5' },
			rush: { type: 'boolean', required: false, description: 'Ship today', default_value: 'false' },
			address: {
				type: 'object',
				required: false,
				description: 'Where to ship',
				properties: { city: { type: 'string', required: true }, zip: { type: 'string', required: false } },
			},
			tags: { type: 'array', required: false, description: 'Labels for the order', items: { type: 'string' } },
			photo: { type: 'image', required: false, description: 'A photo of the item' },
			attachments: { type: 'array', required: false, description: 'Documents to file with the order', items: { type: 'file' } },
			deliver_at: { type: 'time', required: false, description: 'Delivery time, e.g. 2025-07-01 10:00:00' },
		},
	},
	output: {
		terminate_plan: 'return_variables',
		parameters: { report: { type: 'string' }, note: { type: 'string' }, total: { type: 'number' }, received: { type: 'object' } },
	},
};

/** What a plain workflow declares: one optional text input `input`, one text output `output`. */
const PLAIN_IO: WorkflowIoSeed = {
	input: { parameters: { input: text('Text to echo') } },
	output: { terminate_plan: 'return_variables', parameters: { output: { type: 'string' } } },
};

/**
 * Start and end node per workflow and published version (GET /v1/workflows/:id?include_input_output=true for the
 * latest, GET …/versions?include_input_output=true per version). The chat flow declares the two inputs of the docs'
 * example (get_workflow_info.md: CONVERSATION_NAME, USER_INPUT) plus a custom `tone`, and answers text
 * (use_answer_content).
 */
export function workflowIoOf(workflowId: string, version?: string): WorkflowIoSeed {
	if (workflowId === WORKFLOWS.typed) return version === 'v0.0.1' ? TYPED_V1 : TYPED_V2;
	if (workflowId === WORKFLOWS.chatflow) {
		return {
			input: {
				parameters: {
					CONVERSATION_NAME: { required: false, description: '', default_value: '', type: 'string' },
					USER_INPUT: { type: 'string', required: false },
					// A custom input of our own (the docs' example has none): chat flows may declare more start-node variables.
					tone: { type: 'string', required: false, description: 'How to answer, e.g. friendly or formal', default_value: 'friendly' },
				},
			},
			output: { terminate_plan: 'use_answer_content', content: 'Chat flow says: {{output}}', parameters: { output: { type: 'string' } } },
		};
	}
	return PLAIN_IO;
}

/** User variables (keyword → default value) of seeded bots and apps (routes/variables.ts). */
export const VARIABLES: Record<string, Record<string, string>> = {
	[BOTS.echo]: { city: 'Beijing', language: 'en', sys_uuid: '' },
	[APPS.withVariables]: { plan: 'free' },
};

/** System variables: readable (value = the end user's ID), never writable. */
export const SYSTEM_VARIABLES = ['sys_uuid'];
