// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { notebookCheck } from './src/notebook/astro-integration.ts';

// https://astro.build/config
export default defineConfig({
	// Only used to build absolute URLs (canonical links, sitemap). Nothing is
	// fetched from it; the built site makes no third-party requests.
	site: 'https://umount-wait-nak.example',
	// The dev toolbar is dev-server only, but some of its apps fetch from
	// astro.build; keep `astro dev` free of third-party requests too.
	devToolbar: { enabled: false },
	vite: {
		build: {
			rolldownOptions: {
				// Silence one known upstream warning and nothing else: Astro's MDX output
				// carries a "use astro:head-inject" directive that Rolldown reports as
				// MODULE_LEVEL_DIRECTIVE for every .mdx page
				// (withastro/astro#18087, open). Remove once Astro fixes it.
				onLog(level, log, handler) {
					if (
						log.code === 'MODULE_LEVEL_DIRECTIVE' &&
						log.message.includes('"use astro:head-inject"')
					) {
						return;
					}
					handler(level, log);
				},
			},
		},
	},
	integrations: [
		notebookCheck(),
		starlight({
			title: 'umount-wait-nak',
			description:
				'An executable notebook on why the 2017 patch "vfs: introduce UMOUNT_WAIT" was NAKed.',
			favicon: '/favicon.svg',
			customCss: ['./src/styles/custom.css'],
			// Our docs live in the top-level content/ folder (see src/content.config.ts);
			// without this, Starlight's Markdown plugins (asides, heading links) skip it.
			markdown: { processedDirs: ['./content'] },
			// Chapters are ordered by their NN- filename prefix: autogenerate sorts
			// entries by id (which keeps the prefix) unless a page sets sidebar.order.
			sidebar: [
				{
					label: 'Chapters',
					items: [{ autogenerate: { directory: 'content/chapters' } }],
				},
				{ label: 'Step through a scenario', link: '/play/' },
			],
		}),
	],
});
