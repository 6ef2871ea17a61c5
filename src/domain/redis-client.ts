/**
 * The Redis client the bot runs on: one Redis (ioredis's `Redis`) or a Redis Cluster (ioredis's
 * `Cluster`). Both have the same command API (commands, `defineCommand`, `multi`, `pipeline`); every
 * part that takes a connection takes this, and keeps each of its multi-key commands in one slot.
 */
import type { Cluster, Redis } from 'ioredis';

/** A connection to a single Redis or to a Redis Cluster. */
export type RedisClient = Redis | Cluster;
