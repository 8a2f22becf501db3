/**
 * The composition root: everything a request handler or job needs, built once per process and
 * shared — configuration, storage, clock, crypto and the services. Only this file (and the entry
 * points app.ts, worker.ts, runtime.ts) sees every service; a service is handed the narrow part of
 * `ServiceDeps` it names plus the other services it calls, and never imports this file
 * (`test/import-graph.test.ts` fails on any import cycle).
 */
import type { Clock } from '@lianxin/core';
import { createRepositories, type Repositories, type Storage } from '@lianxin/storage';
import type { Config } from './config';
import { BallotSeal } from './platform/adapters/ballot-seal';
import { ContactCipher } from './platform/adapters/contact-cipher';
import { AuditService } from './audit/audit.service';
import { AuthService } from './auth/auth.service';
import { OrgService } from './org/org.service';
import { UserService } from './org/user.service';
import path from 'node:path';
import { FileStore } from './platform/adapters/file-store';
import { Foreground } from './platform/foreground';
import { AttachmentService } from './platform/attachment.service';
import { CalendarService } from './org/calendar.service';
import { CaseService } from './cases/case.service';
import { ChallengeService } from './intake/challenge.service';
import { IntakeService } from './intake/intake.service';
import { RateLimiter } from './platform/rate-limiter';
import { DuplicateService } from './cases/duplicate.service';
import { InsightsService } from './stats/insights.service';
import { RoutingService } from './text/routing.service';
import { SearchIndexService } from './text/search-index.service';
import { caseTextEvents } from './text/text-events';
import { ProposalService } from './proposals/proposal.service';
import { VotingService } from './voting/voting.service';
import { SupervisionService } from './supervision/supervision.service';
import { ReceptionService } from './reception/reception.service';
import { ActivityService } from './activities/activity.service';
import { DutyService } from './duty/duty.service';
import { EvaluationService } from './evaluation/evaluation.service';
import { ApiKeyService } from './integrations/api-key.service';
import { WebhookService } from './integrations/webhook.service';
import { StatsService } from './stats/stats.service';
import { ExportService } from './cases/export.service';
import { TransparencyService } from './stats/transparency.service';
import { Open311Service } from './integrations/open311.service';
import { PublicIntakeService } from './intake/public-intake.service';

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
  /** Requests in flight in this process; background work (exports) lets them go first. */
  foreground: Foreground;
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
  open311: Open311Service;
  publicIntake: PublicIntakeService;
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
  const foreground = new Foreground();
  const calendars = new CalendarService(repos);
  const attachments = new AttachmentService(withAudit, files);
  const cases = new CaseService(withAudit, calendars, attachments, search);
  const stats = new StatsService(withAudit);
  const rateLimiter = new RateLimiter(repos, deps.clock, deps.config.rateLimits);
  const receptions = new ReceptionService(withAudit, rateLimiter);
  const intake = new IntakeService(withAudit, calendars, attachments, duplicates, receptions);
  const apiKeys = new ApiKeyService(withAudit);
  const challenge = new ChallengeService(deps.masterKey, deps.config.powDifficulty, deps.clock, repos);
  return {
    ...withAudit,
    auth: new AuthService(withAudit),
    org: new OrgService(withAudit),
    users: new UserService(withAudit),
    files,
    foreground,
    calendars,
    attachments,
    intake,
    cases,
    proposals: new ProposalService(withAudit, calendars, cases),
    voting: new VotingService(withAudit, new BallotSeal(deps.masterKey)),
    supervision: new SupervisionService(withAudit, calendars),
    rateLimiter,
    challenge,
    search,
    duplicates,
    routing: new RoutingService(base),
    insights: new InsightsService(base),
    receptions,
    activities: new ActivityService(withAudit),
    duty: new DutyService(withAudit),
    evaluations: new EvaluationService(withAudit),
    apiKeys,
    webhooks: new WebhookService(withAudit),
    stats,
    exports: new ExportService(withAudit, cases, stats, new FileStore(path.join(deps.config.dataDir, 'exports')), foreground),
    transparency: new TransparencyService(withAudit, stats),
    open311: new Open311Service({ repos, clock: deps.clock, apiKeys, intake, rateLimiter }),
    publicIntake: new PublicIntakeService({ repos, cipher, intake, cases, challenge, rateLimiter }),
    withClock: (clock) => createContext({ ...deps, clock }),
  };
}

/** What services receive: the context without the other services (each service picks its part). */
export type { ServiceDeps } from './platform/deps';
