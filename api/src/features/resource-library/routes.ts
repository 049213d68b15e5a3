import type { AppDeps } from '../../app';
import type { RouteSpec } from '../../http/route';
import type { LibraryDescription } from '../library/description';
import { libraryRoutes } from '../library/routes';

/**
 * 专利转化资源库: every convertible patent registered by every university and institute, so its scope is
 * "all registered patents". Experts may only look (仅查看): taking data out is the admin's and the operator's.
 */
export const resourceLibrary: LibraryDescription = {
  slug: 'resource-library',
  title: '专利转化资源库',
  kind: 'catalogue',
  abilities: { view: 'resource_library.view', export: 'resource_library.export' },
  scopeOf: () => ({}),
};

/** The resource library's search and export routes (library/routes.ts). */
export function resourceLibraryRoutes(deps: AppDeps): RouteSpec[] {
  return libraryRoutes(deps, resourceLibrary);
}
