/**
 * Routes that need no API key and are never shed or rate limited: liveness, readiness,
 * the spec and its browser, the explorer page and its assets (they hold no data: the page
 * calls the API with the key typed into it). Several plugins ask (auth, rate limit, route defaults), so
 * the list lives in one place.
 */
const OPEN_ROUTES = new Set(['/health/live', '/health/ready', '/openapi.yaml']);

/** Whether `url` (a route pattern or a path without query) is open. */
export function isOpenRoute(url: string | undefined): boolean {
  if (url === undefined) return false;
  return OPEN_ROUTES.has(url) || url === '/docs' || url.startsWith('/docs/') || url === '/explorer' || url.startsWith('/explorer/');
}
