import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The execution context with some parameters answered by version 2 (each override gets the remaining arguments of
 * getNodeParameter: fallback, options); every other parameter and member goes to the context.
 */
export function withParameters(ctx: IExecuteFunctions, overrides: Record<string, unknown>): IExecuteFunctions {
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') {
				return (parameter: string, itemIndex: number, ...rest: unknown[]) => {
					const override = overrides[parameter] as ((...args: unknown[]) => unknown) | undefined;
					return override
						? override(...rest)
						: (target.getNodeParameter as (...args: unknown[]) => unknown).call(target, parameter, itemIndex, ...rest);
				};
			}
			const member = Reflect.get(target, property, target) as unknown;
			return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
		},
	});
}
