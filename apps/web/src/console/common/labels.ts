/** Localized labels of the domain's enums (roles, unit kinds, deputy levels …). */
import { useTranslation } from 'react-i18next';

/** Label functions in the current language; unknown codes are shown as they are. */
export function useLabels() {
  const { t } = useTranslation();
  const label = (group: string, code: string | null | undefined) => (code ? t(`enum.${group}.${code}`, { defaultValue: code }) : t('common.none'));
  return {
    role: (code: string) => label('role', code),
    unitKind: (code: string) => label('unitKind', code),
    deputyLevel: (code: string) => label('deputyLevel', code),
    appealKind: (code: string) => label('appealKind', code),
    regionType: (code: string | null | undefined) => label('regionType', code),
    gender: (code: string | null | undefined) => label('gender', code),
  };
}
