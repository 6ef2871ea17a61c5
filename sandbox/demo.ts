import type { Emulator } from '../emulator/index.js';
import type { App } from '../src/app.js';
import { effectiveRoles, STAFF_ROOM_ID } from '../src/domain/index.js';
import type { InviteRole, Member } from '../src/domain/types.js';
import { publishPost } from '../src/features/channels/channels.js';
import { createStudyChat } from '../src/features/study-chats/create-study-chat.js';
import { appForUpdate } from '../src/app.js';
import { updateScope } from '../src/runtime/update-scope.js';
import type { Turn } from '../src/turn.js';
import { vkPerson } from '../src/vk/person-refs.js';
import { CAST, SANDBOX_ADMIN_ID } from './cast.js';

/** The sample school's profile, as its administrator would enter it in /school. */
export const DEMO_PROFILE = {
  fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»',
  shortName: 'МБОУ СОШ № 7',
  city: 'Казань',
  adminName: 'Иванова Мария Петровна',
  email: 'school7@example.ru',
  phone: '+78431234567',
};

/** The classes of the sample school: 1А–11Б. */
export const DEMO_CLASSES = Array.from({ length: 11 }, (_, i) => [`${i + 1}А`, `${i + 1}Б`]).flat();

/** People of the sample school besides the cast (ids 110–119), each in VK and allowing the community's messages. */
const EXTRA_PEOPLE = [
  { id: 110, firstName: 'Сергей', lastName: 'Смирнов', sex: 2 as const }, // the deputy
  { id: 111, firstName: 'Маша', lastName: 'Козлова', sex: 1 as const }, // a student of 5А
  { id: 112, firstName: 'Петя', lastName: 'Орлов', sex: 2 as const }, // a student of 5А
  { id: 113, firstName: 'Дима', lastName: 'Волков', sex: 2 as const }, // a student's request, pending
  { id: 114, firstName: 'Игорь', lastName: 'Новиков', sex: 2 as const }, // a teacher's request, pending
];

/** Where the sample school's flags live in Redis: set once it is filled. */
export const demoMarkerKey = (prefix: string): string => `${prefix}sandbox:demo`;

/** A turn of the emulator user `userId` outside any update, for the use cases the sample school is made with (their messages keyed by `key`). */
async function turnOf(app: App, userId: number, key: string): Promise<Turn> {
  const personId = vkPerson(userId);
  const keyed = appForUpdate(app, updateScope(`sandbox-demo:${key}`));
  const member = (await app.services.members.get(personId)) ?? null;
  const t = app.i18n.bind('ru');
  return {
    app: keyed,
    eventId: undefined,
    locale: 'ru',
    t,
    caller: { personId, member, roles: new Set(effectiveRoles(member)) },
    reply: (text) => keyed.messenger.send(personId, { text }),
  };
}

/**
 * Fills the sample school in, through the bot's own services and use cases, so that every dialog can be tried at once:
 * the profile, classes 1А–11Б, the staff (the head, a deputy, a verified teacher who leads 5А), students and a parent
 * in 5А, two requests waiting (a student's and a teacher's), the teacher's subject chat for 5А with its link sent to the
 * class, and the school-wide channel with a pinned post.
 */
export async function fillDemoSchool(app: App, emulator: Emulator): Promise<void> {
  const { services } = app;
  const admin = vkPerson(SANDBOX_ADMIN_ID);
  for (const person of [...CAST, ...EXTRA_PEOPLE]) {
    const user = emulator.state.users.get(person.id) ?? emulator.addUser({ id: person.id, firstName: person.firstName, lastName: person.lastName, sex: person.sex });
    user.allowsMessages = true;
    user.lastContactAt = emulator.now();
  }
  await app.school.save(DEMO_PROFILE, admin);
  await services.classes.createMany(admin, DEMO_CLASSES);
  const fifthA = (await services.classes.findByName('5А'))!;

  const join = async (role: InviteRole, classId: string, userId: number, name: string, extra: { childName?: string; subjects?: string[] } = {}, approve = true): Promise<Member | undefined> => {
    const invite = await services.invites.create(admin, { classId, role });
    // The gender VK gives each person, as onboarding keeps it.
    const sex = [...CAST, ...EXTRA_PEOPLE].find((person) => person.id === userId)?.sex;
    const gender = sex === 1 ? ('female' as const) : sex === 2 ? ('male' as const) : undefined;
    const used = await services.invites.use(invite.id, { personId: vkPerson(userId), name, ...(gender ? { gender } : {}), consent: true, ...extra });
    if (!used.ok) throw new Error(`the sample school could not be filled: ${userId} could not join (${used.reason})`);
    if (!approve) return undefined;
    const decided = await services.requests.approve(admin, used.request.id);
    return decided.ok ? decided.member : undefined;
  };
  // The staff: the head and a deputy (teachers of the staff room, confirmed), and a teacher who leads 5А.
  await join('teacher', STAFF_ROOM_ID, 101, 'Кузнецова Ольга Викторовна', { subjects: ['Русский язык'] });
  await services.members.verifyTeacher(admin, vkPerson(101));
  await services.members.setAdministrationRole(admin, vkPerson(101), 'head');
  await join('teacher', STAFF_ROOM_ID, 110, 'Смирнов Сергей Павлович', { subjects: ['История'] });
  await services.members.verifyTeacher(admin, vkPerson(110));
  await services.members.setAdministrationRole(admin, vkPerson(110), 'deputy');
  await join('teacher', STAFF_ROOM_ID, 102, 'Петрова Анна Сергеевна', { subjects: ['Математика', 'Информатика'] });
  await services.members.verifyTeacher(admin, vkPerson(102));
  await services.members.assignClassTeacher(admin, fifthA.id, vkPerson(102));
  // 5А: three students and a parent.
  await join('student', fifthA.id, 103, 'Сидоров Иван');
  await join('student', fifthA.id, 111, 'Козлова Маша');
  await join('student', fifthA.id, 112, 'Орлов Петя');
  await join('parent', fifthA.id, 104, 'Сидорова Елена Андреевна', { childName: 'Сидоров Иван' });
  // Waiting for a decision: a student of 5А and a teacher.
  await join('student', fifthA.id, 113, 'Волков Дима', {}, false);
  await join('teacher', STAFF_ROOM_ID, 114, 'Новиков Игорь Олегович', { subjects: ['Физика'] }, false);

  // The teacher's subject chat for 5А; its link goes to the students in private messages.
  const teacher = await turnOf(app, 102, 'study-chat');
  const report = await createStudyChat(teacher.app, teacher, { classId: fifthA.id, subject: 'Математика', title: '5А · Математика', parents: false });
  await teacher.reply(report);

  // The school-wide channel: a chat the administrator made and added the community to, bound, with a pinned post.
  const channel = emulator.addChat({ ownerId: SANDBOX_ADMIN_ID, title: 'Новости школы № 7', memberIds: [101, 102, 103], botIsAdmin: true });
  await services.channels.bind(admin, 'school', channel.peerId);
  const author = await turnOf(app, SANDBOX_ADMIN_ID, 'post');
  const posted = await publishPost(author.app, author, {
    kind: 'school',
    text: 'Уважаемые ученики и родители! В пятницу в 18:00 — общешкольное родительское собрание в актовом зале.',
    pin: true,
  });
  await author.reply(posted);
}
