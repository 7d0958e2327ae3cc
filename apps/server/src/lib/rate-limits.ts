// The rate limits' settings, in a leaf module: the app's options, the config and the plugin all name them.
export interface RateLimits {
  /** Requests per minute for one API key. */
  perKey: number;
  /** Requests per minute for anonymous callers from one IP address. */
  perIp: number;
  /** Failed authentications (401) per minute from one IP address before its keyed requests are refused. */
  authFailures: number;
  /** Sign-in and registration attempts per minute from one IP address, failed or not. */
  signInPerIp: number;
  /** Wrong passwords in a row before an account is locked. */
  lockoutAttempts: number;
  /** How long a locked account stays locked, in minutes. */
  lockoutMinutes: number;
}
export const RATE_LIMIT_DEFAULTS: RateLimits = Object.freeze({
  perKey: 12_000,
  perIp: 1200,
  authFailures: 30,
  signInPerIp: 20,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
});
