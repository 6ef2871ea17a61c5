import { describe, expect, it } from 'vitest';
import { parseVkId, parseVkUserRef } from '../src/features/shared/person-ref.js';
import { parseBareCommand, parseCommand } from '../src/features/shared/command-registry.js';
import { parsePayload } from '../src/features/shared/payload.js';
import { randomIdFor, splitText } from '../src/vk/outbox.js';

describe('command parsing', () => {
  it('reads commands, Russian names and arguments', () => {
    expect(parseCommand('/help', 1)).toEqual({ name: 'help', args: '' });
    expect(parseCommand('  /Помощь  ', 1)).toEqual({ name: 'помощь', args: '' });
    expect(parseCommand('/lang en', 1)).toEqual({ name: 'lang', args: 'en' });
    expect(parseCommand('/classes 5А 5Б\n6А', 1)).toEqual({ name: 'classes', args: '5А 5Б\n6А' });
  });

  it('accepts the community mention in chats, but not another community', () => {
    expect(parseCommand('[club1|@school] /help', 1)).toEqual({ name: 'help', args: '' });
    expect(parseCommand('[club1|Школа], /помощь', 1)).toEqual({ name: 'помощь', args: '' });
    expect(parseCommand('[club2|@other] /help', 1)).toBeNull();
    expect(parseCommand('/help@school', 1)).toEqual({ name: 'help', args: '' });
  });

  it('reads «помощь», «начать», «отмена» typed alone; in a chat only after the community mention', () => {
    expect(parseBareCommand('Помощь', 1, false)).toEqual({ name: 'help', args: '' });
    expect(parseBareCommand(' начать! ', 1, false)).toEqual({ name: 'start', args: '' });
    expect(parseBareCommand('Отмена.', 1, false)).toEqual({ name: 'cancel', args: '' });
    expect(parseBareCommand('помощь нужна', 1, false)).toBeNull();
    expect(parseBareCommand('помощь', 1, true)).toBeNull();
    expect(parseBareCommand('[club1|@school] помощь', 1, true)).toEqual({ name: 'help', args: '' });
    expect(parseBareCommand('[club2|@other] помощь', 1, true)).toBeNull();
  });

  it('ignores plain text', () => {
    expect(parseCommand('hello /help', 1)).toBeNull();
    expect(parseCommand('', 1)).toBeNull();
    expect(parseCommand(undefined, 1)).toBeNull();
  });
});

describe('VK user references (one parser)', () => {
  it('reads ids the same way everywhere, and short names only where users.get is asked', () => {
    for (const ref of ['123', 'id123', '@id123', '*id123', '[id123|Анна Петрова]', 'https://vk.com/id123', 'vk.ru/id123/']) {
      expect(parseVkId(ref), ref).toBe(123);
      expect(parseVkUserRef(ref), ref).toBe('123');
    }
    expect(parseVkId('ivanova')).toBeNull();
    expect(parseVkUserRef('ivanova')).toBe('ivanova');
    expect(parseVkUserRef('@ivanova')).toBe('ivanova');
    expect(parseVkUserRef('https://m.vk.com/ivanova')).toBe('ivanova');
    expect(parseVkUserRef('Иванова')).toBeUndefined();
    expect(parseVkUserRef('[club1|школа]')).toBeUndefined();
    expect(parseVkId('0')).toBeNull();
  });
});

describe('button payloads', () => {
  it('parses our payloads and VK start button, never throws on garbage', () => {
    expect(parsePayload({ k: 'cmd', c: 'help' })).toEqual({ kind: 'ours', payload: { k: 'cmd', c: 'help' } });
    expect(parsePayload('{"k":"scene","s":"x","v":"1"}')).toMatchObject({ kind: 'ours' });
    expect(parsePayload({ command: 'start' })).toEqual({ kind: 'start' });
    expect(parsePayload('{not json')).toEqual({ kind: 'invalid' });
    expect(parsePayload({ k: 'cmd', c: 'x'.repeat(100) })).toEqual({ kind: 'invalid' });
    expect(parsePayload({ k: 'admin', grant: true })).toEqual({ kind: 'invalid' });
    expect(parsePayload(undefined)).toEqual({ kind: 'none' });
  });
});

describe('outgoing text', () => {
  it('splits long texts at line breaks into chunks VK accepts', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Строка номер ${i} с каким-то текстом`).join('\n');
    const chunks = splitText(text, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    expect(chunks.join('\n')).toBe(text);
  });

  it('derives stable positive random ids', () => {
    expect(randomIdFor('e1:0')).toBe(randomIdFor('e1:0'));
    expect(randomIdFor('e1:0')).not.toBe(randomIdFor('e1:1'));
    expect(randomIdFor('x')).toBeGreaterThan(0);
    expect(randomIdFor('x')).toBeLessThanOrEqual(0x7fffffff);
  });
});
