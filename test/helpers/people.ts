import type { PersonId } from '../../src/domain/person.js';
import { vkPerson } from '../../src/vk/person-refs.js';

/** The records' id of VK user `id`: tests name people by their VK numbers (the emulator's users), the domain by PersonId. */
export function vk(id: number): PersonId {
  return vkPerson(id);
}

/** The records' ids of several VK users. */
export function vks(...ids: number[]): PersonId[] {
  return ids.map(vkPerson);
}
