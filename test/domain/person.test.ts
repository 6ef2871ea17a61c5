import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLATFORMS, asPersonId, comparePersonIds, personId, personIdSchema, personRef } from '../../src/domain/person.js';

describe('PersonId', () => {
  it('writes a VK person as their bare id and reads the messenger and id back; refuses a string that names no person', () => {
    const id = personId({ platform: 'vk', id: 310 });
    expect(id).toBe('310');
    expect(personRef(id)).toEqual({ platform: 'vk', id: 310 });
    expect(asPersonId(310)).toBe(id);
    expect(asPersonId('310')).toBe(id);
    expect(PLATFORMS).toEqual(['vk']);
    // The default platform is never written in front; an unknown one names nobody.
    for (const value of ['0', '-5', 'abc', 'vk:310', 'max:310']) expect(asPersonId(value)).toBeUndefined();
  });

  it('orders people by id as a number: "9" before "10"', () => {
    const nine = personId({ platform: 'vk', id: 9 });
    const ten = personId({ platform: 'vk', id: 10 });
    expect([ten, nine].sort(comparePersonIds)).toEqual(['9', '10']);
    expect(comparePersonIds(nine, ten)).toBeLessThan(0);
    expect(comparePersonIds(ten, ten)).toBe(0);
  });

  it('reads a person a record of an earlier version kept as a number as the same PersonId', () => {
    const record = z.object({ personId: personIdSchema });
    expect(record.parse({ personId: 310 })).toEqual({ personId: personId({ platform: 'vk', id: 310 }) });
    expect(record.parse({ personId: '310' })).toEqual(record.parse({ personId: 310 }));
    expect(record.safeParse({ personId: 'abc' }).success).toBe(false);
  });
});
