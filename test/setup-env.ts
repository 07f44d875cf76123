import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes its config under N8N_USER_FOLDER; keep every test run out of ~/.n8n.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-coze-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
