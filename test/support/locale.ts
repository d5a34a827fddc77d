import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadTranslator } from '../../src/i18n/translator';

/** The shipped translations, so tests compare replies with locale keys rather than copied literals. */
export const translator = loadTranslator(path.join(projectRoot, 'content', 'locales'));
export const vi = translator.forLocale('vi');
export const en = translator.forLocale('en');
