import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { booleanParameter, collectionParameter, optionParameter } from '../../nodes/shared/params';
import type { RegisteredOperation } from '../../nodes/shared/registry';
import { fromRegistry } from '../../nodes/shared/registry';

/**
 * The typed operation registry (shared/registry.ts) and the router it feeds (shared/router.ts), directly: pickers,
 * defaults, display options, subtitle, routing by resource.operation with no fallback, Studio refusals by the
 * operation's meta; and the parameter readers the operations use (shared/params.ts).
 */

const NODE: INode = {
	id: 'n1',
	name: 'Coze Test',
	type: 'n8n-nodes-coze-api.cozeTest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { cozeApi: { id: 'c1', name: 'Coze' } },
};

function operation(name: string, fields: INodeProperties[] = [], studio?: boolean): RegisteredOperation {
	return {
		meta: { name, action: `${name} a thing`, ...(studio ? { studio } : {}) },
		description: fields,
		execute: async function (this: IExecuteFunctions, itemIndex: number) {
			return [{ json: { ran: name, itemIndex } }];
		},
	};
}

const text = (name: string, show: Record<string, string[]> = {}): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
	...(Object.keys(show).length ? { displayOptions: { show } } : {}),
});

/** An execute context over stored parameters, items and a credential (region / server as given). */
function context(parameters: IDataObject, items = 1, credentials: IDataObject = { region: 'cn' }) {
	const node = { ...NODE, parameters };
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => {
			let value: unknown = parameters;
			for (const key of name.split('.')) value = (value as IDataObject | undefined)?.[key];
			return value === undefined ? fallback : value;
		},
		getInputData: () => Array.from({ length: items }, () => ({ json: {} })),
		continueOnFail: () => false,
		getCredentials: async () => credentials,
	} as unknown as IExecuteFunctions;
}

describe('registry (shared/registry.ts)', () => {
	const resources = {
		message: {
			name: 'Message',
			description: 'Messages',
			operations: { create: operation('Create', [text('content')], true), getAll: operation('Get Many') },
		},
		conversation: { name: 'Conversation', description: 'Conversations', operations: { get: operation('Get', [text('conversationId')]) } },
	};

	it('builds Authentication, a sorted Resource picker, one operation picker per resource and fields shown for their pair', () => {
		const { properties, subtitle } = fromRegistry(resources, 'conversation', { defaultOperations: { message: 'getAll' } });
		expect(properties.map((property) => property.name)).toEqual([
			'authentication',
			'resource',
			'operation',
			'operation',
			'content',
			'conversationId',
		]);
		expect(properties[1]).toMatchObject({ default: 'conversation', options: [{ value: 'conversation' }, { value: 'message' }] });
		expect(properties[2]).toMatchObject({ displayOptions: { show: { resource: ['message'] } }, default: 'getAll' });
		expect(properties[2].options?.map((option) => (option as { name: string }).name)).toEqual(['Create', 'Get Many']);
		expect(properties[3]).toMatchObject({ default: 'get' });
		expect(properties[4].displayOptions).toEqual({ show: { resource: ['message'], operation: ['create'] } });
		expect(subtitle).toBe(
			'={{ {"message.create":"Create","message.getAll":"Get Many","conversation.get":"Get"}[$parameter["resource"] + "." + $parameter["operation"]] }}',
		);
	});

	it('keeps other show conditions of a field and adds its pair', () => {
		const { properties } = fromRegistry(
			{ bot: { name: 'Bot', description: '', operations: { getAll: operation('Get Many', [text('limit', { returnAll: ['false'] })]) } } },
			'bot',
		);
		expect(properties.at(-1)?.displayOptions).toEqual({ show: { returnAll: ['false'], resource: ['bot'], operation: ['getAll'] } });
	});

	it('without a Resource picker: no resource parameter, fields shown by operation only, subtitle by operation', () => {
		const { properties, subtitle } = fromRegistry(
			{ chat: { name: 'Chat', description: '', operations: { send: operation('Send', [text('query')]) } } },
			'chat',
			{
				resourcePicker: false,
			},
		);
		expect(properties.map((property) => property.name)).toEqual(['authentication', 'operation', 'query']);
		expect(properties[1].displayOptions).toBeUndefined();
		expect(properties[2].displayOptions).toEqual({ show: { operation: ['send'] } });
		expect(subtitle).toBe('={{ {"send":"Send"}[$parameter["operation"]] }}');
		expect(() => fromRegistry(resources, 'message', { resourcePicker: false })).toThrow('exactly one resource');
	});
});

