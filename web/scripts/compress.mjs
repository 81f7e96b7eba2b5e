// After `vite build`: a .br and a .gz beside every asset over 1 KB, which `oms serve`
// (aiohttp's FileResponse) sends to browsers that accept them, with no work per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COMPRESSIBLE.test(name) && statSync(path).size > 1024) {
      const body = readFileSync(path);
      writeFileSync(path + ".gz", gzipSync(body, { level: 9 }));
      writeFileSync(path + ".br", brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

walk("dist");
