/**
 * @lianxin/storage — the only package that knows SQL.
 */
import type { DB } from './database';
import { AppealKindRepository } from './repositories/appeal-kind.repository';
import { AuditRepository } from './repositories/audit.repository';
import { CategoryRepository } from './repositories/category.repository';
import { DepartmentRepository } from './repositories/department.repository';
import { DeputyRepository } from './repositories/deputy.repository';
import { SessionRepository } from './repositories/session.repository';
import { SettingsRepository } from './repositories/settings.repository';
import { SecretKeyRepository } from './repositories/secret-key.repository';
import { TopicRepository } from './repositories/topic.repository';
import { UnitRepository } from './repositories/unit.repository';
import { UserRepository } from './repositories/user.repository';
import { CaseRepository } from './repositories/case.repository';
import { AttachmentRepository } from './repositories/attachment.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { IntakeInboxRepository } from './repositories/intake-inbox.repository';
import { RateCounterRepository } from './repositories/rate-counter.repository';
import { JobRepository } from './repositories/job.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { DemoOutboxRepository } from './repositories/demo-outbox.repository';
import { ImportRepository } from './repositories/import.repository';
import { ExportRepository } from './repositories/export.repository';
import { ProposalRepository } from './repositories/proposal.repository';
import { VotingRepository } from './repositories/voting.repository';
import { SupervisionRepository } from './repositories/supervision.repository';
import { ReceptionRepository } from './repositories/reception.repository';
import { ActivityRepository } from './repositories/activity.repository';
import { EvaluationRepository } from './repositories/evaluation.repository';
import { StatsRepository } from './repositories/stats.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { Open311Repository } from './repositories/open311.repository';
import { WebhookRepository } from './repositories/webhook.repository';

export * from './database';
export * from './migrate';
export * from './schema';
export * from './sql-helpers';
export * from './backup';
export * from './backup-manifest';
export * from './bulk-load';
export * from './readiness';
export type * from './repositories/appeal-kind.repository';
export type * from './repositories/audit.repository';
export type * from './repositories/category.repository';
export type * from './repositories/department.repository';
export type * from './repositories/deputy.repository';
export type * from './repositories/session.repository';
export type * from './repositories/topic.repository';
export type * from './repositories/unit.repository';
export type * from './repositories/user.repository';
export type * from './repositories/case.repository';
export type * from './repositories/case-worklists';
export type * from './repositories/attachment.repository';
export type * from './repositories/idempotency.repository';
export type * from './repositories/intake-inbox.repository';
export type * from './repositories/job.repository';
export type * from './repositories/notification.repository';
export type * from './repositories/demo-outbox.repository';
export * from './repositories/case-text.repository';
export * from './repositories/model.repository';
export * from './repositories/case-search';
export * from './repositories/case-cursor';
export type * from './repositories/import.repository';
export type * from './repositories/export.repository';
export type * from './repositories/proposal.repository';
export type * from './repositories/voting.repository';
export type * from './repositories/supervision.repository';
export type * from './schema-proposals';
export type * from './repositories/reception.repository';
export type * from './repositories/activity.repository';
export type * from './repositories/evaluation.repository';
export * from './repositories/stats.repository';
export * from './repositories/stats-measures';
export * from './repositories/stats-workdays';
export type * from './repositories/api-key.repository';
export type * from './repositories/open311.repository';
export type * from './repositories/webhook.repository';
export * from './repositories/secret-key.repository';

/** Every repository over one database handle (or one transaction). */
export interface Repositories {
  units: UnitRepository;
  deputies: DeputyRepository;
  departments: DepartmentRepository;
  categories: CategoryRepository;
  appealKinds: AppealKindRepository;
  topics: TopicRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  secretKey: SecretKeyRepository;
  cases: CaseRepository;
  attachments: AttachmentRepository;
  idempotency: IdempotencyRepository;
  intakeInbox: IntakeInboxRepository;
  rateCounters: RateCounterRepository;
  jobs: JobRepository;
  notifications: NotificationRepository;
  demoOutbox: DemoOutboxRepository;
  imports: ImportRepository;
  exports: ExportRepository;
  proposals: ProposalRepository;
  voting: VotingRepository;
  supervision: SupervisionRepository;
  receptions: ReceptionRepository;
  activities: ActivityRepository;
  evaluations: EvaluationRepository;
  stats: StatsRepository;
  apiKeys: ApiKeyRepository;
  open311: Open311Repository;
  webhooks: WebhookRepository;
}

/** Builds the repositories over `db`; pass a transaction to make them transactional. */
export function createRepositories(db: DB): Repositories {
  return {
    units: new UnitRepository(db),
    deputies: new DeputyRepository(db),
    departments: new DepartmentRepository(db),
    categories: new CategoryRepository(db),
    appealKinds: new AppealKindRepository(db),
    topics: new TopicRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    audit: new AuditRepository(db),
    settings: new SettingsRepository(db),
    secretKey: new SecretKeyRepository(db),
    cases: new CaseRepository(db),
    attachments: new AttachmentRepository(db),
    idempotency: new IdempotencyRepository(db),
    intakeInbox: new IntakeInboxRepository(db),
    rateCounters: new RateCounterRepository(db),
    jobs: new JobRepository(db),
    notifications: new NotificationRepository(db),
    demoOutbox: new DemoOutboxRepository(db),
    imports: new ImportRepository(db),
    exports: new ExportRepository(db),
    proposals: new ProposalRepository(db),
    voting: new VotingRepository(db),
    supervision: new SupervisionRepository(db),
    receptions: new ReceptionRepository(db),
    activities: new ActivityRepository(db),
    evaluations: new EvaluationRepository(db),
    stats: new StatsRepository(db),
    apiKeys: new ApiKeyRepository(db),
    open311: new Open311Repository(db),
    webhooks: new WebhookRepository(db),
  };
}

/** Runs `work` in one transaction with repositories bound to it. */
export async function inTransaction<T>(db: DB, work: (repos: Repositories, trx: DB) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(createRepositories(trx), trx));
}
