import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionalId, requiredId } from '../../../../shared/params';
import * as v1 from '../../../actions/run.operation';
import type { WorkflowIo } from '../../helpers/inputs';
import { formInputs, shapeOutput, workflowIo } from '../../helpers/inputs';

export const meta = {
	name: 'Run Workflow',
	action: 'Run a workflow',
	description: 'Run a published workflow (streaming, sync or in the background) and get its output',
};

const inputFields: INodeProperties[] = [
	{
		displayName: 'Define Inputs',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Form', value: 'form', description: 'One field per start-node variable, read from the workflow (at the picked version)' },
			{ name: 'JSON', value: 'json', description: 'One JSON object with the start-node inputs' },
		],
		default: 'form',
	},
	{
		displayName: 'Inputs',
		name: 'inputs',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['workflowId.value', 'options.workflowVersion.value'],
			resourceMapper: {
				resourceMapperMethod: 'getWorkflowInputs',
				mode: 'add',
				fieldWords: { singular: 'input', plural: 'inputs' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description: 'Files: the name of a binary property of the input item (uploaded to Coze), a Coze file ID or a URL',
		displayOptions: { show: { inputMode: ['form'] } },
	},
];

/**
 * Version 1's Run Workflow with the inputs as a form: its fields, with Define Inputs and the form after the workflow
 * picker and the JSON box shown for Define Inputs → JSON.
 */
const typedOutputOption: INodeProperties = {
	displayName: 'Typed Output',
	name: 'typedOutput',
	type: 'boolean',
	default: true,
	description:
		"Whether to shape the output by the end node's declared variables (numbers, booleans, objects; text stays text). Reads the workflow's description once per execution.",
};

export const description: INodeProperties[] = v1.description.flatMap((field) => {
	if (field.name === 'workflowId') return [field, ...inputFields];
	if (field.name === 'parameters') return [{ ...field, displayOptions: { show: { ...field.displayOptions?.show, inputMode: ['json'] } } }];
	if (field.name === 'options') return [{ ...field, options: [...(field.options ?? []), typedOutputOption] }];
	return [field];
});

/**
 * Form inputs are checked (and file inputs uploaded) first, then version 1's run takes them as its `parameters`, so
 * both versions share one run path (modes, file inputs, app / bot, version, streaming, background).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const items =
		this.getNodeParameter('inputMode', itemIndex, 'json') === 'form'
			? await v1.execute.call(withParameter(this, 'parameters', await formInputs(this, itemIndex)), itemIndex)
			: await v1.execute.call(this, itemIndex);
	if (this.getNodeParameter('options.typedOutput', itemIndex, true) === false) return items;
	const finished = items.filter((item) => item.json.status === 'completed' && item.json.output && typeof item.json.output === 'object');
	if (finished.length === 0) return items;
	const io = await endNodeOf(this, itemIndex);
	const declared = io?.output?.terminate_plan === 'use_answer_content' ? undefined : io?.output?.parameters;
	if (!declared) return items;
	for (const item of finished) {
		const output = item.json.output as IDataObject;
		// Background runs wrap the end node's variables in {"Output": …} (docs workflow_history.md).
		const wrapped = Object.keys(output).length === 1 && output.Output && typeof output.Output === 'object' && !Array.isArray(output.Output);
		item.json.output = wrapped ? { Output: shapeOutput(declared, output.Output as IDataObject) } : shapeOutput(declared, output);
	}
	return items;
}

/** The end node of the workflow (at the picked version), read once per execution; undefined when Coze does not say. */
const endNodes = new WeakMap<object, Map<string, Promise<WorkflowIo | undefined>>>();
async function endNodeOf(ctx: IExecuteFunctions, itemIndex: number): Promise<WorkflowIo | undefined> {
	const workflowId = requiredId(ctx, 'workflowId', itemIndex, 'Workflow');
	const version = optionalId(ctx, 'options.workflowVersion', itemIndex, 'Workflow Version');
	const cache = endNodes.get(ctx) ?? new Map<string, Promise<WorkflowIo | undefined>>();
	endNodes.set(ctx, cache);
	const key = `${workflowId}@${version}`;
	if (!cache.has(key)) {
		// The run succeeded; a token without the getMetaData permission cannot read the description: keep the output as parsed.
		cache.set(
			key,
			workflowIo.call(ctx, workflowId, version, itemIndex).catch(() => undefined),
		);
	}
	return await cache.get(key);
}

/** The execution context with one parameter answered by the given value (every other call goes to the context). */
function withParameter(ctx: IExecuteFunctions, name: string, value: unknown): IExecuteFunctions {
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') {
				return (parameter: string, ...rest: unknown[]) =>
					parameter === name ? value : (target.getNodeParameter as (...args: unknown[]) => unknown).call(target, parameter, ...rest);
			}
			const member = Reflect.get(target, property, target) as unknown;
			return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
		},
	});
}
