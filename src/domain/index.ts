/**
 * The domain layer's entry point: builds the use-case services of one school
 * over one Redis connection. No transport (vk-io) is imported anywhere here.
 */
import type { RedisClient } from './redis-client.js';
import { AdminChatService } from './admin-chats.js';
import { AuditService } from './audit.js';
import { ChannelService } from './channels.js';
import { PostAckService } from './post-acks.js';
import { MaterialService } from './materials.js';
import { QuestionService } from './questions.js';
import { ClassService } from './classes.js';
import type { ServiceContext } from './context.js';
import { FamilyService } from './family.js';
import { FirstStepsService } from './first-steps.js';
import { ConsentService } from './consent.js';
import { InviteService, type CodeThrottleOptions } from './invites.js';
import { JoinRequestService } from './join-requests.js';
import { globalKeys, schoolKeys } from './keys.js';
import { defineScripts } from './lua.js';
import { MemberService } from './members.js';
import { MovementService } from './movement.js';
import { ReviewNoticeStore } from './review-notices-store.js';
import { ReviewQueue } from './review-queue.js';
import { StudyChatService } from './study-chats.js';
import { MeetingService } from './meetings.js';
import { BroadcastService } from './broadcasts.js';
import { ScheduledPostService } from './scheduled-posts.js';

export interface ServicesOptions {
  redis: RedisClient;
  /** Global key prefix, e.g. `parta:`; school keys go under `${prefix}{s:${schoolId}}:` (see keys.ts). */
  prefix: string;
  schoolId: string;
  /** Clock in ms (tests inject one). */
  now?: () => number;
  /** Limit on wrong invite codes per user. */
  codeThrottle?: CodeThrottleOptions;
}

export interface Services {
  classes: ClassService;
  invites: InviteService;
  requests: JoinRequestService;
  members: MemberService;
  movement: MovementService;
  /** Parents linked to their children (F08, F10). */
  family: FamilyService;
  /** Parents' consents for young students (152-ФЗ), paper consents, withdrawals. */
  consent: ConsentService;
  audit: AuditService;
  /** Messages sent about pending decisions, to edit them after the decision (F08, F09). */
  reviewNotices: ReviewNoticeStore;
  /** Where reviewers get new join requests: cards or one summary (F08). */
  reviewQueue: ReviewQueue;
  /** The subject chats teachers open for their classes (F25). */
  studyChats: StudyChatService;
  /** The school-wide and staff channels and the posts sent to them (F12). */
  channels: ChannelService;
  /** Who confirmed the posts asking for an acknowledgement, and the posts' private copies (F12). */
  postAcks: PostAckService;
  /** Posts scheduled to go to a channel at a time (F12). */
  scheduledPosts: ScheduledPostService;
  /** Material handed in for the channels, and the admins' decisions on it (F21). */
  materials: MaterialService;
  /** Questions people ask the school's admins, and the answers (F14). */
  questions: QuestionService;
  /** The head's chats with the deputies and with all teachers (F22). */
  adminChats: AdminChatService;
  /** The meetings the administration plans (F22). */
  meetings: MeetingService;
  /** Broadcasts, webinars and online lessons announced with their link (F13, F26, F31). */
  broadcasts: BroadcastService;
  /** The checklist of the school's first steps after its setup (issue 10). */
  firstSteps: FirstStepsService;
  /**
   * The same services for one operation (an update being handled): each change they make is keyed
   * by the next of `operationKey`'s keys, so that a change repeated after a crash is applied once.
   */
  keyedBy(operationKey: () => string): Services;
}

/** Builds the services of one school. */
export function createServices(options: ServicesOptions): Services {
  const { redis, prefix, schoolId } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(schoolId)) throw new Error(`schoolId "${schoolId}" must be [A-Za-z0-9_-]+`);
  const now = options.now ?? Date.now;
  const keys = schoolKeys(prefix, schoolId);
  defineScripts(redis);
  return new ServiceSet({ redis, schoolId, prefix, keys, global: globalKeys(prefix), now }, options.codeThrottle);
}

/**
 * The services over one context (`operationKey` set: one operation's), each made when first used: an
 * update's set is made for every update that may change something, and most use one service or none.
 */
class ServiceSet implements Services {
  readonly audit: AuditService;
  private readonly ctx: ServiceContext;

  constructor(
    private readonly base: Omit<ServiceContext, 'audit' | 'operationKey'>,
    private readonly codeThrottle?: CodeThrottleOptions,
    operationKey?: () => string,
  ) {
    this.audit = new AuditService(base.redis, base.keys, base.now, operationKey);
    this.ctx = { ...base, audit: this.audit, ...(operationKey ? { operationKey } : {}) };
  }

  keyedBy(operationKey: () => string): Services {
    return new ServiceSet(this.base, this.codeThrottle, operationKey);
  }

  private madeClasses?: ClassService;
  get classes(): ClassService {
    return (this.madeClasses ??= new ClassService(this.ctx));
  }

  private madeInvites?: InviteService;
  get invites(): InviteService {
    return (this.madeInvites ??= new InviteService(this.ctx, this.codeThrottle));
  }

  private madeRequests?: JoinRequestService;
  get requests(): JoinRequestService {
    return (this.madeRequests ??= new JoinRequestService(this.ctx));
  }

  private madeMembers?: MemberService;
  get members(): MemberService {
    return (this.madeMembers ??= new MemberService(this.ctx));
  }

  private madeMovement?: MovementService;
  get movement(): MovementService {
    return (this.madeMovement ??= new MovementService(this.ctx));
  }

