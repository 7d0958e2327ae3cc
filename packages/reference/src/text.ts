// Text helpers shared by the accessors.

/** Text in the two languages of the product. */
export interface Text {
  vi: string;
  en: string;
}

/**
 * A name reduced for matching: lower case, no diacritics (đ → d), no "tỉnh"/"thành phố"/"tp." prefix, single spaces
 * around hyphens. "Thành phố Hồ Chí Minh", "TP. Ho Chi Minh" and "hồ chí minh" all fold to "ho chi minh".
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp\.?)\s*/, '')
    .trim();
}
