import type { SessionEnd } from '$lib/server/guard';
import type { SessionUser } from '$lib/session-user';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** Stable snake_case code from the API (e.g. `dependency_unavailable`), when one applies. */
      code?: string;
    }
    interface Locals {
      /** The signed-in user, resolved once per request by the session hook; null when anonymous. */
      user: SessionUser | null;
      /** Set by the session hook when the API ended the session on this request (a frozen account). */
      sessionEnded?: SessionEnd;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
