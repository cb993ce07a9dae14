/** Hash routes, so the built app works from any static server and a reload keeps the page. */
export type Route =
  | { page: 'library' }
  | { page: 'call'; attemptId: string }
  | { page: 'debrief'; attemptId: string }
  | { page: 'history' }
  | { page: 'trainees' }
  | { page: 'progress' }
  | { page: 'refresher' }
  | { page: 'assessments' };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'call' && id) return { page: 'call', attemptId: decodeURIComponent(id) };
  if (page === 'debrief' && id) return { page: 'debrief', attemptId: decodeURIComponent(id) };
  if (
    page === 'history' ||
    page === 'trainees' ||
    page === 'progress' ||
    page === 'refresher' ||
    page === 'assessments'
  ) {
    return { page };
  }
  return { page: 'library' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'library':
      return '#/';
    case 'history':
    case 'trainees':
    case 'progress':
    case 'refresher':
    case 'assessments':
      return `#/${route.page}`;
    default:
      return `#/${route.page}/${encodeURIComponent(route.attemptId)}`;
  }
}

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
    }
  }

  go(route: Route): void {
    location.hash = href(route);
  }
}

export const router = new Router();
