import { Command } from 'commander';

export function exportSiteCommand(): Command {
  return new Command('export-site')
    .description('write the public site, JSON and feeds as static files for any web server or CDN')
    .requiredOption('--out <dir>', 'folder to write (created if missing; an earlier export there is replaced)')
    .option('--base-url <url>', 'path or absolute URL the files will be served from', '/')
    .option('--gzip', 'also write a .gz beside each text file, for nginx gzip_static (the same bytes waypost serve sends)')
    .action(async (options: { out: string; baseUrl: string; gzip?: boolean }) => {
      await (await import('./run/export-site.ts')).exportStaticSite(options);
    });
}
