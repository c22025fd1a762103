import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../lib/api.js';
import en from '../i18n/en.json' with { type: 'json' };
import vi from '../i18n/vi.json' with { type: 'json' };

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'motcua.language';

/** English must translate every Vietnamese key: a missing one fails type checking here. */
const english: typeof vi = en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'vi';
  } catch {
    return 'vi';
  }
}

/** Keeps the page's `lang`, the API's Accept-Language and the saved choice in step. */
function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice simply is not remembered.
  }
}

/** Vietnamese by default; the header's switch changes it and the choice is remembered. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLanguage();
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    resources: { vi: { translation: vi }, en: { translation: english } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(lng);
  return i18next;
}
