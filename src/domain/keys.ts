/**
 * Redis key layout. School data lives under `${prefix}{s:${schoolId}}:`, so one
 * Redis holds several schools; the braces are a Redis Cluster hash tag, so every
 * key of one school is in one slot and a Lua script may touch any of them.
 *
 * The invite token/code indexes and the code throttle are global, because a
 * newcomer does not know their school yet; they share the hash tag
 * `{invite-index}` (one slot), so a script may claim a token and a code together
 * and count a wrong code in one step.
 *
 * Lua scripts derive per-record keys from the school base with the same
 * segments (see {@link LUA_KEY_FUNCTIONS}), so this file is the one source of
 * truth for key names.
 */
import type { PersonId } from './person.js';

/** Key names of one school. */
export interface SchoolKeys {
  /** `${prefix}{s:${schoolId}}:` — every school key starts with this (the braces: one Cluster slot a school). */
  base: string;
  /** The school's profile (F01, F02). */
  profile: string;
  seq(kind: 'class' | 'invite' | 'request' | 'audit' | 'study-chat' | 'post' | 'material' | 'meeting' | 'broadcast' | 'scheduled-post' | 'question'): string;
  classRecord(classId: string): string;
  /** SET of all class ids, archived included. */
  classes: string;
  /** HASH normalised name → class id, active classes only. */
  classByName: string;
  /** SET of student personIds of a class. */
  classStudents(classId: string): string;
  /** HASH parent personId → child's name. */
  classParents(classId: string): string;
  /** SET of teacher personIds who joined the class (the staff room). */
  classTeachers(classId: string): string;
  /** SET of class-teacher personIds leading the class. */
  classLeads(classId: string): string;
  /** SET of invite ids pointing at the class. */
  classInvites(classId: string): string;
  inviteRecord(inviteId: string): string;
  /** ZSET invite id → createdAt. */
  invites: string;
  /** SET of invite ids created by a member. */
  invitesByAuthor(personId: PersonId): string;
  requestRecord(requestId: string): string;
  /** ZSET pending request id → createdAt. */
  requestsPending: string;
  /** HASH `${personId}:${classId}:${role}` → pending request id. */
  requestsOpen: string;
  /** The ids of every request a person filed (pending or decided; readers check the status). */
  requestsOf(personId: PersonId): string;
  memberRecord(personId: PersonId): string;
  /** SET of all member personIds. */
  members: string;
  /** SET of active member personIds holding a role. */
  role(role: string): string;
  /** LIST of audit entries, newest first. */
  audit: string;
  /** A study chat the bot created (F25). */
  studyChatRecord(chatId: string): string;
  /** ZSET study chat id → createdAt. */
  studyChats: string;
  /** SET of the study chat ids of a teacher. */
  studyChatsByTeacher(personId: PersonId): string;
  /** SET of the study chat ids of a class. */
  studyChatsByClass(classId: string): string;
  /** HASH `${classId}:${teacher}:${subject}` → study chat id: one chat a class, subject and teacher. */
  studyChatIndex: string;
  /** HASH channel kind (`school`, `staff`) → the bound channel's record (F12). */
  channels: string;
  /** A post sent to a channel (F12). */
  postRecord(postId: string): string;
  /** ZSET post id → when it was sent. */
  posts: string;
  /** SET of the personIds a post asking for an acknowledgement was for (who got it in the chat or privately). */
  postAudience(postId: string): string;
  /** SET of the personIds who pressed «Прочитано» under a post. */
  postAcks(postId: string): string;
  /** HASH personId → the message id of the person's private copy of a post (for read marks). */
  postCopies(postId: string): string;
  /** STRING set when the author reminded those who had not confirmed a post (once). */
  postReminded(postId: string): string;
  /** SET of the personIds seen to have read a post's message in the channel's chat (they only grow: a read mark is never taken back). */
  postChatReaders(postId: string): string;
  /** A post written to go to a channel at a time (F12). */
  scheduledPostRecord(id: string): string;
  /** ZSET of the posts still scheduled (not sent, not cancelled): id → when it goes. */
  scheduledPosts: string;
  /** Material handed in for the channels (F21). */
  materialRecord(materialId: string): string;
  /** ZSET of the materials waiting for an admin's decision, by when they were handed in. */
  materialsPending: string;
  /** A question someone asked the school's admins (F14). */
  questionRecord(questionId: string): string;
  /** HASH kind (`leadership`, `staff`) → the administration chat's record (F22). */
  adminChats: string;
  /** A meeting planned by the administration (F22). */
  meetingRecord(meetingId: string): string;
  /** ZSET of the planned (not cancelled) meetings an organiser made: meeting id → its time. */
  meetingsByOrganiser(personId: PersonId): string;
  /** ZSET of the school's planned meetings, whoever organised them: meeting id → its time. */
  meetingsPlanned: string;
  /** HASH personId → the person's language (`ru`, `en`), kept with the person, not with a dialog (read with the caller, so in the school's slot). */
  languages: string;
  /** A broadcast, a webinar or an online lesson announced with its link (F13, F26, F31). */
  broadcastRecord(broadcastId: string): string;
  /** ZSET of the planned (not cancelled) broadcasts, webinars and lessons an organiser announced: id → its time. */
  broadcastsByOrganiser(personId: PersonId): string;
  /** ZSET of the school's planned broadcasts, webinars and lessons, whoever announced them: id → its time. */
  broadcastsPlanned: string;
}

