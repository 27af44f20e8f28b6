import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** No scripts at all, styles only from /static, no framing, forms only back to this origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The same, with scripts allowed as files from this origin only (no inline script): for the trends page's charts. */
export const SCRIPTS_CSP = CONTENT_SECURITY_POLICY.replace(
  "default-src 'none';",
  "default-src 'none'; script-src 'self';",
);

/**
 * Hono's secure headers on every response: the CSP above, nosniff, no referrer, no framing, same-origin opener and
 * resources; HSTS only matters when served over HTTPS.
 *
 * @example
 * app.use('*', securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler {
  const secure = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
  });
  // A page that set SCRIPTS_CSP itself (the trends page) keeps it; every other response gets the one above.
  return async (c, next) => {
    let scripts = false;
    await secure(c, async () => {
      await next();
      scripts = c.res.headers.get('content-security-policy') === SCRIPTS_CSP;
    });
    if (scripts) c.res.headers.set('content-security-policy', SCRIPTS_CSP);
  };
}
