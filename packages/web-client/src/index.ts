// @dbi/web-client — what the browser apps (designer, portal) share: the JSON request function with problem+json
// errors, and the two-language string helper. No React, no storage: each app keeps its own session.
export { API_BASE, ApiError, createRawRequest, createRequest, isProblem, isUnsafe } from './http.js';
export type { ClientOptions, RawRequest, Request, RequestOptions } from './http.js';
export { createTranslator, LANGS, preferredLang } from './i18n.js';
export type { Lang, Translate } from './i18n.js';
