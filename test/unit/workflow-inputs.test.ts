import { convertValue, shapeOutput, startNodeFields, typeLabel, typeOfField } from '../../nodes/shared/workflowInputs';

/** The pure pieces of the start-node form (issue 20): labels, conversion of values, the output shaped by the end node. */
describe('workflow inputs as a form', () => {
	it('labels a field with its Coze type and required mark, and reads the type back', () => {
		const [count, files] = startNodeFields({
			count: { type: 'integer', required: true, default_value: '2' },
			files: { type: 'array', items: { type: 'image' } },
		});
		expect(count).toMatchObject({ id: 'count', displayName: 'count (integer, required)', required: true, type: 'number', defaultValue: 2 });
		expect(files).toMatchObject({ displayName: 'files (array of image)', required: false, type: 'string' });
		expect(typeOfField(count)).toBe('integer');
		expect(typeOfField(files)).toBe('array of image');
		expect(typeOfField({ displayName: 'legacy', type: 'boolean' })).toBe('boolean');
		expect(typeLabel({})).toBe('string');
	});

	it.each([
		['integer', '42', { value: 42 }],
		['integer', ' -7 ', { value: -7 }],
		['integer', '4.5', { error: 'a whole number' }],
		['integer', '12345678901234567890', { error: 'a whole number' }],
		['number', '3.25', { value: 3.25 }],
		['number', '', { error: 'a number' }],
		['number', '0x10', { error: 'a number' }],
		['boolean', 'true', { value: true }],
		['boolean', 'TRUE', { error: 'true or false' }],
		['object', '{"a": 1}', { value: { a: 1 } }],
		['object', [1], { error: 'an object (or its JSON text)' }],
		['array', '[1, "b"]', { value: [1, 'b'] }],
		['array of integer', ['1', 2], { value: [1, 2] }],
		['array of integer', ['x'], { error: 'a list of integer (entry 0 is not a whole number)' }],
		['array of image', ['data', 'https://x/y.png'], { value: [{ file: 'data' }, { file: 'https://x/y.png' }] }],
		['image', ' photo ', { file: 'photo' }],
		['string', 12, { value: '12' }],
		['string', { a: 1 }, { error: 'text' }],
		['time', '2025-07-01 10:00:00', { value: '2025-07-01 10:00:00' }],
	])('%s ← %j', (label, value, expected) => {
		expect(convertValue(label, value)).toEqual(expected);
	});

	it('shapes the output by the declared end-node variables only', () => {
		const declared = {
			note: { type: 'string' },
			total: { type: 'number' },
			flag: { type: 'boolean' },
			nested: { type: 'object', properties: { n: { type: 'integer' } } },
			list: { type: 'array', items: { type: 'number' } },
		};
		expect(shapeOutput(declared, { note: { rush: true }, total: '28.5', flag: 'false', nested: { n: '3' }, list: ['1', 2], other: '7' })).toEqual({
			note: '{"rush":true}',
			total: 28.5,
			flag: false,
			nested: { n: 3 },
			list: [1, 2],
			other: '7',
		});
		expect(shapeOutput(undefined, { a: '1' })).toEqual({ a: '1' });
		expect(shapeOutput({ total: { type: 'number' } }, { total: 'n/a' })).toEqual({ total: 'n/a' });
	});
});
