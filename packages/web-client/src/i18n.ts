// Two-language string tables (Vietnamese first, English) with `{name}` placeholders. English is the table that
// defines the keys; the Vietnamese table must have every one of them (checked by the type).
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export type Translate<K extends string> = (lang: Lang, key: K, vars?: Record<string, string | number>) => string;

export function createTranslator<K extends string>(tables: Record<Lang, Record<K, string>>): Translate<K> {
  return (lang, key, vars) => {
    let s = tables[lang][key] ?? tables.en[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

/** The language kept from an earlier visit, else Vietnamese. */
export function preferredLang(stored: string | null): Lang {
  return stored === 'en' ? 'en' : 'vi';
}
