/** The engine's own version, stamped on every result so a stored result names the code that produced it. */
export const ENGINE_VERSION = '1.1.0';
