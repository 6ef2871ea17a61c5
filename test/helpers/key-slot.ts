/**
 * Redis Cluster's slot of a key, as the servers compute it: CRC16 (XMODEM) of the key's hash tag
 * (the part between the first `{` and the next `}`, when not empty) or of the whole key, mod 16384.
 * test/cluster/ checks it against `CLUSTER KEYSLOT`.
 */
export function keySlot(key: string): number {
  const bytes = Buffer.from(key);
  const open = bytes.indexOf('{');
  const close = open >= 0 ? bytes.indexOf('}', open + 1) : -1;
  const hashed = close > open + 1 ? bytes.subarray(open + 1, close) : bytes;
  let crc = 0;
  for (const byte of hashed) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
