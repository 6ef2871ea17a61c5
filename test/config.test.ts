import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const base = { VK_TOKEN: 't', VK_GROUP_ID: '42' };

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('fills defaults and parses lists', () => {
    const config = loadConfig({ ...base, ADMIN_VK_IDS: '1, 22,333' });
    expect(config.VK_GROUP_ID).toBe(42);
    expect(config.ADMIN_VK_IDS).toEqual(['1', '22', '333']); // the records' PersonIds of VK users 1, 22 and 333
    expect(config.VK_API_URL).toBe('https://api.vk.ru/method');
    expect(config.VK_API_LIMIT).toBe(20);
    expect(config.LOCALE).toBe('ru');
    expect(config.SCHOOL_TZ).toBe('Europe/Moscow');
    expect(config.VK_TRANSPORT).toBe('longpoll');
  });

  it('names the missing or malformed variable and what it expects', () => {
    expect(errorOf({})).toMatch(/^VK_TOKEN: is missing; expected the community access token/);
    expect(errorOf({ VK_TOKEN: 't' })).toMatch(/^VK_GROUP_ID: is missing; expected the numeric id/);
    expect(errorOf({ ...base, VK_GROUP_ID: 'club1' })).toMatch(/^VK_GROUP_ID: is invalid/);
    expect(errorOf({ ...base, ADMIN_VK_IDS: '1,x' })).toMatch(/^ADMIN_VK_IDS: is invalid; expected a comma-separated list/);
    expect(errorOf({ ...base, SCHOOL_TZ: 'Mars/Base' })).toMatch(/^SCHOOL_TZ: is invalid; expected an IANA time zone/);
    expect(errorOf({ ...base, REDIS_URL: 'localhost:6379' })).toMatch(/^REDIS_URL: is invalid/);
    expect(errorOf({ ...base, VK_API_LIMIT: '50' })).toMatch(/^VK_API_LIMIT: is invalid/);
    expect(errorOf({ ...base, VK_TRANSPORT: 'webhook' })).toMatch(/^VK_CONFIRMATION_CODE: is missing/);
  });

  it('REDIS_CLUSTER_NODES: empty for a single Redis, else the seed nodes of a Redis Cluster', () => {
    expect(loadConfig(base).REDIS_CLUSTER_NODES).toEqual([]);
    expect(loadConfig({ ...base, REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-2.school.local:7001,[::1]:7002' }).REDIS_CLUSTER_NODES).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-2.school.local', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of ['10.0.0.1', '10.0.0.1:0', 'host:70000', 'redis://10.0.0.1:7000']) {
      expect(errorOf({ ...base, REDIS_CLUSTER_NODES: bad })).toMatch(/^REDIS_CLUSTER_NODES: is invalid; expected comma-separated host:port of Redis Cluster nodes/);
    }
  });

  it('F08: REQUEST_ESCALATE_AFTER is one duration, 24 h by default', () => {
    expect(loadConfig(base).REQUEST_ESCALATE_AFTER).toBe(24 * 3_600_000);
    expect(loadConfig({ ...base, REQUEST_ESCALATE_AFTER: '90m' }).REQUEST_ESCALATE_AFTER).toBe(90 * 60_000);
    for (const bad of ['soon', '0h', '24h,1h', '-5s']) {
      expect(errorOf({ ...base, REQUEST_ESCALATE_AFTER: bad })).toMatch(/^REQUEST_ESCALATE_AFTER: is invalid; expected how long a join request waits/);
    }
  });

  it('reads the grades whose students need a parent\'s consent (152-ФЗ)', () => {
    expect([...loadConfig(base).CONSENT_PARENT_GRADES]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...loadConfig({ ...base, CONSENT_PARENT_GRADES: '1-4, 9' }).CONSENT_PARENT_GRADES]).toEqual([1, 2, 3, 4, 9]);
    expect(loadConfig({ ...base, CONSENT_PARENT_GRADES: 'none' }).CONSENT_PARENT_GRADES.size).toBe(0);
    expect(errorOf({ ...base, CONSENT_PARENT_GRADES: '0-12' })).toMatch(/^CONSENT_PARENT_GRADES: is invalid; expected grades whose students/);
    expect(errorOf({ ...base, CONSENT_PARENT_GRADES: 'пятый' })).toMatch(/^CONSENT_PARENT_GRADES: is invalid/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...base, LOCALE: '', VK_CALLBACK_SECRET: '' }).LOCALE).toBe('ru');
  });
});
