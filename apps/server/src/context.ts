/**
 * Everything a request handler or job needs, built once per process and shared:
 * configuration, storage, clock, crypto and the services.
 */
import type { Clock } from '@lianxin/core';
import { createRepositories, type Repositories, type Storage } from '@lianxin/storage';
import type { Config } from './config';
import { ContactCipher } from './adapters/contact-cipher';
import { AuditService } from './services/audit.service';
import { AuthService } from './services/auth.service';
import { OrgService } from './services/org.service';
import { UserService } from './services/user.service';

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
}

/** Wires services over one storage. */
export function createContext(deps: { config: Config; storage: Storage; clock: Clock; masterKey: Buffer }): AppContext {
  const repos = createRepositories(deps.storage.db);
  const cipher = new ContactCipher(deps.masterKey);
  const base = { config: deps.config, storage: deps.storage, repos, clock: deps.clock, cipher };
  const audit = new AuditService(base);
  const withAudit = { ...base, audit };
  return {
    ...withAudit,
    auth: new AuthService(withAudit),
    org: new OrgService(withAudit),
    users: new UserService(withAudit),
  };
}

/** What services receive: the context without the other services. */
export type ServiceDeps = Pick<AppContext, 'config' | 'storage' | 'repos' | 'clock' | 'cipher'> & { audit: AuditService };
