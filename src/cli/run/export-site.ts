import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { exportSite } from '../../site/export.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

/** `waypost export-site --out DIR [--base-url /] [--gzip]` */
export async function exportStaticSite(options: { out: string; baseUrl: string; gzip?: boolean }): Promise<void> {
  const config = loadConfig();
  const store = connect(config.databaseUrl);
  try {
    await migrate(store);
    // The bar goes to stderr and only to a terminal: scripts and CI logs get the summary line alone.
    const bar = process.stderr.isTTY
      ? new SingleBar({ format: 'exporting [{bar}] {value}/{total} files', stream: process.stderr }, Presets.shades_classic)
      : undefined;
    let started = false;
    const report = await exportSite(store, {
      out: options.out,
      base: options.baseUrl,
      publicUrl: config.publicUrl,
      gzip: options.gzip === true,
      onProgress: (done, total) => {
        if (!started) bar?.start(total, 0);
        started = true;
        bar?.update(done);
      },
    });
    bar?.stop();
    const megabytes = (report.bytes / 1024 / 1024).toFixed(1);
    if (report.advisories === 0) console.error('warning: no advisory is published in this database; the exported site is empty (import one first)');
    console.log(`wrote ${report.files} files (${megabytes} MB) to ${options.out} in ${(report.milliseconds / 1000).toFixed(1)} s`);
    if (options.gzip) console.log(`and ${report.gzipped.files} .gz copies (${(report.gzipped.bytes / 1024 / 1024).toFixed(1)} MB) for gzip_static`);
  } finally {
    await store.close();
  }
}
