import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from './router';

/**
 * The typed operation registry every node is moving to (issue 17; Coze Workflow v2 first): a node declares its
 * resources, each with the operations of its folder's index.ts (`export * as <op> from './<op>.operation'`), and the
 * resource and operation pickers, the subtitle, every field's display options and the router keys all come from that
 * one declaration. An operation file without `meta`, `description` or `execute` is a type error where it is declared.
 */

/** One operation: its fields, what it does per item, and how the operation picker names it. */
export interface RegisteredOperation extends Operation {
	meta: { name: string; action: string; description: string };
}

export interface RegisteredResource {
	name: string;
	description: string;
	/** The resource's operations by value (its folder's index.ts). */
	operations: Record<string, RegisteredOperation>;
}

/** Every valid resource / operation pair of a registry, e.g. { resource: 'workflow'; operation: 'getAll' }. */
export type OperationOf<R extends Record<string, RegisteredResource>> = {
	[K in keyof R & string]: { resource: K; operation: keyof R[K]['operations'] & string };
}[keyof R & string];

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** An operation's fields, shown only for its resource and operation (other show conditions kept). */
function fieldsOf(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] } },
	}));
}

/** A resource's operation picker, its operations sorted by name; the first one registered is the default. */
function operationPicker(resource: string, operations: Record<string, RegisteredOperation>): INodeProperties {
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

/**
 * What a node needs from its registry: `properties` (resource picker, one operation picker per resource, then every
 * operation's fields), `subtitle` (the picked operation's name) and `operationsByKey` (`resource.operation` → handler,
 * for the shared router).
 */
export function fromRegistry<R extends Record<string, RegisteredResource>>(
	resources: R,
	defaultResource: keyof R & string,
): { properties: INodeProperties[]; subtitle: string; operationsByKey: Record<string, Operation> } {
	const entries = Object.entries(resources) as Array<[string, RegisteredResource]>;
	const operationsByKey: Record<string, Operation> = Object.fromEntries(
		entries.flatMap(([resource, { operations }]) => Object.entries(operations).map(([operation, handler]) => [`${resource}.${operation}`, handler])),
	);
	const names = Object.fromEntries(
		entries.flatMap(([resource, { operations }]) =>
			Object.entries(operations).map(([operation, { meta }]) => [`${resource}.${operation}`, meta.name]),
		),
	);
	const subtitle = `={{ ${JSON.stringify(names)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: entries.map(([value, { name, description }]): INodePropertyOptions => ({ name, value, description })).sort(byName),
			default: defaultResource,
		},
		...entries.map(([resource, { operations }]) => operationPicker(resource, operations)),
		...entries.flatMap(([resource, { operations }]) =>
			Object.entries(operations).flatMap(([operation, { description }]) => fieldsOf(resource, operation, description)),
		),
	];
	return { properties, subtitle, operationsByKey };
}
