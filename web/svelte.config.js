import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // adapter-node reads PORT, HOST, ORIGIN (and BODY_SIZE_LIMIT, XFF/ADDRESS headers) at run time.
    adapter: adapter({ out: 'build' }),
    // The one Content-Security-Policy of the pages: SvelteKit puts a fresh nonce on its own inline scripts
    // (and on app.html's, through %sveltekit.nonce%), so no script runs that the server did not write.
    // Styles keep 'unsafe-inline': SvelteKit's route announcer and app.html carry style attributes.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
