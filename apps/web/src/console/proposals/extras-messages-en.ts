/** Words of the proposal settings page, linking opinions after drafting, issue evidence and escalation, in English. Keys mirror `extras-messages-zh.ts`. */
import type { proposalExtrasZh } from './extras-messages-zh';

export const proposalExtrasEn: typeof proposalExtrasZh = {
  nav: { settings: 'Proposal settings' },
  settings: {
    title: 'Suggestion and motion settings',
    intro: 'How many co-signers a motion needs before it can be submitted, and the time limits of handling. Changes apply at once and are audited.',
    motionMinCosigners: 'Co-signers a motion needs (besides the lead deputy)',
    suggestionMinCosigners: 'Co-signers a suggestion needs',
    withdrawWorkdays: 'Window for a unit to ask to withdraw (working days)',
    answerMonths: 'Written answer due within (months)',
    extendedAnswerMonths: 'Answer due with an approved extension (months)',
    rehandleMonths: 'Handling again after “unsatisfied” (months)',
    warningWorkdays: 'Reminder before the answer is due (working days)',
    issueEscalationWorkdays: 'Escalate an issue item this many working days overdue',
    save: 'Save settings',
    saved: 'Settings saved',
  },
  links: {
    add: 'Link more opinions',
    title: 'Link opinions',
    search: 'Search opinions by tracking code or title',
    help: 'Type a whole or partial tracking code, or words from the title or text.',
    ok: 'Link',
    unlink: 'Unlink',
    unlinked: 'Unlinked',
    linked: 'Linked',
  },
  issues: {
    files: 'Evidence files',
    filesHelp: 'Upload the approval, photos of the site and the like (JPEG, PNG, WebP or PDF); at least one.',
    filesRequired: 'Upload at least one evidence file',
    stillUploading: 'Files are still uploading; please wait',
    escalatedTag: 'Escalated',
    overdueList: 'Overdue issue items',
    overdueIntro: 'Issue-list items past their deadline and not closed; those overdue for the set number of working days went to the supervising leader.',
    keyItem: 'Key item',
    department: 'Department',
    empty: 'No overdue items',
  },
};
