// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { notebookCheck } from './src/notebook/astro-integration.ts';

// Where the site is published, from the environment (see the README's "Publish"):
// SITE_URL is the origin (https://owner.github.io), BASE_PATH the sub-path the
// site lives under (/umount-wait-nak). Unset, the site is built for the root of an
// unknown host: no canonical links and no sitemap, rather than a made-up host.
const site = process.env.SITE_URL || undefined;
const base = process.env.BASE_PATH || undefined;
// The repository the site is built from (https://github.com/owner/repo), shown in the
// header and in every cell's "run it yourself"; unset, the pages name no host.
const repo = process.env.PUBLIC_SOURCE_REPO_URL || undefined;

// https://astro.build/config
export default defineConfig({
	// Only used to build absolute URLs (canonical links, sitemap). Nothing is
	// fetched from it; the built site makes no third-party requests.
	site,
	base,
	// Every page is a folder; relative links between chapters rely on the slash.
	trailingSlash: 'always',
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
		// Starlight adds @astrojs/sitemap unless an integration of that name is already
		// there, and the sitemap needs a site URL. Without one there is no host to list
		// pages under: this empty stand-in keeps the sitemap (and its warning) out.
		...(site ? [] : [{ name: '@astrojs/sitemap', hooks: {} }]),
		starlight({
			title: 'umount-wait-nak',
			// Our own 404 page (src/pages/404.astro) links back to the start through the base path.
			disable404Route: true,
			description:
				'An executable notebook on why the 2017 patch "vfs: introduce UMOUNT_WAIT" was NAKed.',
			favicon: '/favicon.svg',
			social: repo ? [{ icon: 'github', label: 'Source code', href: repo }] : [],
			customCss: ['./src/styles/custom.css', './src/styles/state-diagram.css'],
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
