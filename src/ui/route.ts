import { signal } from '@preact/signals';

/** The screens, addressed by the URL hash so that every deep link opens from the precache. */
export type Screen = 'checkout' | 'settings' | 'pair' | 'picking' | 'sync';

export interface Route {
  screen: Screen;
  params: URLSearchParams;
  /** The pick list opened at `#/picking/{id}`. */
  pickListId?: string;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === 'settings') return { screen: 'settings', params };
  if (path === 'pair') return { screen: 'pair', params };
  if (path === 'picking') return { screen: 'picking', params };
  if (path === 'sync') return { screen: 'sync', params };
  if (path.startsWith('picking/')) {
    const pickListId = decodePathPart(path.slice('picking/'.length));
    return pickListId === '' ? { screen: 'picking', params } : { screen: 'picking', params, pickListId };
  }
  return { screen: 'checkout', params };
}

// A hand-typed hash can hold a broken percent-encoding, which is then taken as typed.
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export const route = signal<Route>(parseRoute(location.hash));

window.addEventListener('hashchange', () => {
  route.value = parseRoute(location.hash);
});

export function navigate(screen: Screen): void {
  location.hash = `#/${screen}`;
}
