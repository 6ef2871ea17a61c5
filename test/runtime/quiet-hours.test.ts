import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { quietUntil } from '../../src/runtime/quiet-hours.js';

/** A moment in Moscow (UTC+3, no clock changes) on 1 September 2026. */
const moscow = (day: number, hours: number, minutes = 0) => Date.UTC(2026, 8, day, hours - 3, minutes);
const base = { VK_TOKEN: 't', VK_GROUP_ID: '1' };

describe('quiet hours (F12 delivery)', () => {
  const quiet = loadConfig({ ...base, QUIET_HOURS: '21-8' }).QUIET_HOURS;

  it('spanning midnight: quiet from 21:00 to 08:00 school time, ending at the next 08:00', () => {
    expect(quiet).toEqual({ from: 21 * 60, to: 8 * 60 });
    expect(quietUntil(quiet, 'Europe/Moscow', moscow(1, 20, 59))).toBeUndefined();
    expect(quietUntil(quiet, 'Europe/Moscow', moscow(1, 21, 0))).toBe(moscow(2, 8));
    expect(quietUntil(quiet, 'Europe/Moscow', moscow(1, 23, 30) + 17_500)).toBe(moscow(2, 8));
    expect(quietUntil(quiet, 'Europe/Moscow', moscow(2, 7, 59))).toBe(moscow(2, 8));
    expect(quietUntil(quiet, 'Europe/Moscow', moscow(2, 8, 0))).toBeUndefined();
    // Another zone: 22:00 in Novosibirsk (UTC+7) is 18:00 in Moscow.
    expect(quietUntil(quiet, 'Asia/Novosibirsk', Date.UTC(2026, 8, 1, 15))).toBe(Date.UTC(2026, 8, 2, 1));
  });

  it('within a day, with minutes; off; a malformed value is refused naming the variable', () => {
    const lunch = loadConfig({ ...base, QUIET_HOURS: '13:30-14:15' }).QUIET_HOURS;
    expect(quietUntil(lunch, 'Europe/Moscow', moscow(1, 13, 45))).toBe(moscow(1, 14, 15));
    expect(quietUntil(lunch, 'Europe/Moscow', moscow(1, 14, 15))).toBeUndefined();
    expect(loadConfig({ ...base, QUIET_HOURS: 'off' }).QUIET_HOURS).toBeNull();
    expect(quietUntil(null, 'Europe/Moscow', moscow(1, 23))).toBeUndefined();
    for (const bad of ['25-8', '21', '21-21', 'ночью']) expect(() => loadConfig({ ...base, QUIET_HOURS: bad })).toThrow(/QUIET_HOURS/);
  });
});
