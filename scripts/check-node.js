// Fails loudly when npm scripts run on a Node older than 24 (e.g. after `npm ci --ignore-scripts`,
// which skips installing the pinned node@24 binary).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `sqs-redrive needs Node 24 or newer; this is Node ${process.versions.node}.\n` +
      'Run `npm ci` (without --ignore-scripts) so the pinned node@24 package is installed, or install Node 24.\n',
  );
  process.exit(1);
}
