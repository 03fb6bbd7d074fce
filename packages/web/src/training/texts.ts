import { useTranslation } from 'react-i18next';
import { trainingEn, trainingZh, type TrainingTexts } from './messages';

/** The page's texts in the console's language. */
export function useTexts(): TrainingTexts {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? trainingEn : trainingZh;
}
