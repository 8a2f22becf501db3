/**
 * Everything a request handler or job needs, built once per process and shared:
 * configuration, storage, clock, crypto and the services.
 */
import type { Clock } from '@lianxin/core';
import { createRepositories, type Repositories, type Storage } from '@lianxin/storage';
import type { Config } from './config';
import { BallotSeal } from './adapters/ballot-seal';
import { ContactCipher } from './adapters/contact-cipher';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { OrgService } from './services/org.service';
import { UserService } from './services/user.service';
import path from 'node:path';
import { FileStore } from './adapters/file-store';
import { AttachmentService } from './services/attachment.service';
import { CalendarService } from './services/calendar.service';
import { CaseService } from './services/case.service';
import { ChallengeService } from './services/challenge.service';
import { IntakeService } from './services/intake.service';
import { RateLimiter } from './services/rate-limiter';
import { DuplicateService } from './services/duplicate.service';
import { InsightsService } from './services/insights.service';
import { RoutingService } from './services/routing.service';
import { SearchIndexService } from './services/search-index.service';
import { caseTextEvents, type CaseTextEvents } from './services/text-events';
import { ProposalService } from './services/proposal.service';
import { VotingService } from './services/voting.service';
import { SupervisionService } from './services/supervision.service';
import { ReceptionService } from './services/reception.service';
import { ActivityService } from './services/activity.service';
import { DutyService } from './services/duty.service';
import { EvaluationService } from './services/evaluation.service';
import { ApiKeyService } from './services/api-key.service';
import { WebhookService } from './services/webhook.service';
import { StatsService } from './services/stats.service';
import { ExportService } from './services/export.service';
import { TransparencyService } from './services/transparency.service';

/** The process-wide context. */
export interface AppContext {
  config: Config;
  storage: Storage;
  repos: Repositories;
  clock: Clock;
  cipher: ContactCipher;
  audit: AuditService;
  auth: AuthService;
  org: OrgService;
  users: UserService;
  files: FileStore;
  calendars: CalendarService;
  attachments: AttachmentService;
  intake: IntakeService;
  cases: CaseService;
  rateLimiter: RateLimiter;
  challenge: ChallengeService;
  search: SearchIndexService;
  duplicates: DuplicateService;
  routing: RoutingService;
  insights: InsightsService;
  proposals: ProposalService;
  voting: VotingService;
  supervision: SupervisionService;
  receptions: ReceptionService;
  activities: ActivityService;
  duty: DutyService;
  evaluations: EvaluationService;
  apiKeys: ApiKeyService;
  webhooks: WebhookService;
  stats: StatsService;
  exports: ExportService;
  transparency: TransparencyService;
  /** The same wiring over the same storage on another clock (the demo seed replays a year with it). */
  withClock(clock: Clock): AppContext;
}

/** Wires services over one storage. */
export function createContext(deps: { config: Config; storage: Storage; clock: Clock; masterKey: Buffer }): AppContext {
  const repos = createRepositories(deps.storage.db);
  const cipher = new ContactCipher(deps.masterKey);
  const base = { config: deps.config, storage: deps.storage, repos, clock: deps.clock, cipher };
  const audit = new AuditService(base);
  const search = new SearchIndexService(base);
  const duplicates = new DuplicateService(base);
  const withAudit = { ...base, audit, textEvents: caseTextEvents(search, duplicates) };
  const files = new FileStore(path.join(deps.config.dataDir, 'attachments'));
  const calendars = new CalendarService(repos);
  const attachments = new AttachmentService(withAudit, files);
  const cases = new CaseService(withAudit, calendars, attachments);
  const stats = new StatsService(withAudit);
  return {
    ...withAudit,
    auth: new AuthService(withAudit),
    org: new OrgService(withAudit),
    users: new UserService(withAudit),
    files,
    calendars,
    attachments,
    intake: new IntakeService(withAudit, calendars, attachments, duplicates),
    cases,
    proposals: new ProposalService(withAudit, calendars, cases),
    voting: new VotingService(withAudit, new BallotSeal(deps.masterKey)),
    supervision: new SupervisionService(withAudit, calendars),
    rateLimiter: new RateLimiter(repos, deps.clock, deps.config.rateLimits),
    challenge: new ChallengeService(deps.masterKey, deps.config.powDifficulty, deps.clock, repos),
    search,
    duplicates,
    routing: new RoutingService(base),
    insights: new InsightsService(base),
    receptions: new ReceptionService(withAudit),
    activities: new ActivityService(withAudit),
    duty: new DutyService(withAudit),
    evaluations: new EvaluationService(withAudit),
    apiKeys: new ApiKeyService(withAudit),
    webhooks: new WebhookService(withAudit),
    stats,
    exports: new ExportService(withAudit, cases, stats),
    transparency: new TransparencyService(withAudit, stats),
    withClock: (clock) => createContext({ ...deps, clock }),
  };
}

/** What services receive: the context without the other services. */
export type ServiceDeps = Pick<AppContext, 'config' | 'storage' | 'repos' | 'clock' | 'cipher'> & { audit: AuditService; textEvents?: CaseTextEvents };
