// The rate limits' settings, in a leaf module: the app's options, the config and the plugin all name them.
export interface RateLimits {
  /** Requests per minute for one API key. */
  perKey: number;
  /** Requests per minute for anonymous callers from one IP address. */
  perIp: number;
  /** Failed authentications (401) per minute from one IP address before its keyed requests are refused. */
  authFailures: number;
}
export const RATE_LIMIT_DEFAULTS: RateLimits = Object.freeze({ perKey: 12_000, perIp: 1200, authFailures: 30 });