describe('router (shared/router.ts, through a registry)', () => {
	const registry = fromRegistry(
		{
			message: { name: 'Message', description: '', operations: { create: operation('Create', [], true), getAll: operation('Get Many') } },
		},
		'message',
	);
	const single = fromRegistry({ chat: { name: 'Chat', description: '', operations: { send: operation('Send Message') } } }, 'chat', {
		resourcePicker: false,
	});

	it('routes resource.operation for every item, pairing each', async () => {
		const [out] = await registry.execute.call(context({ resource: 'message', operation: 'create' }, 2));
		expect(out).toEqual([
			{ json: { ran: 'Create', itemIndex: 0 }, pairedItem: { item: 0 } },
			{ json: { ran: 'Create', itemIndex: 1 }, pairedItem: { item: 1 } },
		]);
	});

	it('reads a node without a Resource picker as its one resource (stored workflows have no resource parameter)', async () => {
		const [out] = await single.execute.call(context({ operation: 'send' }));
		expect(out[0].json).toEqual({ ran: 'Send Message', itemIndex: 0 });
	});

	it('an unknown pair is an error naming it, never another operation', async () => {
		await expect(registry.execute.call(context({ resource: 'message', operation: 'send' }))).rejects.toThrow(
			'The operation "message.send" is not supported',
		);
		await expect(registry.execute.call(context({ resource: 'bot', operation: 'create' }))).rejects.toThrow(
			'The operation "bot.create" is not supported',
		);
	});

	it("on Coze Studio, refuses what the operation's meta does not mark as served, naming it as the menus do", async () => {
		const studio = { region: 'custom', server: 'studio', baseUrl: 'http://127.0.0.1:1' };
		await expect(registry.execute.call(context({ resource: 'message', operation: 'getAll' }, 1, studio))).rejects.toThrow(
			'"Message → Get Many" is not available on Coze Studio',
		);
		const [served] = await registry.execute.call(context({ resource: 'message', operation: 'create' }, 1, studio));
		expect(served[0].json.ran).toBe('Create');
		await expect(single.execute.call(context({ operation: 'send' }, 1, studio))).rejects.toThrow('"Send Message" is not available on Coze Studio');
	});
});

describe('parameter readers (shared/params.ts)', () => {
	const reader = (parameters: IDataObject) => context(parameters);

	it('options: only the values the field offers', () => {
		expect(optionParameter(reader({ format: 'mp3' }), 'format', 0, 'Format', ['mp3', 'wav'], 'wav')).toBe('mp3');
		expect(optionParameter(reader({}), 'format', 0, 'Format', ['mp3', 'wav'], 'wav')).toBe('wav');
		expect(() => optionParameter(reader({ format: 'ogg' }), 'format', 0, 'Format', ['mp3', 'wav'], 'wav')).toThrow(
			'Format must be one of "mp3", "wav", got "ogg"',
		);
	});

	it('booleans: true / false and their text, nothing else', () => {
		expect(booleanParameter(reader({ wait: 'true' }), 'wait', 0, 'Wait', false)).toBe(true);
		expect(booleanParameter(reader({}), 'wait', 0, 'Wait', false)).toBe(false);
		expect(() => booleanParameter(reader({ wait: 'yes' }), 'wait', 0, 'Wait', false)).toThrow('Wait must be true or false, got "yes"');
	});

	it('collections: an object, {} when unset, a clear error otherwise', () => {
		expect(collectionParameter(reader({ options: { concurrency: 3 } }), 'options', 0)).toEqual({ concurrency: 3 });
		expect(collectionParameter(reader({}), 'options', 0)).toEqual({});
		expect(() => collectionParameter(reader({ filters: 'x' }), 'filters', 0)).toThrow('filters must be a collection of fields, got "x"');
	});
});
