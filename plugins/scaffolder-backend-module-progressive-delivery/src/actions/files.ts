import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GeneratedManifest,
  ManifestFinding,
  ManifestInputError,
  ManifestValidationOptions,
  validateManifests,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** YAML as kubectl users expect it: no anchors, no line folding, keys in insertion order. */
export function toYaml(objects: unknown[]): string {
  return objects
    .map(o => yaml.dump(o, { noRefs: true, lineWidth: -1 }))
    .join('---\n');
}

/** Parses a (multi-document) YAML text; empty documents are skipped. */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  try {
    return yaml
      .loadAll(text)
      .filter(d => d !== null && d !== undefined && d !== '');
  } catch (e) {
    throw new InputError(
      `${source} is not valid YAML: ${(e as Error).message}`,
    );
  }
}

/** Writes the manifests grouped by file under `targetPath`; returns workspace-relative paths. */
export async function writeManifests(
  workspacePath: string,
  targetPath: string,
  manifests: GeneratedManifest[],
): Promise<string[]> {
  const dir = resolveSafeChildPath(workspacePath, targetPath);
  await fs.mkdir(dir, { recursive: true });
  const byFile = new Map<string, unknown[]>();
  for (const m of manifests) {
    byFile.set(m.file, [...(byFile.get(m.file) ?? []), m.object]);
  }
  const written: string[] = [];
  for (const [file, objects] of byFile) {
    const full = resolveSafeChildPath(dir, file);
    await fs.writeFile(full, toYaml(objects), 'utf8');
    written.push(path.relative(workspacePath, full).split(path.sep).join('/'));
  }
  return written;
}

/** Writes one text file under the workspace; returns its workspace-relative path. */
export async function writeText(
  workspacePath: string,
  relativePath: string,
  text: string,
): Promise<string> {
  const full = resolveSafeChildPath(workspacePath, relativePath);
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, text, 'utf8');
  return path.relative(workspacePath, full).split(path.sep).join('/');
}

async function yamlFiles(full: string): Promise<string[]> {
  const stat = await fs.stat(full);
  if (stat.isFile()) return [full];
  const out: string[] = [];
  for (const entry of (await fs.readdir(full, { withFileTypes: true })).sort(
    (a, b) => a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const child = path.join(full, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(child)));
    else if (/\.ya?ml$/.test(entry.name)) out.push(child);
  }
  return out;
}

/** A manifest read from the workspace, with the file it came from. */
export interface SourcedObject {
  file: string;
  object: unknown;
}

/** Reads every YAML document under the given workspace paths (files or folders). */
export async function readManifests(
  workspacePath: string,
  paths: string[],
): Promise<SourcedObject[]> {
  const out: SourcedObject[] = [];
  for (const p of paths) {
    const full = resolveSafeChildPath(workspacePath, p);
    let files: string[];
    try {
      files = await yamlFiles(full);
    } catch {
      throw new InputError(`${p} does not exist in the workspace`);
    }
    for (const file of files) {
      const rel = path.relative(workspacePath, file).split(path.sep).join('/');
      const text = await fs.readFile(file, 'utf8');
      for (const object of parseYamlDocuments(text, rel)) {
        out.push({ file: rel, object });
      }
    }
  }
  return out;
}

/** A finding with the file of its object, as the actions output it. */
export type FileFinding = ManifestFinding & { file?: string };

/** Runs the validator over sourced objects and attaches file names to the findings. */
export function validateSourced(
  objects: SourcedObject[],
  options?: ManifestValidationOptions,
) {
  const report = validateManifests(
    objects.map(o => o.object),
    options,
  );
  const findings: FileFinding[] = report.findings.map(f => ({
    ...f,
    file: objects[f.object.index]?.file,
  }));
  return { ...report, findings };
}

/** One line per finding, for logs and error messages. */
export function formatFinding(f: FileFinding): string {
  const where = [
    f.file,
    f.object.kind && `${f.object.kind}/${f.object.name ?? '?'}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `${f.severity} [${f.rule}] ${where}: ${f.message}`;
}

/** Fails when the generated manifests have errors (a bug or an impossible combination). */
export function assertNoErrors(findings: FileFinding[]): void {
  const errors = findings.filter(f => f.severity === 'error');
  if (errors.length) {
    throw new InputError(
      `The generated manifests are not valid:\n${errors
        .map(formatFinding)
        .join('\n')}`,
    );
  }
}

/** Runs a builder, turning its input errors into scaffolder InputErrors (shown to the user). */
export function build<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ManifestInputError) throw new InputError(e.message);
    throw e;
  }
}

/** Findings as JSON output values. */
export function findingsOutput(findings: FileFinding[]) {
  return findings.map(
    f => JSON.parse(JSON.stringify(f)) as Record<string, unknown>,
  );
}
