/**
 * Postgres and Redis for the queue-mode end-to-end run: installed from Debian packages when missing, each started on a
 * private port with its data in a temp folder, and stopped (in that order after n8n) even when a test fails.
 */
import type { ChildProcess } from 'child_process';
import { execFile, execFileSync, spawn } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
}

/** apt-get update + install of what is missing (redis-server, postgresql); nothing when both are there. */
export async function ensureServicePackages(): Promise<void> {
	const missing = [...(redisBin() ? [] : ['redis-server']), ...(postgresBin() ? [] : ['postgresql'])];
	if (missing.length === 0) return;
	const started = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update', '-q'], { env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
	await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
	console.log(`installed ${missing.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
	// Debian's packages start their own services on the default ports; ours run on private ports, so stop those.
	for (const service of ['redis-server', 'postgresql']) {
		await run('service', [service, 'stop']).catch(() => undefined);
	}
}

export interface Service {
	port: number;
	stop(): Promise<void>;
}

const running = new Set<() => void>();
process.once('exit', () => {
	// Last resort when jest exits without afterAll (a crash): no server outlives the run.
	for (const stop of running) stop();
});

/** As root, Postgres has to run as the postgres user; otherwise as ourselves. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Postgres with data in a temp folder, listening on 127.0.0.1:<private port> only, trust auth, one database. */
export async function startPostgres(database = 'n8n'): Promise<Service> {
	const bin = postgresBin();
	if (!bin) throw new Error('postgresql is not installed');
	const folder = mkdtempSync(join(tmpdir(), 'n8n-coze-pg-'));
	const data = join(folder, 'data');
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		chownSync(folder, uid, gid);
	}
	const port = await freePort();
	const exec = async (tool: string, args: string[], timeout = 120_000) => {
		const [file, argv] = asPostgres(join(bin, tool), args);
		return await run(file, argv, { timeout, cwd: folder });
	};
	await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
	// Only TCP on 127.0.0.1 (no Unix socket in /var/run), no durability needed for a test database.
	const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${folder}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	await exec('pg_ctl', ['-D', data, '-l', join(folder, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
	const stopSync = () => {
		try {
			const [file, argv] = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			execFileSync(file, argv, { stdio: 'ignore', timeout: 30_000 });
		} catch {
			// already stopped
		}
	};
	running.add(stopSync);
	await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', `CREATE DATABASE ${database}`], { timeout: 30_000 });
	return {
		port,
		async stop() {
			running.delete(stopSync);
			await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => stopSync());
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

/** Redis on 127.0.0.1:<private port>, no persistence (no RDB snapshots, no AOF), working folder in temp. */
export async function startRedis(): Promise<Service> {
	const bin = redisBin();
	if (!bin) throw new Error('redis-server is not installed');
	const folder = mkdtempSync(join(tmpdir(), 'n8n-coze-redis-'));
	const port = await freePort();
	const config = join(folder, 'redis.conf');
	writeFileSync(
		config,
		[`port ${port}`, 'bind 127.0.0.1', 'save ""', 'appendonly no', `dir ${folder}`, 'daemonize no', 'protected-mode yes', ''].join('\n'),
	);
	const child: ChildProcess = spawn(bin, [config], { stdio: ['ignore', 'ignore', 'inherit'] });
	const stopSync = () => child.exitCode === null && child.kill('SIGKILL');
	running.add(stopSync);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
		const reply = await ping(port).catch(() => '');
		if (reply.startsWith('+PONG')) break;
		if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 30 s');
		await sleep(100);
	}
	return {
		port,
		async stop() {
			running.delete(stopSync);
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
				stopSync();
			}
			rmSync(folder, { recursive: true, force: true });
		},
	};
}

async function ping(port: number): Promise<string> {
	const { connect } = await import('net');
	return await new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
		socket.once('error', reject);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			resolve(data.toString());
			socket.end();
		});
	});
}
