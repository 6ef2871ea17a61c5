import type { ClusterStatus, RedisStatus } from 'ioredis';

/** The part of an ioredis client (a Redis or a Cluster) that tells whether its connection is up. */
export interface StoreStatus {
  readonly status: RedisStatus | ClusterStatus;
}

/** Socket error codes ioredis passes on from Node when the server cannot be reached. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Whether a failure means Redis is out of reach, from what ioredis gives rather than its wording: a
 * command that used up its retries (`MaxRetriesPerRequestError`), a socket error code, or any failure
 * while the connection is not `ready` (ioredis then rejects commands with a plain Error).
 */
export function isStoreOutage(error: unknown, store: StoreStatus): boolean {
  if (store.status !== 'ready') return true;
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNREACHABLE_CODES.has(code);
}
