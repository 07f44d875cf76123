/**
 * Redirects are never followed by n8n's HTTP client for our calls (`disableFollowRedirect`): n8n re-adds the
 * credential's Authorization header on a cross-origin redirect unless told otherwise, and a body sent with 307/308
 * goes along too. The transport decides here, for every 3xx answer, whether to send the call again to the new
 * address (with the credential) or to stop with an error that names where it was sent.
 *
 * Followed: the same origin (scheme, host and port), or the same host moved from http to https. Refused: any other
 * host or port, a downgrade to http, a non-HTTP scheme, a POST that a 301/302/303 would turn into a GET, a streamed
 * upload (it cannot be sent twice), and more than MAX_REDIRECTS hops.
 */

export const MAX_REDIRECTS = 5;

export type RedirectDecision = { follow: string } | { refuse: string };

function shown(url: URL): string {
	// The query is left out: it may carry IDs or a signature of the other side.
	return `${url.origin}${url.pathname}`;
}

export function isRedirect(statusCode: number | undefined): boolean {
	return statusCode !== undefined && statusCode >= 300 && statusCode < 400 && statusCode !== 304;
}

/**
 * What to do with a redirect answer to `method from`.
 * @param hops redirects already followed for this call
 * @param replayable whether the request body can be sent again (false for streamed uploads)
 */
export function redirectDecision(
	from: string,
	location: string | undefined,
	method: string,
	statusCode: number,
	hops: number,
	replayable: boolean,
): RedirectDecision {
	const said = `answered ${method} with HTTP ${statusCode}`;
	if (!location) return { refuse: `${said} and no Location; not a Coze API answer` };
	let source: URL;
	let target: URL;
	try {
		source = new URL(from);
		target = new URL(location, from);
	} catch {
		return { refuse: `${said} to an address that is not a URL ("${location.slice(0, 200)}"); not followed` };
	}
	if (target.protocol !== 'http:' && target.protocol !== 'https:') {
		return { refuse: `${said} to a ${target.protocol} address; not followed` };
	}
	const sameOrigin = target.origin === source.origin;
	const upgrade =
		target.hostname === source.hostname &&
		source.protocol === 'http:' &&
		target.protocol === 'https:' &&
		(target.port === '' || target.port === '443');
	if (!sameOrigin && !upgrade) {
		return {
			refuse: `${said} to ${shown(target)}, another address than the credential's ${source.origin}; not followed, so the credential was not sent there`,
		};
	}
	const upperMethod = method.toUpperCase();
	if ((statusCode === 301 || statusCode === 302 || statusCode === 303) && upperMethod !== 'GET' && upperMethod !== 'HEAD') {
		return { refuse: `${said} to ${shown(target)}; not followed: that would turn the ${upperMethod} into a GET and drop its body` };
	}
	if (!replayable) return { refuse: `${said} to ${shown(target)}; not followed: a streamed upload cannot be sent a second time` };
	if (hops >= MAX_REDIRECTS) return { refuse: `${said} to ${shown(target)} after ${hops} redirects; not followed any further` };
	return { follow: target.toString() };
}
