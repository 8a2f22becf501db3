/**
 * The reference data every intake checks (appeal kinds, categories, stations, deputies), kept in
 * memory: they change a few times a year and intake reads them on every submission. A copy is
 * dropped as soon as this process writes one of their tables (storage's table-write feed), is not
 * used for a moment after such a write (the writer's transaction may not have committed yet), and
 * expires after {@link REFERENCE_TTL_MS} so changes made by other instances are seen too.
 */
import type { AppealKindRecord, CategoryRecord, DeputyRecord, Repositories, Storage, UnitRecord } from '@lianxin/storage';

/** How long a copy is trusted without a local write (changes made by other instances). */
export const REFERENCE_TTL_MS = 10_000;
/** After a local write, read through for this long (the write's transaction may still be open). */
const SETTLE_MS = 1_000;
/** The tables behind the cached data. */
const TABLES = ['appeal_kinds', 'categories', 'units', 'deputies'];

/** A cached value with its expiry. */
interface Entry<T> {
  value: Promise<T>;
  expires: number;
}

/** Intake's cached view of the organisation. */
export class IntakeReferences {
  private kinds: Entry<AppealKindRecord[]> | null = null;
  private units: Entry<{ active: UnitRecord[]; byId: Map<string, UnitRecord> }> | null = null;
  private readonly categories = new Map<string, Entry<CategoryRecord | undefined>>();
  private readonly deputies = new Map<string, Entry<DeputyRecord | undefined>>();
  private settledAt = 0;

  constructor(
    private readonly repos: Repositories,
    storage: Pick<Storage, 'changes'>,
    private readonly now: () => number = Date.now,
  ) {
    storage.changes?.on(TABLES, () => this.invalidate());
  }

  /** Forgets every copy (and reads through for a moment). */
  invalidate(): void {
    this.kinds = null;
    this.units = null;
    this.categories.clear();
    this.deputies.clear();
    this.settledAt = this.now() + SETTLE_MS;
  }

  private fresh<T>(entry: Entry<T> | null | undefined): entry is Entry<T> {
    const now = this.now();
    return !!entry && entry.expires > now && now >= this.settledAt;
  }

  private entry<T>(load: () => Promise<T>): Entry<T> {
    const value = load();
    const entry = { value, expires: this.now() + REFERENCE_TTL_MS };
    // A failed read must not stay cached.
    value.catch(() => {
      entry.expires = 0;
    });
    return entry;
  }

  /** Every appeal kind (active or not). */
  appealKinds(): Promise<AppealKindRecord[]> {
    if (!this.fresh(this.kinds)) this.kinds = this.entry(() => this.repos.appealKinds.list());
    return this.kinds.value;
  }

  private unitIndex(): Promise<{ active: UnitRecord[]; byId: Map<string, UnitRecord> }> {
    if (!this.fresh(this.units))
      this.units = this.entry(async () => {
        const active = await this.repos.units.listActive();
        return { active, byId: new Map(active.map((u) => [u.id, u])) };
      });
    return this.units.value;
  }

  /** Active units in tree order. */
  async activeUnits(): Promise<UnitRecord[]> {
    return (await this.unitIndex()).active;
  }

  /** A unit by id (inactive ones read from the database). */
  async unit(id: string): Promise<UnitRecord | undefined> {
    return (await this.unitIndex()).byId.get(id) ?? this.repos.units.find(id);
  }

  /** A category by id. */
  category(id: string): Promise<CategoryRecord | undefined> {
    return this.byId(this.categories, id, () => this.repos.categories.find(id));
  }

  /** A deputy by id. */
  deputy(id: string): Promise<DeputyRecord | undefined> {
    return this.byId(this.deputies, id, () => this.repos.deputies.find(id));
  }

  private byId<T>(cache: Map<string, Entry<T>>, id: string, load: () => Promise<T>): Promise<T> {
    let entry = cache.get(id);
    if (!this.fresh(entry)) {
      // Ids come from requests: bound the map so made-up ids cannot grow it without end.
      if (cache.size >= 10_000) cache.clear();
      entry = this.entry(load);
      cache.set(id, entry);
    }
    return entry.value;
  }
}
