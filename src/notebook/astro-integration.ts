/**
 * Runs the drift check before Astro builds a page, so a build with a stale or
 * missing expectation fails with the chapter's file and line (the cell
 * components fail too, but they cannot know their line).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatIssue } from './check.ts';
import { chapterFiles, verifyFile } from './verify-files.ts';

export function notebookCheck(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'umount-wait-nak:notebook-check',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': ({ logger }) => {
        const results = chapterFiles(root).map((f) => verifyFile(root, f));
        const issues = results.flatMap((r) => r.issues);
        if (issues.length) {
          throw new Error(`the chapters disagree with the model:\n${issues.map(formatIssue).join('\n')}`);
        }
        const cells = results.reduce((n, r) => n + r.cells, 0);
        logger.info(`${cells} cells and claims agree with the model in ${results.length} files`);
      },
    },
  };
}
