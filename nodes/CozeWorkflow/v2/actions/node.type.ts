import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
import * as chatFlow from './chatFlow';
import * as run from './run';
import * as version from './version';
import * as workflow from './workflow';

/** One operation of version 2: its fields, what it does per item, and how the operation picker names it. */
export interface OperationV2 extends Operation {
	meta: { name: string; action: string; description: string };
}

interface Resource {
	name: string;
	description: string;
	/** The resource's operations by value: each resource folder's index.ts (`export * as <value> from './<value>.operation'`). */
	operations: Record<string, OperationV2>;
}

/**
 * The one registry of Coze Workflow version 2. The resource and operation pickers, the subtitle, the fields' display
 * options and the router all come from it: adding an operation is one file in a resource folder plus one export line
 * in that folder's index.ts; an operation file without `meta`, `description` or `execute` is a type error here.
 */
export const resources = {
	workflow: { name: 'Workflow', description: 'Run a workflow, read it, list the workflows of a workspace', operations: workflow },
	run: { name: 'Run', description: 'Read a background run, one of its output nodes, or answer its question', operations: run },
	chatFlow: { name: 'Chat Flow', description: 'Talk to a published chat flow', operations: chatFlow },
	version: { name: 'Version', description: 'The published versions of a workflow', operations: version },
} satisfies Record<string, Resource>;

export type CozeWorkflowResource = keyof typeof resources;
/** Every valid resource / operation pair, e.g. { resource: 'workflow'; operation: 'getAll' }. */
export type CozeWorkflowType = {
	[R in CozeWorkflowResource]: { resource: R; operation: keyof (typeof resources)[R]['operations'] & string };
}[CozeWorkflowResource];

const entries = Object.entries(resources) as Array<[CozeWorkflowResource, Resource]>;
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Operation handlers keyed `resource.operation`, for the shared router. */
export const operationsByKey: Record<string, Operation> = Object.fromEntries(
	entries.flatMap(([resource, { operations }]) => Object.entries(operations).map(([operation, handler]) => [`${resource}.${operation}`, handler])),
);

/** The subtitle: the picked operation's name, e.g. "Run Workflow". */
export const subtitle = `={{ ${JSON.stringify(
	Object.fromEntries(
		entries.flatMap(([resource, { operations }]) =>
			Object.entries(operations).map(([operation, { meta }]) => [`${resource}.${operation}`, meta.name]),
		),
	),
)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;

/** An operation's fields, shown only for its resource and operation (other show conditions kept). */
function fieldsOf(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** A resource's operation picker, its operations sorted by name; the first one registered is the default. */
function operationPicker(resource: string, operations: Record<string, OperationV2>): INodeProperties {
	const first = Object.keys(operations)[0];
	const options = Object.entries(operations).map(([value, { meta }]): INodePropertyOptions => ({
		value,
		name: meta.name,
		action: meta.action,
		description: meta.description,
	}));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: options.sort(byName),
		default: first,
	};
}

/** Resource picker, one operation picker per resource, then every operation's fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: entries.map(([value, { name, description }]): INodePropertyOptions => ({ name, value, description })).sort(byName),
		default: 'workflow',
	},
	...entries.map(([resource, { operations }]) => operationPicker(resource, operations)),
	...entries.flatMap(([resource, { operations }]) =>
		Object.entries(operations).flatMap(([operation, { description }]) => fieldsOf(resource, operation, description)),
	),
];
