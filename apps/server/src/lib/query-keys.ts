// API keys travel only in headers. A key in a URL ends up in access logs, proxies, browser history and Referer
// headers, so a request that carries one in its query string is refused (400), and every URL that reaches the log
// has such values replaced.

/** Query parameters that name a credential (compared case-insensitively). */
export const KEY_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'key',
  'apikey',
  'api_key',
  'api-key',
  'x-api-key',
  'access_token',
  'token',
  'authorization',
  'bearer',
]);
/** Generated keys start with this; such a value is a key whatever its parameter is called. */
const KEY_VALUE = /^dbi_/;

function queryOf(url: string): string | undefined {
  const q = url.indexOf('?');
  return q < 0 ? undefined : url.slice(q + 1);
}

function isKeyParam(name: string, value: string): boolean {
  return KEY_QUERY_PARAMS.has(name.toLowerCase()) || KEY_VALUE.test(value);
}

/** The first query parameter of `url` that carries a key, or undefined. */
export function keyParamIn(url: string): string | undefined {
  const query = queryOf(url);
  if (query === undefined) return undefined;
  for (const [name, value] of new URLSearchParams(query)) if (isKeyParam(name, value)) return name;
  return undefined;
}

/** `url` with the value of every key-carrying query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const query = queryOf(url);
  if (query === undefined) return url;
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0) return part;
    let name = part.slice(0, eq);
    let value = part.slice(eq + 1);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return `${part.slice(0, eq)}=[redacted]`; // undecodable: not worth the risk of logging it
    }
    return isKeyParam(name, value) ? `${part.slice(0, eq)}=[redacted]` : part;
  });
  return `${url.slice(0, url.indexOf('?'))}?${parts.join('&')}`;
}
