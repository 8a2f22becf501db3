/**
 * DDL of migration 0008, written once with the few types that differ per dialect filled
 * in (timestamps, floating point numbers, auto-increment keys). Frozen: a later change is
 * a new migration.
 */
export function proposalTables(t: { time: string; real: string; serial: string }): string[] {
  return [
    `CREATE TABLE proposals (
      id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
      number TEXT UNIQUE, year INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
      lead_deputy_id TEXT NOT NULL REFERENCES deputies(id), unit_path TEXT NOT NULL,
      lead_unit_id TEXT REFERENCES departments(id), answer_class TEXT, rating TEXT, rating_comment TEXT,
      answer_content TEXT, follow_up_content TEXT, supervised INTEGER NOT NULL DEFAULT 0, key_leader TEXT,
      withdraw_due_at ${t.time}, answer_due_at ${t.time}, assigned_at ${t.time}, submitted_at ${t.time},
      answered_at ${t.time}, closed_at ${t.time}, workflow TEXT NOT NULL DEFAULT '{}',
      created_by TEXT REFERENCES users(id), last_event_hash TEXT, event_count INTEGER NOT NULL DEFAULT 0,
      created_at ${t.time} NOT NULL, updated_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX proposals_status_idx ON proposals(status, created_at)`,
    `CREATE INDEX proposals_lead_idx ON proposals(lead_deputy_id, status)`,
    `CREATE INDEX proposals_unit_path_idx ON proposals(unit_path)`,
    `CREATE INDEX proposals_answer_due_idx ON proposals(status, answer_due_at)`,
    `CREATE TABLE proposal_cosigners (
      proposal_id TEXT NOT NULL REFERENCES proposals(id), deputy_id TEXT NOT NULL REFERENCES deputies(id),
      status TEXT NOT NULL, at ${t.time} NOT NULL, PRIMARY KEY (proposal_id, deputy_id)
    )`,
    `CREATE INDEX proposal_cosigners_deputy_idx ON proposal_cosigners(deputy_id, status)`,
    `CREATE TABLE proposal_units (
      proposal_id TEXT NOT NULL REFERENCES proposals(id), department_id TEXT NOT NULL REFERENCES departments(id),
      role TEXT NOT NULL, PRIMARY KEY (proposal_id, department_id)
    )`,
    `CREATE INDEX proposal_units_department_idx ON proposal_units(department_id)`,
    `CREATE TABLE proposal_cases (
      proposal_id TEXT NOT NULL REFERENCES proposals(id), case_id TEXT NOT NULL REFERENCES cases(id),
      linked_at ${t.time} NOT NULL, PRIMARY KEY (proposal_id, case_id)
    )`,
    `CREATE INDEX proposal_cases_case_idx ON proposal_cases(case_id)`,
    `CREATE TABLE proposal_events (
      seq ${t.serial}, id TEXT NOT NULL UNIQUE, proposal_id TEXT NOT NULL REFERENCES proposals(id),
      type TEXT NOT NULL, from_status TEXT, to_status TEXT, actor_id TEXT, actor_kind TEXT NOT NULL, actor_name TEXT,
      at ${t.time} NOT NULL, reason TEXT, payload TEXT NOT NULL DEFAULT '{}', prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    )`,
    `CREATE INDEX proposal_events_proposal_idx ON proposal_events(proposal_id, seq)`,
    `CREATE TABLE kpi_indicators (
      id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL REFERENCES proposals(id), parent_id TEXT REFERENCES kpi_indicators(id),
      name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', baseline ${t.real} NOT NULL DEFAULT 0, target ${t.real} NOT NULL,
      period TEXT NOT NULL DEFAULT '', department_id TEXT REFERENCES departments(id), weight ${t.real} NOT NULL DEFAULT 1,
      sort_order INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1, created_at ${t.time} NOT NULL, updated_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX kpi_indicators_proposal_idx ON kpi_indicators(proposal_id)`,
    `CREATE TABLE kpi_reports (
      id TEXT PRIMARY KEY, indicator_id TEXT NOT NULL REFERENCES kpi_indicators(id), period TEXT NOT NULL,
      value ${t.real} NOT NULL, note TEXT, reported_by TEXT REFERENCES users(id), reported_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX kpi_reports_indicator_idx ON kpi_reports(indicator_id, reported_at)`,
    `CREATE TABLE issue_items (
      id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL REFERENCES proposals(id), title TEXT NOT NULL,
      department_id TEXT REFERENCES departments(id), due_at ${t.time} NOT NULL, status TEXT NOT NULL,
      evidence TEXT, evidence_attachment_ids TEXT NOT NULL DEFAULT '[]', closed_at ${t.time}, closed_by TEXT REFERENCES users(id),
      version INTEGER NOT NULL DEFAULT 1, created_at ${t.time} NOT NULL, updated_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX issue_items_proposal_idx ON issue_items(proposal_id, status)`,
    `CREATE INDEX issue_items_due_idx ON issue_items(status, due_at)`,
    `CREATE TABLE comparison_indicators (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', higher_is_better INTEGER NOT NULL DEFAULT 1,
      sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1, created_at ${t.time} NOT NULL
    )`,
    `CREATE TABLE comparison_values (
      indicator_id TEXT NOT NULL REFERENCES comparison_indicators(id), unit_id TEXT NOT NULL REFERENCES units(id),
      period TEXT NOT NULL, value ${t.real} NOT NULL, updated_at ${t.time} NOT NULL, PRIMARY KEY (indicator_id, unit_id, period)
    )`,
    `CREATE TABLE vote_rounds (
      id TEXT PRIMARY KEY, year INTEGER NOT NULL, title TEXT NOT NULL, description TEXT, phase TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1, choose INTEGER NOT NULL, majority_required INTEGER NOT NULL DEFAULT 1,
      comment_from ${t.time}, comment_to ${t.time}, selection_result TEXT, selection_digest TEXT,
      satisfaction_result TEXT, satisfaction_digest TEXT, created_by TEXT REFERENCES users(id),
      created_at ${t.time} NOT NULL, updated_at ${t.time} NOT NULL
    )`,
    `CREATE TABLE vote_candidates (
      id TEXT PRIMARY KEY, round_id TEXT NOT NULL REFERENCES vote_rounds(id), title TEXT NOT NULL, description TEXT NOT NULL,
      source TEXT NOT NULL, proposer TEXT, department_id TEXT REFERENCES departments(id), budget ${t.real},
      status TEXT NOT NULL, chosen INTEGER NOT NULL DEFAULT 0, progress INTEGER NOT NULL DEFAULT 0,
      created_at ${t.time} NOT NULL, updated_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX vote_candidates_round_idx ON vote_candidates(round_id, status)`,
    `CREATE TABLE vote_comments (
      id TEXT PRIMARY KEY, candidate_id TEXT NOT NULL REFERENCES vote_candidates(id), stance TEXT NOT NULL,
      content TEXT NOT NULL, hidden INTEGER NOT NULL DEFAULT 0, created_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX vote_comments_candidate_idx ON vote_comments(candidate_id, created_at)`,
    `CREATE TABLE vote_progress (
      id TEXT PRIMARY KEY, candidate_id TEXT NOT NULL REFERENCES vote_candidates(id), progress INTEGER NOT NULL,
      content TEXT NOT NULL, reported_by TEXT REFERENCES users(id), reported_at ${t.time} NOT NULL
    )`,
    `CREATE INDEX vote_progress_candidate_idx ON vote_progress(candidate_id, reported_at)`,
    `CREATE TABLE vote_electors (
      round_id TEXT NOT NULL REFERENCES vote_rounds(id), deputy_id TEXT NOT NULL REFERENCES deputies(id), PRIMARY KEY (round_id, deputy_id)
    )`,
    // Who voted, without when and without the ballot: the key makes a second vote impossible.
    `CREATE TABLE vote_participations (
      round_id TEXT NOT NULL REFERENCES vote_rounds(id), phase TEXT NOT NULL, deputy_id TEXT NOT NULL REFERENCES deputies(id),
      PRIMARY KEY (round_id, phase, deputy_id)
    )`,
    // The ballots, without voter and without time; keyed by their hash.
    `CREATE TABLE vote_ballots (
      hash TEXT PRIMARY KEY, round_id TEXT NOT NULL REFERENCES vote_rounds(id), phase TEXT NOT NULL,
      choices TEXT NOT NULL, nonce TEXT NOT NULL
    )`,
    `CREATE INDEX vote_ballots_round_idx ON vote_ballots(round_id, phase, hash)`,
  ];
}
