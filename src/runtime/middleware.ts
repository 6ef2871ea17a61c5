import { appForUpdate, type App } from '../app.js';
import { isLocale, type Locale } from '../i18n.js';
import { PermissionDeniedError } from '../domain/index.js';
import { parseSession, sessionKey } from './session-storage.js';
import { isStoreOutage, type StoreStatus } from './store-outage.js';
import { setTurn, type Turn } from '../turn.js';
import { scopeOf, senderOf } from './update-scope.js';

/**
 * What the runtime's middleware reads of an update's context, whatever the messenger's library: the
 * state the adapter filled (UpdateState: the scope and the sender), the session, and the update's type
 * for the log. A vk-io context is one (src/vk/update-context.ts makes them).
 */
export interface UpdateContext {
  readonly type?: string;
  state: object;
  session?: unknown;
}

/** A middleware as the bot composes them; `C` is the messenger library's context (the bot's are vk-io's). */
export type Middleware<C extends UpdateContext = UpdateContext> = (context: C, next: () => Promise<unknown>) => Promise<unknown>;

/** Catches anything a handler throws: logs names and codes only, and tells the person in their language (that the service is briefly unavailable while Redis is down). */
export function errorBoundary(app: App, store: StoreStatus): Middleware {
  return async (context, next) => {
    try {
      await next();
    } catch (error) {
      // Error names and codes only: messages may quote what a person typed.
      app.logger.error({ type: context.type, err: error instanceof Error ? error.name : 'unknown', code: (error as { code?: unknown }).code }, 'handler failed');
      // The person's dialog or chat, as the adapter read it: an update no person sent (the bot's own, a chat's service message) is told nothing.
      const peerId = senderOf(context)?.peer;
      if (!peerId) return;
      const key = error instanceof PermissionDeniedError ? 'command-denied' : isStoreOutage(error, store) ? 'error-unavailable' : 'error-generic';
      const turn = (context.state as { turn?: Turn }).turn;
      await (turn?.app ?? app).messenger.send(peerId, { text: (turn?.t ?? app.i18n.bind(app.config.LOCALE))(key) }).catch(() => undefined);
    }
  };
}

/**
 * Builds the turn and opens the session: who the person is by the school's records (never by what a
 * button claims), their language (the one kept with them: their /lang, or VK's lang_id remembered once
 * in a private dialog; else LOCALE), and how to answer. The same Redis call reads the session (for most
 * updates that call is the one that recorded the update: UpdatePreload); it is `context.session`, a
 * plain object that scenes and handlers change, saved once the update is handled if anything in it
 * changed, however deep (an update that failed saves nothing). The person is the update's sender as
 * the messenger's adapter read it (UpdateSender, in the context's state); an update no person sent
 * (a community's message) has no turn and goes no further.
 */
export function buildTurn(base: App): Middleware {
  return async (context, next) => {
    const scope = scopeOf(context);
    const app = scope ? appForUpdate(base, scope) : base;
    const sender = senderOf(context);
    if (!sender) return undefined;
    const { person, peer } = sender;
    const key = sessionKey(peer, person);
    const redisKey = app.sessions.key(key);
    const { caller, language, session } = app.callers.preloaded(person, redisKey, scope?.preloaded) ?? (await app.callers.caller(person, redisKey, sender.learnt));
    const locale: Locale = isLocale(language) ? language : app.config.LOCALE;
    context.session = parseSession(session);
    setTurn(context, {
      app,
      eventId: scope?.eventId,
      locale,
      t: app.i18n.bind(locale),
      caller,
      reply(text, keyboard) {
        return app.messenger.send(peer, { text, keyboard });
      },
    });
    const result = await next();
    const saving = app.sessions.saveIfChanged(key, session, context.session as object);
    if (saving) await saving;
    return result;
  };
}
