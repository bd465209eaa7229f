/**
 * Loads a functions folder. Each load bundles the folder with esbuild into a
 * fresh directory, so a reload really re-evaluates every transitive import
 * (including files outside the folder such as ../lib/config.ts). npm packages
 * stay external and resolve from the project's node_modules.
 */
import { build, type Plugin } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type LoadedModule = Record<string, unknown>;

export type FunctionModules = {
  /** Module paths without extension, relative to the folder: "messages", "_generated/server". */
  readonly paths: string[];
  get(modulePath: string): LoadedModule | undefined;
  /** Absolute source files that went into the bundle (for watching). */
  readonly inputs: string[];
  dispose(): Promise<void>;
};

const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|jsx)$/;
const CONFIG_FILES = new Set(["schema.ts", "schema.js", "auth.config.ts", "auth.config.js"]);
let generation = 0;

/** The files Convex would push: function modules by its rules, plus the top-level schema and auth config. */
function listEntryPoints(dir: string, depth = 0): string[] {
  const entries: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".") || name.startsWith("#") || name.includes(" ")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!(depth === 0 && (name === "_generated" || name === "node_modules"))) entries.push(...listEntryPoints(full, depth + 1));
    } else if (depth === 0 && CONFIG_FILES.has(name)) {
      entries.push(full);
    } else if (SOURCE_FILE.test(name) && (name.match(/\./g) ?? []).length === 1) {
      entries.push(full);
    }
  }
  return entries;
}

/** The nearest ancestor holding node_modules/convex: bundles are written under it so imports resolve. */
export function findProjectRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, "node_modules", "convex"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const keepPackagesExternal: Plugin = {
  name: "packages-external",
  setup(b) {
    // Bare specifiers are npm packages, except the project's "@/..." path alias.
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@/") || path.isAbsolute(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Bundles left behind by backends that were killed. */
async function removeStaleBundles(cacheDir: string): Promise<void> {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) await rm(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

export async function loadFunctionModules(functionsDir: string): Promise<FunctionModules> {
  const dir = path.resolve(functionsDir);
  if (!existsSync(path.join(dir, "_generated"))) {
    throw new Error(`convex-local: ${dir} has no _generated/ folder; run \`npx convex codegen\` first.`);
  }
  const root = findProjectRoot(dir);
  const cacheDir = path.join(root, "node_modules", ".cache", "convex-local");
  if (generation === 0) await removeStaleBundles(cacheDir);
  generation += 1;
  const outdir = path.join(cacheDir, `${process.pid}-${generation}`);
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const entryPoints = listEntryPoints(dir);
  try {
    const result = await build({
      entryPoints,
      outbase: dir,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      outExtension: { ".js": ".mjs" },
      chunkNames: "_chunks/[name]-[hash]",
      metafile: true,
      logLevel: "silent",
      plugins: [keepPackagesExternal],
    });
    const modules = new Map<string, LoadedModule>();
    for (const entry of entryPoints) {
      const modulePath = path.relative(dir, entry).replace(SOURCE_FILE, "").split(path.sep).join("/");
      const url = pathToFileURL(path.join(outdir, `${modulePath}.mjs`)).href;
      modules.set(modulePath, (await import(url)) as LoadedModule);
    }
    const inputs = Object.keys(result.metafile.inputs)
      .map((input) => path.resolve(input))
      .filter((input) => !input.includes(`${path.sep}node_modules${path.sep}`));
    return {
      paths: [...modules.keys()],
      get: (modulePath) => modules.get(modulePath),
      inputs,
      dispose: () => rm(outdir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(outdir, { recursive: true, force: true });
    throw error;
  }
}
