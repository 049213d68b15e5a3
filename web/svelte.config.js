import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // adapter-node reads PORT, HOST, ORIGIN (and BODY_SIZE_LIMIT, XFF/ADDRESS headers) at run time.
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
