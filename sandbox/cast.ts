import type { Emulator } from '../emulator/index.js';

/** What a person of the sandbox's cast is there to try; the page words it. */
export type CastPart = 'admin' | 'head' | 'teacher' | 'student' | 'parent';

/** One person of the cast: a VK user of the emulator. */
export interface CastMember {
  id: number;
  firstName: string;
  lastName: string;
  /** VK's sex: 1 female, 2 male (the bot speaks of them in their gender). */
  sex: 1 | 2;
  part: CastPart;
}

/** The bootstrap administrator (ADMIN_VK_IDS of the sandbox's bot). */
export const SANDBOX_ADMIN_ID = 100;

/** The people the sandbox starts with, one for each journey. Only the administrator is in the school at first. */
export const CAST: readonly CastMember[] = [
  { id: SANDBOX_ADMIN_ID, firstName: 'Мария', lastName: 'Иванова', sex: 1, part: 'admin' },
  { id: 101, firstName: 'Ольга', lastName: 'Кузнецова', sex: 1, part: 'head' },
  { id: 102, firstName: 'Анна', lastName: 'Петрова', sex: 1, part: 'teacher' },
  { id: 103, firstName: 'Иван', lastName: 'Сидоров', sex: 2, part: 'student' },
  { id: 104, firstName: 'Елена', lastName: 'Сидорова', sex: 1, part: 'parent' },
];

/** Ids of people added on the page start here. */
export const FIRST_ADDED_ID = 200;

/** Adds the cast to the emulator, each one not there yet (a restored sandbox keeps its people as they were). */
export function addCast(emulator: Emulator): void {
  for (const person of CAST) {
    if (!emulator.state.users.has(person.id)) emulator.addUser({ id: person.id, firstName: person.firstName, lastName: person.lastName, sex: person.sex });
  }
}

/** The cast part of a person, if they are of the cast. */
export const partOf = (id: number): CastPart | undefined => CAST.find((person) => person.id === id)?.part;
