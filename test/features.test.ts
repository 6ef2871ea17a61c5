import { afterAll, describe, expect, it } from 'vitest';
import { DIALOGS } from '../scenes/index.js';
import { Bot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { DialogWiringError, FEATURES, matchDialogs } from '../src/features.js';
import { CLASS_RENAME } from '../src/features/classes/dialogs.js';
import { createLogger } from '../src/logger.js';
import { newTestConnection } from './helpers/redis.js';

// src/ never imports scenes/ (the layout rule bot-imports-no-scene): a feature names the dialogs it opens
// by slug, and whoever starts the bot hands it scenes/index.ts. These cases check that hand-over.

const dialog = (slug: string) => ({ slug });

describe('the dialogs handed to the bot', () => {
  const redis = newTestConnection({ lazyConnect: true });
  afterAll(() => redis.disconnect());

  it('scenes/index.ts runs exactly the dialogs the features open, each once', () => {
    expect(matchDialogs(DIALOGS)).toBe(DIALOGS);
    const opened = FEATURES.flatMap((feature) => feature.dialogs ?? []).sort();
    expect(DIALOGS.map((d) => d.slug).sort()).toEqual(opened);
  });

  it('a dialog a feature opens but nobody runs stops the bot at start, naming it and the file to add it to', () => {
    const without = DIALOGS.filter((d) => d.slug !== CLASS_RENAME);
    const config = loadConfig({ VK_TOKEN: 't', VK_GROUP_ID: '42', REDIS_PREFIX: 'test:wiring:' });
    expect(() => new Bot({ config, redis, logger: createLogger('silent'), dialogs: without })).toThrow(DialogWiringError);
    expect(() => matchDialogs(without)).toThrow(`no dialog runs ${CLASS_RENAME}, which a feature opens; add it to scenes/index.ts`);
  });

  it('a dialog no feature opens, or two dialogs with one slug, are refused too', () => {
    const features = [{ dialogs: ['a', 'b'] }];
    expect(matchDialogs([dialog('a'), dialog('b')], features)).toHaveLength(2);
    expect(() => matchDialogs([dialog('a'), dialog('b'), dialog('c')], features)).toThrow("no feature opens the dialog c; list its slug in the feature's dialogs in src/features.ts");
    expect(() => matchDialogs([dialog('a'), dialog('b'), dialog('a')], features)).toThrow('two dialogs have the slug a; give each dialog in scenes/ a slug of its own');
  });
});
