import { createVerify } from 'crypto';

export interface JwtCheck {
	ok: boolean;
	error?: string;
	claims?: Record<string, unknown>;
}

function decodePart(part: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

/** Verifies a Coze service-app JWT: RS256 signature, kid, iss, aud, iat/exp, jti present and not reused. */
export function verifyCozeJwt(
	token: string,
	expected: { publicKeyPem: string; publicKeyId: string; appId: string; audiences: string[]; usedJtis: Set<string> },
): JwtCheck {
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, error: 'malformed JWT' };
	const header = decodePart(parts[0]);
	const claims = decodePart(parts[1]);
	if (!header || !claims) return { ok: false, error: 'malformed JWT' };
	if (header.alg !== 'RS256') return { ok: false, error: `unsupported alg ${String(header.alg)}` };
	if (header.kid !== expected.publicKeyId) return { ok: false, error: 'unknown public key id (kid)' };
	const verifier = createVerify('RSA-SHA256');
	verifier.update(`${parts[0]}.${parts[1]}`);
	if (!verifier.verify(expected.publicKeyPem, Buffer.from(parts[2], 'base64url'))) return { ok: false, error: 'invalid signature' };
	if (claims.iss !== expected.appId) return { ok: false, error: 'iss is not the app id' };
	if (!expected.audiences.includes(String(claims.aud))) return { ok: false, error: `aud ${String(claims.aud)} is not this API host` };
	const now = Math.floor(Date.now() / 1000);
	if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, error: 'JWT expired' };
	if (typeof claims.iat !== 'number' || claims.iat > now + 60) return { ok: false, error: 'iat is in the future' };
	if (typeof claims.jti !== 'string' || !claims.jti) return { ok: false, error: 'jti missing' };
	if (expected.usedJtis.has(claims.jti)) return { ok: false, error: 'jti already used' };
	expected.usedJtis.add(claims.jti);
	return { ok: true, claims };
}
