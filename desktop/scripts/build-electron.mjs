// Builds the Electron main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be modules).
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const targets = [
  { entry: 'src/main/index.ts', outDir: 'dist/main', format: 'es', fileName: 'index.js' },
  { entry: 'src/preload/index.ts', outDir: 'dist/preload', format: 'cjs', fileName: 'index.cjs' },
];
for (const t of targets) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: t.outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      ssr: true,
      lib: { entry: t.entry, formats: [t.format], fileName: () => t.fileName },
      rollupOptions: { external },
    },
  });
  console.log(`built ${t.outDir}/${t.fileName}`);
}