/** Key names shared by all schools of one deployment. */
export interface GlobalKeys {
  /** `${prefix}{invite-index}:` — the base of the invite indexes and the code throttle (one slot). */
  inviteIndexBase: string;
  inviteToken(token: string): string;
  inviteCode(code: string): string;
  codeThrottle(personId: PersonId): string;
}

/** Key builder for one school. */
export function schoolKeys(prefix: string, schoolId: string): SchoolKeys {
  const base = `${prefix}{s:${schoolId}}:`;
  return {
    base,
    profile: `${base}profile`,
    seq: (kind) => `${base}seq:${kind}`,
    classRecord: (id) => `${base}class:${id}`,
    classes: `${base}classes`,
    classByName: `${base}classes:by-name`,
    classStudents: (id) => `${base}class:${id}:students`,
    classParents: (id) => `${base}class:${id}:parents`,
    classTeachers: (id) => `${base}class:${id}:teachers`,
    classLeads: (id) => `${base}class:${id}:leads`,
    classInvites: (id) => `${base}class:${id}:invites`,
    inviteRecord: (id) => `${base}invite:${id}`,
    invites: `${base}invites`,
    invitesByAuthor: (personId) => `${base}invites:by-author:${personId}`,
    requestRecord: (id) => `${base}request:${id}`,
    requestsPending: `${base}requests:pending`,
    requestsOpen: `${base}requests:open`,
    requestsOf: (personId) => `${base}requests:of:${personId}`,
    memberRecord: (personId) => `${base}member:${personId}`,
    members: `${base}members`,
    role: (role) => `${base}role:${role}`,
    audit: `${base}audit`,
    studyChatRecord: (id) => `${base}study-chat:${id}`,
    studyChats: `${base}study-chats`,
    studyChatsByTeacher: (personId) => `${base}study-chats:by-teacher:${personId}`,
    studyChatsByClass: (id) => `${base}study-chats:by-class:${id}`,
    studyChatIndex: `${base}study-chats:index`,
    channels: `${base}channels`,
    postRecord: (id) => `${base}post:${id}`,
    posts: `${base}posts`,
    postAudience: (id) => `${base}post:${id}:audience`,
    postAcks: (id) => `${base}post:${id}:acks`,
    postCopies: (id) => `${base}post:${id}:copies`,
    postReminded: (id) => `${base}post:${id}:reminded`,
    postChatReaders: (id) => `${base}post:${id}:chat-readers`,
    scheduledPostRecord: (id) => `${base}scheduled-post:${id}`,
    scheduledPosts: `${base}scheduled-posts`,
    materialRecord: (id) => `${base}material:${id}`,
    materialsPending: `${base}materials:pending`,
    questionRecord: (id) => `${base}question:${id}`,
    adminChats: `${base}admin-chats`,
    meetingRecord: (id) => `${base}meeting:${id}`,
    meetingsByOrganiser: (personId) => `${base}meetings:by-organiser:${personId}`,
    meetingsPlanned: `${base}meetings:planned`,
    languages: `${base}lang`,
    broadcastRecord: (id) => `${base}broadcast:${id}`,
    broadcastsByOrganiser: (personId) => `${base}broadcasts:by-organiser:${personId}`,
    broadcastsPlanned: `${base}broadcasts:planned`,
  };
}

