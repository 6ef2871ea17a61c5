import { describe, expect, it } from 'vitest';
import { parseVkId, parseVkUserRef } from '../src/vk/person-refs.js';
import { parseBareCommand, parseCommand } from '../src/features/shared/command-registry.js';
import { parsePayload } from '../src/features/shared/payload.js';
import { randomIdFor, splitText } from '../src/vk/outbox.js';
import { splitMention } from '../src/vk/incoming.js';

describe('command parsing', () => {
  it('reads commands, Russian names and arguments', () => {
    expect(parseCommand('/help')).toEqual({ name: 'help', args: '' });
    expect(parseCommand('  /Помощь  ')).toEqual({ name: 'помощь', args: '' });
    expect(parseCommand('/lang en')).toEqual({ name: 'lang', args: 'en' });
    expect(parseCommand('/classes 5А 5Б\n6А')).toEqual({ name: 'classes', args: '5А 5Б\n6А' });
    expect(parseCommand('/help@school')).toEqual({ name: 'help', args: '' });
  });

  it('VK adapter: the community mention in front is left out of the text and named; another community is «other»', () => {
    expect(splitMention('[club1|@school] /help', 1)).toEqual({ text: '/help', mention: 'bot' });
    expect(splitMention('[club1|Школа], /помощь', 1)).toEqual({ text: '/помощь', mention: 'bot' });
    expect(splitMention('[public1|Школа] помощь', 1)).toEqual({ text: 'помощь', mention: 'bot' });
    expect(splitMention('[club2|@other] /help', 1)).toEqual({ text: '/help', mention: 'other' });
    expect(splitMention('  просто текст ', 1)).toEqual({ text: 'просто текст', mention: 'none' });
  });

  it('reads «помощь», «начать», «отмена» typed alone', () => {
    expect(parseBareCommand('Помощь')).toEqual({ name: 'help', args: '' });
    expect(parseBareCommand(' начать! ')).toEqual({ name: 'start', args: '' });
    expect(parseBareCommand('Отмена.')).toEqual({ name: 'cancel', args: '' });
    expect(parseBareCommand('помощь нужна')).toBeNull();
  });

  it('ignores plain text', () => {
    expect(parseCommand('hello /help')).toBeNull();
    expect(parseCommand('')).toBeNull();
  });
});

describe('VK adapter: user references (one parser)', () => {
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
    // The first 31 bits of the key's SHA-256, as every earlier version derived it: a send repeated across an upgrade keeps its id.
    expect(randomIdFor('e1:0')).toBe(60124721);
    expect(randomIdFor('e1:0')).not.toBe(randomIdFor('e1:1'));
    expect(randomIdFor('x')).toBeGreaterThan(0);
    expect(randomIdFor('x')).toBeLessThanOrEqual(0x7fffffff);
  });
});
