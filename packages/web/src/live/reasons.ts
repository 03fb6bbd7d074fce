import { useTranslation } from 'react-i18next';
import type { FloorReason } from '@banzu/contract';

/**
 * Names a 示忙 reason as the center does, in the user's language. A code the center no longer lists
 * (an agent still in it, a reason it removed) falls back to the console's own catalogue, then to the code.
 *
 * @example
 * const reasonName = useReasonName(floor.notReadyReasons);
 * reasonName('quality_review'); // '质检复核'
 */
export function useReasonName(reasons: readonly FloorReason[]): (code: string) => string {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (code) => {
    const named = reasons.find((r) => r.code === code);
    if (named) return english ? named.en : named.zh;
    return t(`reasons.${code}`, { defaultValue: code });
  };
}

/** The reasons an agent, or a leader for an agent, may pick: the router sets the system's own. */
export const pickableReasons = (reasons: readonly FloorReason[]): FloorReason[] => reasons.filter((r) => !r.system);