/** Key builder for the global indexes. */
export function globalKeys(prefix: string): GlobalKeys {
  const index = `${prefix}{invite-index}:`;
  return {
    inviteIndexBase: index,
    inviteToken: (token) => `${index}invite:token:${token}`,
    inviteCode: (code) => `${index}invite:code:${code}`,
    codeThrottle: (personId) => `${index}throttle:invite-code:${personId}`,
  };
}

/**
 * Lua versions of the per-record key builders; expects a local `B` holding
 * the school base. Keep in step with {@link schoolKeys} (a test checks it).
 */
export const LUA_KEY_FUNCTIONS = `
local function kClass(id) return B .. 'class:' .. id end
local function kClasses() return B .. 'classes' end
local function kClassByName() return B .. 'classes:by-name' end
local function kStudents(id) return B .. 'class:' .. id .. ':students' end
local function kParents(id) return B .. 'class:' .. id .. ':parents' end
local function kTeachers(id) return B .. 'class:' .. id .. ':teachers' end
local function kLeads(id) return B .. 'class:' .. id .. ':leads' end
local function kClassInvites(id) return B .. 'class:' .. id .. ':invites' end
local function kInvite(id) return B .. 'invite:' .. id end
local function kInvites() return B .. 'invites' end
local function kInvitesByAuthor(personId) return B .. 'invites:by-author:' .. personId end
local function kRequest(id) return B .. 'request:' .. id end
local function kRequestsPending() return B .. 'requests:pending' end
local function kRequestsOpen() return B .. 'requests:open' end
local function kRequestsOf(personId) return B .. 'requests:of:' .. personId end
local function kMember(personId) return B .. 'member:' .. personId end
local function kMembers() return B .. 'members' end
local function kRole(role) return B .. 'role:' .. role end
local function kSeq(kind) return B .. 'seq:' .. kind end
local function kAudit() return B .. 'audit' end
local function kStudyChat(id) return B .. 'study-chat:' .. id end
local function kStudyChats() return B .. 'study-chats' end
local function kStudyChatsByTeacher(personId) return B .. 'study-chats:by-teacher:' .. personId end
local function kStudyChatsByClass(id) return B .. 'study-chats:by-class:' .. id end
local function kStudyChatIndex() return B .. 'study-chats:index' end
local function kChannels() return B .. 'channels' end
local function kPost(id) return B .. 'post:' .. id end
local function kPosts() return B .. 'posts' end
local function kPostAudience(id) return B .. 'post:' .. id .. ':audience' end
local function kPostAcks(id) return B .. 'post:' .. id .. ':acks' end
local function kPostCopies(id) return B .. 'post:' .. id .. ':copies' end
local function kPostReminded(id) return B .. 'post:' .. id .. ':reminded' end
local function kScheduledPost(id) return B .. 'scheduled-post:' .. id end
local function kScheduledPosts() return B .. 'scheduled-posts' end
local function kMaterial(id) return B .. 'material:' .. id end
local function kMaterialsPending() return B .. 'materials:pending' end
local function kQuestion(id) return B .. 'question:' .. id end
local function kAdminChats() return B .. 'admin-chats' end
local function kMeeting(id) return B .. 'meeting:' .. id end
local function kMeetingsByOrganiser(personId) return B .. 'meetings:by-organiser:' .. personId end
local function kMeetingsPlanned() return B .. 'meetings:planned' end
local function kBroadcast(id) return B .. 'broadcast:' .. id end
local function kBroadcastsByOrganiser(personId) return B .. 'broadcasts:by-organiser:' .. personId end
local function kBroadcastsPlanned() return B .. 'broadcasts:planned' end
`;
