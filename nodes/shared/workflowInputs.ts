import type {
	FieldType,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperFields,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { uploadBinaryProperty } from './files';
import { currentId, currentParameter, idText, optionParameter, parameterOf } from './params';
import type { CozeContext } from './transport';
import { cozeApiData } from './transport';

/**
 * Start-node inputs as a form (issue 20). Coze describes a workflow's start node in GET /v1/workflows/:id
 * ?include_input_output=true (docs get_workflow_info.md: `input.parameters`, a map of name → {type, required,
 * description, default_value, items, properties}) and, per published version, in GET /v1/workflows/:id/versions
 * ?include_input_output=true (docs list_workflow_version.md). Parameter types: spec OpenAPIParameter.type.
 */

/** The Define Inputs switch and the form (resource mapper) of a node that starts a workflow or chat flow. */
export function inputFormFields(options: {
	/** The loadOptions method that reads the start node (getWorkflowInputs or getChatFlowInputs). */
	method: 'getWorkflowInputs' | 'getChatFlowInputs';
	/** Parameters whose change reloads the form (the workflow, and the version picker where there is one). */
	dependsOn: string[];
	formDescription: string;
	jsonDescription: string;
	inputsDescription: string;
	/** Form for new nodes; JSON where stored nodes predate the form and must keep their behaviour. */
	defaultMode: 'form' | 'json';
	supportAutoMap: boolean;
	/** Extra conditions of both fields (e.g. hidden in a mode that starts nothing). */
	hide?: Record<string, string[]>;
}): INodeProperties[] {
	const hide = options.hide ? { hide: options.hide } : {};
	const { defaultMode } = options;
	return [
		{
			displayName: 'Define Inputs',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Form', value: 'form', description: options.formDescription },
				{ name: 'JSON', value: 'json', description: options.jsonDescription },
			],
			default: defaultMode,
			...(options.hide ? { displayOptions: hide } : {}),
		},
		{
			displayName: 'Inputs',
			name: 'inputs',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			typeOptions: {
				loadOptionsDependsOn: options.dependsOn,
				resourceMapper: {
					resourceMapperMethod: options.method,
					mode: 'add',
					fieldWords: { singular: 'input', plural: 'inputs' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: options.supportAutoMap,
				},
			},
			description: options.inputsDescription,
			displayOptions: { show: { inputMode: ['form'] }, ...hide },
		},
	];
}

/** One start-node (or end-node) parameter as Coze describes it. */
export interface CozeParameter {
	type?: string;
	required?: boolean;
	description?: string;
	default_value?: string;
	items?: CozeParameter;
	properties?: Record<string, CozeParameter>;
}

/** The start node's inputs and the end node's outputs of one workflow version. */
export interface WorkflowIo {
	input?: { parameters?: Record<string, CozeParameter> };
	output?: { parameters?: Record<string, CozeParameter>; terminate_plan?: string; content?: string };
}

/** Coze's file types (spec OpenAPIParameter.type): the value is a file ID (`{"file_id": …}`) or a URL (workflow_run.md). */
export const FILE_TYPES = new Set(['file', 'image', 'svg', 'audio', 'video', 'voice', 'doc', 'ppt', 'excel', 'txt', 'code', 'zip']);

/** The type as the form shows it: `integer`, `image`, `array of image`, `object`. */
export function typeLabel(parameter: CozeParameter): string {
	const type = String(parameter.type ?? 'string').toLowerCase();
	if (type === 'array' && parameter.items?.type) return `array of ${String(parameter.items.type).toLowerCase()}`;
	return type;
}

/** The label's type back from a form field (`count (integer, required)` → `integer`); n8n's field type where there is none. */
export function typeOfField(field: Pick<ResourceMapperField, 'displayName' | 'type'>): string {
	const match = / \(((?:array of )?[a-z]+)(?:, required)?\)$/.exec(field.displayName ?? '');
	return match ? match[1] : (field.type ?? 'string');
}

function fieldTypeOf(label: string): FieldType {
	if (label === 'integer' || label === 'number') return 'number';
	if (label === 'boolean' || label === 'object') return label;
	if (label.startsWith('array')) return label === 'array' || !FILE_TYPES.has(label.slice('array of '.length)) ? 'array' : 'string';
	return 'string';
}

function defaultOf(parameter: CozeParameter): string | number | boolean | null {
	const text = parameter.default_value;
	if (text === undefined || text === null || text === '') return null;
	const converted = convertValue(typeLabel(parameter), text);
	if (!('value' in converted) || typeof converted.value === 'object') return String(text);
	return converted.value as string | number | boolean;
}

/**
 * The form fields for a start node: one per variable, labelled with its type and, when Coze marks it required,
 * "required" (n8n's mapper shows no asterisk; it only keeps required fields from being removed); defaults from Coze.
 */
export function startNodeFields(parameters: Record<string, CozeParameter> | undefined): ResourceMapperField[] {
	return Object.entries(parameters ?? {}).map(([name, parameter]) => {
		const label = typeLabel(parameter);
		const defaultValue = defaultOf(parameter);
		return {
			id: name,
			displayName: `${name} (${label}${parameter.required === true ? ', required' : ''})`,
			required: parameter.required === true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: fieldTypeOf(label),
			...(defaultValue !== null ? { defaultValue } : {}),
		};
	});
}

/**
 * The start and end node of a workflow: of the picked published version (GET …/versions, paged until found) or of
 * the latest (GET /v1/workflows/:id).
 */
export async function workflowIo(this: CozeContext, workflowId: string, version: string, itemIndex = 0): Promise<WorkflowIo> {
	const id = encodeURIComponent(workflowId);
	if (!version) {
		return (await cozeApiData.call(this, {
			method: 'GET',
			path: `/v1/workflows/${id}`,
			qs: { include_input_output: true },
			itemIndex,
		})) as WorkflowIo;
	}
	let pageToken = '';
	for (let page = 0; page < 100; page++) {
		const qs: IDataObject = { include_input_output: true, publish_status: 'published_online', page_size: 30 };
		if (pageToken) qs.page_token = pageToken;
		const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/workflows/${id}/versions`, qs, itemIndex });
		const found = ((data.items as IDataObject[] | undefined) ?? []).find((item) => String(item.version) === version);
		if (found) return found as WorkflowIo;
		if (data.has_more !== true || !data.next_page_token) break;
		pageToken = String(data.next_page_token);
	}
	throw new NodeOperationError(this.getNode(), `Workflow ${workflowId} has no published version ${version}`, {
		itemIndex,
		description: 'Pick the version from the list in Workflow Version, or leave it empty for the latest.',
	});
}

/** resourceMapper method: the picked workflow's start-node variables (at the picked version) as form fields. */
export async function getWorkflowInputs(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await startNodeForm(this, []);
}

/**
 * Chat flows fill two start-node variables themselves: USER_INPUT from the message and CONVERSATION_NAME from the
 * conversation (the docs' example start node, get_workflow_info.md); the form shows the others.
 */
export const CHAT_FLOW_SYSTEM_INPUTS = ['USER_INPUT', 'CONVERSATION_NAME'];

/** resourceMapper method for Chat With Chat Flow: the chat flow's own start-node variables. */
export async function getChatFlowInputs(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await startNodeForm(this, CHAT_FLOW_SYSTEM_INPUTS);
}

async function startNodeForm(ctx: ILoadOptionsFunctions, leaveOut: string[]): Promise<ResourceMapperFields> {
	const workflowId = currentId(ctx, 'workflowId', 'Workflow');
	if (!/^\d+$/.test(workflowId)) return { fields: [], emptyFieldsNotice: 'Choose the workflow first: its start-node inputs appear here' };
	let version = '';
	try {
		// Run Workflow has the version next to the workflow; Chat With Chat Flow under Options.
		version = idText(ctx, currentParameter(ctx, 'workflowVersion') ?? currentParameter(ctx, 'options.workflowVersion'), 'Workflow Version', 0);
	} catch {
		version = ''; // an expression the editor cannot resolve yet: show the latest version's inputs
	}
	const io = await workflowIo.call(ctx, workflowId, version);
	const fields = startNodeFields(io.input?.parameters).filter((field) => !leaveOut.includes(field.id));
	return { fields, emptyFieldsNotice: "This workflow's start node has no inputs" };
}

type Converted = { value: unknown } | { error: string } | { file: string };

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function parseJsonText(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * One value for a start-node variable of the given type. Text from expressions becomes a number or boolean where that
 * is unambiguous ("42", "3.5", "true"); objects and lists may come as JSON text. File types give a reference to
 * resolve (binary property, file ID or URL). Anything else is an error naming what was expected.
 */
export function convertValue(label: string, value: unknown): Converted {
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (label.startsWith('array of ') || label === 'array') {
		const list = Array.isArray(value) ? value : text?.startsWith('[') ? parseJsonText(text) : undefined;
		if (!Array.isArray(list)) return { error: 'a list (or its JSON text)' };
		if (label === 'array') return { value: list };
		const itemLabel = label.slice('array of '.length);
		const converted: unknown[] = [];
		for (const [index, entry] of list.entries()) {
			const one = convertValue(itemLabel, entry);
			if ('error' in one) return { error: `a list of ${itemLabel} (entry ${index} is not ${one.error})` };
			converted.push('file' in one ? { file: one.file } : one.value);
		}
		return { value: converted };
	}
	if (FILE_TYPES.has(label)) {
		if (text) return { file: text };
		return { error: 'the name of a binary property of the item, a file ID or a URL' };
	}
	switch (label) {
		case 'integer':
		case 'number': {
			const number = typeof value === 'number' ? value : text && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
			if (!Number.isFinite(number)) return { error: label === 'integer' ? 'a whole number' : 'a number' };
			if (label === 'integer' && !Number.isSafeInteger(number)) return { error: 'a whole number' };
			return { value: number };
		}
		case 'boolean': {
			if (typeof value === 'boolean') return { value };
			if (text === 'true' || text === 'false') return { value: text === 'true' };
			return { error: 'true or false' };
		}
		case 'object': {
			const object = typeof value === 'object' ? value : text?.startsWith('{') ? parseJsonText(text) : undefined;
			if (!object || typeof object !== 'object' || Array.isArray(object)) return { error: 'an object (or its JSON text)' };
			return { value: object };
		}
		default: {
			// string, time and types Coze may add later: text. A number or boolean from an expression is its text.
			if (typeof value === 'string') return { value };
			if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
			return { error: 'text' };
		}
	}
}

const describe = (value: unknown) => {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * The form's values for one item, checked against the start node before any request: a missing required input or a
 * value of the wrong type fails the item naming the variable, the type and the item. File inputs are then uploaded
 * from the item's binary properties (or passed as file ID / URL) as `{"file_id": …}` (docs workflow_run.md).
 */
export async function formInputs(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mapper = (parameterOf(ctx, 'inputs', itemIndex, {}) ?? {}) as Partial<ResourceMapperValue>;
	const item = ctx.getInputData()[itemIndex] ?? { json: {} };
	const source = (mapper.mappingMode === 'autoMapInputData' ? item.json : (mapper.value ?? {})) as IDataObject;
	const { parameters, files } = checkedFormValues(ctx.getNode(), mapper, source, item.binary ?? {}, itemIndex);
	for (const file of files) {
		if (file.kind === 'binary') file.set(JSON.stringify({ file_id: (await uploadBinaryProperty(ctx, itemIndex, file.ref)).id }));
		else if (file.kind === 'fileId') file.set(JSON.stringify({ file_id: file.ref }));
		else file.set(file.ref);
	}
	return parameters;
}

/** The form's values where there is no input item (the Workflow Trigger's runs): file inputs take a file ID or a URL. */
export function formInputsWithoutItem(node: INode, mapper: Partial<ResourceMapperValue>): IDataObject {
	const { parameters, files } = checkedFormValues(node, mapper, (mapper.value ?? {}) as IDataObject, {}, 0);
	for (const file of files) file.set(file.kind === 'fileId' ? JSON.stringify({ file_id: file.ref }) : file.ref);
	return parameters;
}

interface FileInput {
	name: string;
	label: string;
	ref: string;
	kind: 'binary' | 'fileId' | 'asIs' | 'unknown';
	set: (value: string) => void;
}

/** Every mapped value checked and converted (no request); file inputs returned to resolve. Throws naming the input. */
function checkedFormValues(
	node: INode,
	mapper: Partial<ResourceMapperValue>,
	source: IDataObject,
	binary: IDataObject,
	itemIndex: number,
): { parameters: IDataObject; files: FileInput[] } {
	const fail = (message: string, description?: string) => new NodeOperationError(node, `${message} [item ${itemIndex}]`, { itemIndex, description });
	const parameters: IDataObject = {};
	const files: FileInput[] = [];
	const addFile = (name: string, label: string, ref: string, set: (value: string) => void) =>
		files.push({ name, label, ref, set, kind: fileKind(ref, binary) });
	for (const field of mapper.schema ?? []) {
		if (field.removed) continue;
		const label = typeOfField(field);
		const value = source[field.id];
		if (isEmpty(value)) {
			if (field.required)
				throw fail(`The workflow input "${field.id}" (${label}) is required`, 'It is empty for this item. Map a value to it in Inputs.');
			continue;
		}
		const converted = convertValue(label, value);
		if ('error' in converted) {
			throw fail(`The workflow input "${field.id}" (${label}) expects ${converted.error}, got ${describe(value)}`);
		}
		if ('file' in converted) {
			addFile(field.id, label, converted.file, (ref) => (parameters[field.id] = ref));
			continue;
		}
		// A list is copied: it may be the stored one, shared by every item (params.ts parameterOf), and gets file IDs.
		const list = Array.isArray(converted.value) ? [...(converted.value as unknown[])] : undefined;
		parameters[field.id] = (list ?? converted.value) as IDataObject[string];
		if (list) {
			list.forEach((entry, index) => {
				if (entry && typeof entry === 'object' && 'file' in (entry as IDataObject) && Object.keys(entry as IDataObject).length === 1) {
					addFile(`${field.id}[${index}]`, label, String((entry as IDataObject).file), (ref) => (list[index] = ref));
				}
			});
		}
	}
	const unknown = files.find((file) => file.kind === 'unknown');
	if (unknown) {
		throw fail(
			`The workflow input "${unknown.name}" (${unknown.label}) expects the name of a binary property of the item, a file ID or a URL, got ${describe(unknown.ref)}`,
			`The item has binary properties: ${Object.keys(binary).join(', ') || 'none'}.`,
		);
	}
	return { parameters, files };
}

/** What a file input's text refers to: a binary property of the item, a Coze file ID, a URL or `{"file_id":…}` text. */
function fileKind(ref: string, binary: IDataObject): 'binary' | 'fileId' | 'asIs' | 'unknown' {
	if (binary[ref]) return 'binary';
	if (/^https?:\/\//i.test(ref)) return 'asIs';
	if (/^\d+$/.test(ref)) return 'fileId';
	const parsed = ref.startsWith('{') ? parseJsonText(ref) : undefined;
	if (parsed && typeof parsed === 'object' && 'file_id' in (parsed as IDataObject)) return 'asIs';
	return 'unknown';
}

/** One output value as the end node declares it: text stays text, numbers and booleans given as text are converted. */
function shapeValue(parameter: CozeParameter, value: unknown): unknown {
	const type = String(parameter.type ?? '').toLowerCase();
	if (type === 'string' || type === 'time') return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
	if (['integer', 'number', 'boolean', 'object', 'array'].includes(type)) {
		const converted = convertValue(type, value);
		if ('value' in converted) {
			if (type === 'object' && parameter.properties && converted.value && typeof converted.value === 'object') {
				return shapeOutput(parameter.properties, converted.value as IDataObject);
			}
			if (type === 'array' && parameter.items && Array.isArray(converted.value)) {
				return converted.value.map((entry) => shapeValue(parameter.items as CozeParameter, entry));
			}
			return converted.value;
		}
	}
	return value;
}

/**
 * The run's output shaped by the end node's declared output parameters (docs get_workflow_info.md, `output.parameters`):
 * each declared variable gets its type (numbers and booleans from text, objects and lists from JSON text, text kept as
 * text even when it looks like JSON); variables the end node does not declare are left as they are.
 */
export function shapeOutput(declared: Record<string, CozeParameter> | undefined, output: IDataObject): IDataObject {
	const shaped: IDataObject = { ...output };
	for (const [name, parameter] of Object.entries(declared ?? {})) {
		if (shaped[name] !== undefined && shaped[name] !== null) shaped[name] = shapeValue(parameter, shaped[name]) as IDataObject[string];
	}
	return shaped;
}

/** The form's values (as formInputs) when Define Inputs is Form; undefined when the inputs are given as JSON. */
export async function formInputsIfPicked(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject | undefined> {
	const mode = optionParameter(ctx, 'inputMode', itemIndex, 'Define Inputs', ['form', 'json'], 'json');
	return mode === 'form' ? await formInputs(ctx, itemIndex) : undefined;
}
