// Copies the browser libraries the dashboard uses into query-service's static assets, with their
// licences and a note of the version, so the Maven build and the running page never need npm or a CDN.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'query-service', 'src', 'main', 'resources', 'static', 'vendor', 'echarts');
mkdirSync(target, { recursive: true });

const echarts = join(here, 'node_modules', 'echarts');
const zrender = join(here, 'node_modules', 'zrender');
const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

copyFileSync(join(echarts, 'dist', 'echarts.min.js'), join(target, 'echarts.min.js'));
copyFileSync(join(echarts, 'LICENSE'), join(target, 'LICENSE'));
copyFileSync(join(echarts, 'NOTICE'), join(target, 'NOTICE'));
copyFileSync(join(zrender, 'LICENSE'), join(target, 'LICENSE.zrender'));
writeFileSync(join(target, 'README.md'),
  `# Apache ECharts ${version(echarts)}\n\n` +
  `\`echarts.min.js\` is \`dist/echarts.min.js\` of the npm package \`echarts@${version(echarts)}\` ` +
  `(Apache License 2.0, see \`LICENSE\` and \`NOTICE\`). It bundles \`zrender@${version(zrender)}\` ` +
  `(BSD 3-Clause, see \`LICENSE.zrender\`) and tslib (0BSD).\n\n` +
  `Refresh it with \`npm ci && npm run vendor\` in \`dashboard/\`.\n`);
console.log(`vendored echarts ${version(echarts)} into ${target}`);
