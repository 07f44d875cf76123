import { writeFileSync } from 'fs';
import { Session } from 'inspector';

/**
 * With BENCH_PROFILE=<file>, records a V8 CPU profile of `fn` only (open it in Chrome DevTools → Performance, or
 * summarise self/inclusive times per function); otherwise just runs `fn`.
 */
export async function profiled<T>(fn: () => Promise<T>): Promise<T> {
	const file = process.env.BENCH_PROFILE;
	if (!file) return await fn();
	const session = new Session();
	session.connect();
	const post = async (method: string, params?: object) =>
		await new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	try {
		return await fn();
	} finally {
		const { profile } = (await post('Profiler.stop')) as { profile: unknown };
		writeFileSync(file, JSON.stringify(profile));
		session.disconnect();
	}
}
