import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField, workflowVersionLocator } from '../../../../shared/descriptions';
import { booleanParameter, optionalId, parameterOf, requiredId } from '../../../../shared/params';
import type { WorkflowIo } from '../../../../shared/workflowInputs';
import { formInputsIfPicked, inputFormFields, shapeOutput, workflowIo } from '../../../../shared/workflowInputs';
import * as v1 from '../../../v1/actions/workflow/run.operation';

export const meta = {
	name: 'Run Workflow',
	action: 'Run a workflow',
	description: 'Run a published workflow (streaming, sync or in the background) and get its output',
	studio: true,
};

/** Version 1's version picker (under Options there), shown next to the workflow in version 2: the form depends on it. */
const versionField = workflowVersionLocator(
	"Run a specific published version instead of the latest; the form shows that version's inputs (Coze honours it for library workflows only)",
);

const inputFields: INodeProperties[] = [
	versionField,
	...inputFormFields({
		method: 'getWorkflowInputs',
		dependsOn: ['workflowId.value', 'workflowVersion.value'],
		formDescription: 'One field per start-node variable, read from the workflow (at the picked version)',
		jsonDescription: 'One JSON object with the start-node inputs',
		inputsDescription: 'Files: the name of a binary property of the input item (uploaded to Coze), a Coze file ID or a URL',
		defaultMode: 'form',
		supportAutoMap: true,
	}),
];

const typedOutputOption: INodeProperties = {
	displayName: 'Typed Output',
	name: 'typedOutput',
	type: 'boolean',
	default: true,
	description:
		"Whether to shape the output by the end node's declared variables (numbers, booleans, objects; text stays text). Reads the workflow's description once per execution.",
};

/**
 * Version 1's Run Workflow with the inputs as a form: its fields, with the version picker, Define Inputs and the form
 * after the workflow picker, the JSON box shown for Define Inputs → JSON, and Typed Output under Options.
 */
export const description: INodeProperties[] = v1.description.flatMap((field) => {
	if (field.name === 'workflowId') return [field, ...inputFields];
	if (field.name === 'parameters') return [{ ...field, displayOptions: { show: { ...field.displayOptions?.show, inputMode: ['json'] } } }];
	if (field.name === 'options') return [optionsField([...v1.runOptions, typedOutputOption])];
	return [field];
});

/**
 * Version 1's run with version 2's inputs: the version picker next to the workflow (version 1 reads it under
 * Options), and the form's values, checked and with files uploaded, as version 1's Parameters (JSON). Both versions so
 * share one run path (modes, file inputs, app / bot, streaming, background); the output is then typed by the end node.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowVersion = optionalId(this, 'workflowVersion', itemIndex, 'Workflow Version');
	const parameters = (await formInputsIfPicked(this, itemIndex)) ?? parameterOf(this, 'parameters', itemIndex, '{}');
	const items = await v1.runWith(this, itemIndex, { parameters, workflowVersion });
	if (!booleanParameter(this, 'options.typedOutput', itemIndex, 'Typed Output', true)) return items;
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
	const version = optionalId(ctx, 'workflowVersion', itemIndex, 'Workflow Version');
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
