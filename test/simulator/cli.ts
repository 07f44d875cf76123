import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { startSimulator } from './index';

/**
 * `npm run simulator`: a Coze simulator on 127.0.0.1 (SIM_PORT or --port, default 8555) until Ctrl+C; `--studio` (or
 * SIM_PROFILE=studio) serves it as a self-hosted Coze Studio (studio.ts).
 */
async function main() {
	const portArg = process.argv.indexOf('--port');
	const port = Number(portArg > -1 ? process.argv[portArg + 1] : (process.env.SIM_PORT ?? 8555));
	const sim = await startSimulator({
		port,
		ssePacingMs: Number(process.env.SIM_PACING_MS ?? 30),
		chatLatencyMs: Number(process.env.SIM_CHAT_LATENCY_MS ?? 0),
		profile: process.argv.includes('--studio') || process.env.SIM_PROFILE === 'studio' ? 'studio' : 'coze',
	});
	const keyPath = join(tmpdir(), `coze-sim-jwt-${sim.port}.pem`);
	writeFileSync(keyPath, sim.jwtKeys.privateKeyPem, { mode: 0o600 });
	console.log(`Coze ${sim.profile === 'studio' ? 'Studio ' : ''}simulator listening on ${sim.url}`);
	console.log(`  PAT:              ${sim.patTokens[0]}`);
	console.log(`  OAuth client id:  ${sim.oauthClient.clientId}`);
	console.log(`  JWT app id:       ${sim.jwtKeys.appId}`);
	console.log(`  JWT public key id ${sim.jwtKeys.publicKeyId}`);
	console.log(`  JWT private key:  ${keyPath}`);
	const stop = async () => {
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
