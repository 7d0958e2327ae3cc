// What the account routes say to people, in their language: the body's `lang`, else the first of Accept-Language
// that is vi or en, else Vietnamese. Each refusal names its field (JSON pointer) and keeps a stable code the web
// app can show in either language.
import type { FastifyRequest } from 'fastify';
import type { Lang } from '@dbi/schema';
import { HttpProblem, invalidInput } from '../problems.js';

export interface Text {
  vi: string;
  en: string;
}

export function langOf(request: FastifyRequest, given?: Lang): Lang {
  if (given) return given;
  const header = String(request.headers['accept-language'] ?? '');
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'vi' || tag === 'en') return tag;
  }
  return 'vi';
}

/** 400 naming one body field. */
export const badField = (lang: Lang, field: string, code: string, text: Text): HttpProblem =>
  invalidInput([{ pointer: `/${field}`, detail: text[lang], code, in: 'body' }]);

export const TEXT = {
  wrongPair: {
    vi: 'E-mail hoặc mật khẩu không đúng',
    en: 'the e-mail address or the password is wrong',
  },
  locked: {
    vi: 'Đăng nhập sai quá nhiều lần: tài khoản tạm khoá, hãy thử lại sau',
    en: 'too many wrong passwords: the account is locked for a while, try again later',
  },
  tooMany: {
    vi: 'Quá nhiều lần đăng nhập từ địa chỉ này, hãy thử lại sau',
    en: 'too many sign-in attempts from this address, try again later',
  },
  emailTaken: {
    vi: 'Đã có tài khoản với địa chỉ e-mail này',
    en: 'an account with this e-mail address already exists',
  },
  emailInvalid: { vi: 'Địa chỉ e-mail không hợp lệ', en: 'this is not an e-mail address' },
  taxCodeMissing: {
    vi: 'Tài khoản doanh nghiệp cần mã số thuế',
    en: 'an enterprise account needs its tax code',
  },
  taxCodeNotForConsultant: {
    vi: 'Tài khoản chuyên gia tư vấn không có mã số thuế',
    en: 'a consultant account has no tax code',
  },
  oldPasswordWrong: { vi: 'Mật khẩu hiện tại không đúng', en: 'the current password is wrong' },
  samePassword: {
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại',
    en: 'the new password must differ from the current one',
  },
  reasonNeeded: {
    vi: 'Từ chối cần nêu lý do',
    en: 'a refusal needs a reason',
  },
} satisfies Record<string, Text>;

/** 429 with Retry-After, in the caller's language. */
export const tooManyIn = (lang: Lang, text: Text, retryAfterMs: number) =>
  new HttpProblem('too-many-requests', text[lang], undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
  });
