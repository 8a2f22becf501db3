/**
 * The 红黑榜 rule, stated wherever a board is shown (ranking, station report). The words
 * come from core (`boardRuleText`), the same the XLSX reports print, so they cannot drift
 * from the rule that draws the boards.
 */
import { BOARD_NOTE_LABELS, boardRuleText, type BoardNote } from '@lianxin/core';
import { useTranslation } from 'react-i18next';

/** The rule for a scheme with `size` places per board. */
export function BoardRule({ size, className }: { size: number; className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className={className} data-testid="board-rule">
      <strong>{t('duty.evaluations.boardRule')}</strong>
      {boardRuleText(size, i18n.language === 'en' ? 'en' : 'zh')}
    </p>
  );
}

/** Why a subject within a board's places is not on it, in the reader's language. */
export function useBoardNoteText(): (note: BoardNote | null | undefined) => string {
  const { i18n } = useTranslation();
  return (note) => (note ? BOARD_NOTE_LABELS[note][i18n.language === 'en' ? 'en' : 'zh'] : '');
}
