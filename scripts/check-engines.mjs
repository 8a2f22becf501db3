#!/usr/bin/env node
// Fails when a direct dependency of any workspace declares `engines.node` that excludes
// the running Node (e.g. a major that needs Node 22 on a Node 20 machine).
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = path.resolve(import.meta.dirname, '..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifests = [path.join(root, 'package.json'), ...rootPkg.workspaces.map((w) => path.join(root, w, 'package.json'))];

const problems = [];
let checked = 0;
for (const manifest of manifests) {
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const name of Object.keys(deps)) {
    if (name.startsWith('@lianxin/')) continue;
    const candidates = [path.join(path.dirname(manifest), 'node_modules', name, 'package.json'), path.join(root, 'node_modules', name, 'package.json')];
    const found = candidates.find((c) => fs.existsSync(c));
    if (!found) {
      problems.push(`${name} (from ${path.relative(root, manifest)}) is not installed`);
      continue;
    }
    const dep = JSON.parse(fs.readFileSync(found, 'utf8'));
    checked++;
    const range = dep.engines?.node;
    if (range && !semver.satisfies(process.version, range, { includePrerelease: true })) {
      problems.push(`${name}@${dep.version} needs node ${range}, running ${process.version}`);
    }
  }
}
if (!semver.satisfies(process.version, rootPkg.engines.node)) problems.push(`Lianxin needs node ${rootPkg.engines.node}, running ${process.version}`);
if (problems.length) {
  console.error(`engines check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`engines check: ${checked} direct dependencies support node ${process.version}`);
