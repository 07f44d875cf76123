import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as v1 from '../../../actions/run.operation';
import { formInputs } from '../../helpers/inputs';

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
export const description: INodeProperties[] = v1.description.flatMap((field) => {
	if (field.name === 'workflowId') return [field, ...inputFields];
	if (field.name === 'parameters') return [{ ...field, displayOptions: { show: { ...field.displayOptions?.show, inputMode: ['json'] } } }];
	return [field];
});

/**
 * Form inputs are checked (and file inputs uploaded) first, then version 1's run takes them as its `parameters`, so
 * both versions share one run path (modes, file inputs, app / bot, version, streaming, background).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	if (this.getNodeParameter('inputMode', itemIndex, 'json') !== 'form') return await v1.execute.call(this, itemIndex);
	const parameters = await formInputs(this, itemIndex);
	return await v1.execute.call(withParameter(this, 'parameters', parameters), itemIndex);
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
