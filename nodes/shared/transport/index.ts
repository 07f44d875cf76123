/**
 * The one way to Coze: request.ts (request + retry + re-auth + cancel, JSON / stream / file answers), failures.ts
 * (what counts as a Coze failure), pagination.ts (page-number and cursor lists); streams: sse.ts (the SSE parser) and
 * streamLifecycle.ts (runStream), imported from their files.
 */
export type { CozeAuthentication, CozeContext, CozeRequest, CozeStream } from './request';
export { CREDENTIAL_TYPE_BY_AUTHENTICATION, authenticationOf, cozeApiBinary, cozeApiData, cozeApiRequest, cozeApiStream } from './request';
export { nodeOf } from '../params';
export { failureOf } from './failures';
export type { PageStyle } from './pagination';
export { cozePaginate, cursorStyle, listItems, pageNumberStyle } from './pagination';