  private madeFamily?: FamilyService;
  get family(): FamilyService {
    return (this.madeFamily ??= new FamilyService(this.ctx));
  }

  private madeConsent?: ConsentService;
  get consent(): ConsentService {
    return (this.madeConsent ??= new ConsentService(this.ctx));
  }

  private madeReviewNotices?: ReviewNoticeStore;
  get reviewNotices(): ReviewNoticeStore {
    return (this.madeReviewNotices ??= new ReviewNoticeStore(this.ctx));
  }

  private madeReviewQueue?: ReviewQueue;
  get reviewQueue(): ReviewQueue {
    return (this.madeReviewQueue ??= new ReviewQueue(this.ctx));
  }

  private madeStudyChats?: StudyChatService;
  get studyChats(): StudyChatService {
    return (this.madeStudyChats ??= new StudyChatService(this.ctx));
  }

  private madeChannels?: ChannelService;
  get channels(): ChannelService {
    return (this.madeChannels ??= new ChannelService(this.ctx));
  }

  private madePostAcks?: PostAckService;
  get postAcks(): PostAckService {
    return (this.madePostAcks ??= new PostAckService(this.ctx));
  }

  private madeScheduledPosts?: ScheduledPostService;
  get scheduledPosts(): ScheduledPostService {
    return (this.madeScheduledPosts ??= new ScheduledPostService(this.ctx));
  }

  private madeMaterials?: MaterialService;
  get materials(): MaterialService {
    return (this.madeMaterials ??= new MaterialService(this.ctx));
  }

  private madeQuestions?: QuestionService;
  get questions(): QuestionService {
    return (this.madeQuestions ??= new QuestionService(this.ctx));
  }

  private madeAdminChats?: AdminChatService;
  get adminChats(): AdminChatService {
    return (this.madeAdminChats ??= new AdminChatService(this.ctx));
  }

  private madeMeetings?: MeetingService;
  get meetings(): MeetingService {
    return (this.madeMeetings ??= new MeetingService(this.ctx));
  }

  private madeBroadcasts?: BroadcastService;
  get broadcasts(): BroadcastService {
    return (this.madeBroadcasts ??= new BroadcastService(this.ctx));
  }

  private madeFirstSteps?: FirstStepsService;
  get firstSteps(): FirstStepsService {
    return (this.madeFirstSteps ??= new FirstStepsService(this.ctx));
  }
}

export { can, canSomewhere, assertCan, effectiveRoles, PERMISSIONS, ACTIONS, type Action, type PermissionScope } from './permissions.js';
export * from './errors.js';
export { FIRST_STEPS, type FirstStep, type FirstStepId, type FirstSteps } from './first-steps.js';
export { globalKeys, schoolKeys } from './keys.js';
export { memberSchema, parseRecord } from './records.js';
export * from './types.js';
export { parseClassName, normaliseClassName, buildClassGrid } from './class-names.js';
export { inviteState, normaliseInviteCode, looksLikeInviteCode, INVITE_CODE_ALPHABET } from './invites.js';
export { STUDY_CHAT_ROLES, STUDY_CHAT_TITLE_MAX, belongsInStudyChat, studyChatClassIds, type StudyChat, type StudyChatAudience, type StudyChatRecipients, type StudyChatReservation, type StudyChatRole } from './study-chats.js';
export { QUESTION_MAX, ANSWER_MAX, type Question, type QuestionAnswer } from './questions.js';
export { MATERIAL_REASON_MAX, materialNumber, type Material, type MaterialDecision, type MaterialStatus } from './materials.js';
export { type AckOutcome, type AckCounts, type PostCopy } from './post-acks.js';
export { CHANNEL_KINDS, POST_ID, POST_TEXT_MAX, ChannelTakenError, type Channel, type ChannelKind, type Post, type PostChatOutcome, type BindOutcome } from './channels.js';
export { ADMIN_CHAT_KINDS, isAdminChatKind, belongsInAdminChat, type AdminChat, type AdminChatKind, type ReadyAdminChat, type AdminChatReservation } from './admin-chats.js';
export { MEETING_AUDIENCES, MEETING_PLACE_MAX, MEETING_TITLE_MAX, MeetingCancelledError, type Meeting, type MeetingAudience, type MeetingAudienceKind } from './meetings.js';
export {
  BROADCAST_KINDS,
  BROADCAST_LINK_MAX,
  BROADCAST_RIGHT,
  BROADCAST_TITLE_MAX,
  BroadcastCancelledError,
  BroadcastTimePastError,
  type Broadcast,
  type BroadcastAudience,
  type BroadcastInput,
  type BroadcastKind,
} from './broadcasts.js';
export {
  SCHEDULED_POST_STATUSES,
  ScheduledPostCancelledError,
  ScheduledPostSentError,
  type ClaimOutcome,
  type ScheduledPost,
  type ScheduledPostInput,
  type ScheduledPostStatus,
} from './scheduled-posts.js';
export type { ScheduledPostService, BroadcastService, AdminChatService, ClassService, InviteService, JoinRequestService, MemberService, MovementService, FamilyService, AuditService, StudyChatService, ChannelService, MaterialService, MeetingService, QuestionService };
export type { RequestRoute } from './join-requests.js';
export type { Placement, ShowResult } from './review-queue.js';
export { CARDS_AT_ONCE, SHOW_PAGE_SIZE } from './review-queue.js';
export type { NoticeRef } from './review-notices-store.js';
export { ConsentService, ConsentForbiddenError, CONSENT_TEXT_VERSION, CONSENT_LINK_TTL_MS, type ConsentRecord, type ConsentAnswer } from './consent.js';
