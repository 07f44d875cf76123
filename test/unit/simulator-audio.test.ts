import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { PENDING_VOICE, SEED_VOICES, embeddedText, voicesOf } from '../simulator/routes/audio';

/**
 * The audio routes answer requests shaped the way the official SDKs send them (coze-js src/resources/audio,
 * coze-py cozepy/audio), including where the SDKs go beyond the doc and the spec.
 */
describe('Coze simulator: audio requests as the official SDKs send them', () => {
	let sim: Simulator;
	let auth: Record<string, string>;

	beforeAll(async () => {
		sim = await startSimulator();
		auth = { Authorization: `Bearer ${sim.patTokens[0]}` };
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	const post = async (path: string, body: unknown) =>
		await fetch(`${sim.url}${path}`, {
			method: 'POST',
			headers: body instanceof FormData ? auth : { ...auth, 'Content-Type': 'application/json' },
			body: body instanceof FormData ? body : JSON.stringify(body),
		});

	it('speech.create (coze-js / coze-py: input, voice_id, response_format, speed, sample_rate) answers audio bytes', async () => {
		const response = await post('/v1/audio/speech', {
			input: '你好呀',
			voice_id: SEED_VOICES[0].voice_id,
			response_format: 'wav',
			speed: 1,
			sample_rate: 24000,
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('audio/wav');
		expect(response.headers.get('x-tt-logid')).toMatch(/^\d{14}/);
		const wav = Buffer.from(await response.arrayBuffer());
		expect(wav.readUInt32LE(24)).toBe(24000);
		expect(embeddedText(wav)).toBe('你好呀');
		expect(sim.contractViolations()).toEqual([]);

		const failed = await post('/v1/audio/speech', { input: 'x', voice_id: PENDING_VOICE.voice_id });
		expect(failed.headers.get('content-type')).toContain('application/json');
		expect(await failed.json()).toMatchObject({ code: 4000, msg: expect.stringMatching(/not cloned/), detail: { logid: expect.any(String) } });
	});

	it('transcriptions.create (multipart part "file") and voices.clone (coze-js toFormData, with description)', async () => {
		const speech = Buffer.from(
			await (
				await post('/v1/audio/speech', { input: 'clone me', voice_id: SEED_VOICES[0].voice_id, response_format: 'mp3', sample_rate: 24000 })
			).arrayBuffer(),
		);
		const transcription = new FormData();
		transcription.append('file', new Blob([speech], { type: 'audio/mpeg' }), 'clip.mp3');
		expect(await (await post('/v1/audio/transcriptions', transcription)).json()).toMatchObject({ code: 0, data: { text: 'clone me' } });

		const clone = new FormData();
		clone.append('voice_name', 'SDK voice');
		clone.append('file', new Blob([speech], { type: 'audio/mpeg' }), 'clip.mp3');
		clone.append('audio_format', 'mp3');
		clone.append('description', 'made by coze-js');
		const cloned = (await (await post('/v1/audio/voices/clone', clone)).json()) as { code: number; data: { voice_id: string } };
		expect(cloned.code).toBe(0);
		expect(voicesOf(sim).get(cloned.data.voice_id)).toMatchObject({ name: 'SDK voice', description: 'made by coze-js', state: 'cloned' });
		// `description` is in neither the doc nor the spec: the contract check notes it, the route accepts it.
		expect(sim.contractViolations()).toEqual(['POST /v1/audio/voices/clone: multipart part description is not in the spec']);
	});

	it("voices.list (coze-py sends filter_system_voice=False, Python's spelling)", async () => {
		const response = await fetch(`${sim.url}/v1/audio/voices?filter_system_voice=False&page_num=1&page_size=2`, { headers: auth });
		const body = (await response.json()) as { code: number; data: { voice_list: Array<{ voice_id: string }>; has_more: boolean } };
		expect(body.code).toBe(0);
		expect(body.data.voice_list.map((v) => v.voice_id)).toEqual(SEED_VOICES.slice(0, 2).map((v) => v.voice_id));
		expect(body.data.has_more).toBe(true);
		const custom = await fetch(`${sim.url}/v1/audio/voices?filter_system_voice=True&voice_state=all`, { headers: auth });
		expect(((await custom.json()) as { data: { voice_list: Array<{ voice_id: string }> } }).data.voice_list.map((v) => v.voice_id)).toEqual([
			PENDING_VOICE.voice_id,
		]);
	});
});
