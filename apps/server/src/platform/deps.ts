/**
 * What services are built from. The composition root (`context.ts`) makes one of each and hands
 * every service only the part it names (`Pick<ServiceDeps, 'repos' | 'clock' | …>`), so no service
 * sees the whole context and none imports it.
 */
import type { Clock } from '@lianxin/core';
import type { Repositories, Storage } from '@lianxin/storage';
import type { Config } from '../config';
import type { AuditService } from '../audit/audit.service';
import type { CaseTextEvents } from '../text/text-events';
import type { ContactCipher } from './adapters/contact-cipher';

/** Process-wide facilities every service may draw on. */
export interface BaseDeps {
  config: Config;
  storage: Storage;
  repos: Repositories;
  clock: Clock;
  cipher: ContactCipher;
}

/** The facilities plus the audit log and the text listener. */
export type ServiceDeps = BaseDeps & { audit: AuditService; textEvents?: CaseTextEvents };
