import { hash, randomBytes } from 'node:crypto';
import { UNREACHABLE_CODES, UserUnreachableError, VkApiError, type VkGateway } from './gateway.js';

/** VK's practical limit for one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;
/** VK's limit for `peer_ids` in one messages.send. */
export const MAX_PEERS_PER_SEND = 100;

/** A message as VK takes it: the keyboard already in VK's JSON (src/vk/keyboard.ts). */
export interface VkOutgoingMessage {
  text: string;
  keyboard?: string | undefined;
  attachment?: string | undefined;
}

export interface Delivered {
  peerId: number;
  conversationMessageId: number;
}

export interface PeerResult {
  peerId: number;
  ok: boolean;
  conversationMessageId?: number;
  /** VK's error code for this peer (901: the user never wrote to the community). */
  errorCode?: number;
}

interface SendItem {
  peer_id: number;
  conversation_message_id?: number;
  error?: { code: number; description: string };
}

/** A random_id VK accepts (positive int32) derived from a key, so a repeated send is deduplicated by VK. */
export function randomIdFor(key: string): number {
  // The one-shot hash: the same digest as createHash('sha256'), without a Hash stream object per send.
  const value = hash('sha256', key, 'buffer').readUInt32BE(0) & 0x7fffffff;
  return value === 0 ? 1 : value;
}

/** Splits text into chunks of at most `max` characters, at paragraph, line or word breaks where possible. */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  // A text no longer than `max` UTF-16 units has at most `max` characters: nearly every message.
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const head = [...rest].slice(0, max).join('');
    const cut = ['\n\n', '\n', ' '].map((sep) => head.lastIndexOf(sep)).find((index) => index > max / 2);
    const at = cut ?? head.length;
    chunks.push(head.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  chunks.push(rest);
  return chunks;
}

/**
 * Every message the bot sends goes through here: long texts are split at 4096 characters,
 * one text to many peers goes out in `peer_ids` batches of 100, and each call gets a
 * deterministic random_id (from the update being handled, or from the caller's key),
 * so a retry after a crash is deduplicated by VK instead of sent twice.
 */
export class Outbox {
  /** @param nextKey keys of the sends made without one (one update's, numbered from its event id); none: random keys. */
  constructor(
    private readonly gateway: VkGateway,
    private readonly nextKey?: () => string,
  ) {}

  /** The outbox of one update: its sends get random_ids from `nextKey`. */
  keyedBy(nextKey: () => string): Outbox {
    return new Outbox(this.gateway, nextKey);
  }

  /** Sends one message to one peer; throws UserUnreachableError when VK refuses this user. */
  async send(peerId: number, message: VkOutgoingMessage, key?: string): Promise<Delivered> {
    // One peer is one batch, keyed as sendMany keys its first (the same random_ids).
    const [result] = await this.sendBatch([peerId], message, `${key ?? this.nextScopeKey()}:0`);
    if (!result?.ok) {
      const code = result?.errorCode ?? 0;
      if (UNREACHABLE_CODES.has(code)) throw new UserUnreachableError('messages.send', code, 'peer refused', peerId);
      throw new VkApiError('messages.send', code, 'peer refused');
    }
    return { peerId, conversationMessageId: result.conversationMessageId ?? 0 };
  }

  /** Sends one message to many peers (100 per call); per-peer failures come back in the results. */
  async sendMany(peerIds: readonly number[], message: VkOutgoingMessage, key?: string): Promise<PeerResult[]> {
    const baseKey = key ?? this.nextScopeKey();
    const results: PeerResult[] = [];
    for (let offset = 0; offset < peerIds.length; offset += MAX_PEERS_PER_SEND) {
      results.push(...(await this.sendBatch(peerIds.slice(offset, offset + MAX_PEERS_PER_SEND), message, `${baseKey}:${offset}`)));
    }
    return results;
  }

  /**
   * Sends one message to at most 100 peers in one `peer_ids` call (one a chunk of a long text), its random_id
   * derived from `key`: the same key and peers again (a resumed delivery) are deduplicated by VK.
   */
  async sendBatch(peerIds: readonly number[], message: VkOutgoingMessage, key: string): Promise<PeerResult[]> {
    if (peerIds.length > MAX_PEERS_PER_SEND) throw new RangeError(`a batch takes at most ${MAX_PEERS_PER_SEND} peers, got ${peerIds.length}`);
    const chunks = splitText(message.text);
    let items: SendItem[] = [];
    for (const [index, text] of chunks.entries()) {
      const last = index === chunks.length - 1;
      items = await this.gateway.call<SendItem[]>('messages.send', {
        peer_ids: peerIds.join(','),
        random_id: randomIdFor(`${key}:${index}`),
        message: text,
        keyboard: last ? message.keyboard : undefined,
        attachment: last ? message.attachment : undefined,
        dont_parse_links: 1,
      });
    }
    return items.map((item) =>
      item.error
        ? { peerId: item.peer_id, ok: false, errorCode: item.error.code }
        : { peerId: item.peer_id, ok: true, conversationMessageId: item.conversation_message_id ?? 0 },
    );
  }

  /** Replaces the text and keyboard of a message the bot sent earlier (by conversation_message_id). */
  async edit(peerId: number, conversationMessageId: number, message: VkOutgoingMessage): Promise<void> {
    await this.gateway.call('messages.edit', {
      peer_id: peerId,
      conversation_message_id: conversationMessageId,
      message: message.text,
      keyboard: message.keyboard,
      attachment: message.attachment,
    });
  }

  private nextScopeKey(): string {
    return this.nextKey ? this.nextKey() : randomBytes(12).toString('hex');
  }
}
