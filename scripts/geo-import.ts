// `npm run geo:import -- <layer> <file.geojson>`: replace a map layer's features from a GeoJSON file,
// all or nothing, with every error named by feature. For operators; officials will do the same
// from the console once sign-in exists. On the embedded engine, stop the server first.
import { createReadStream, existsSync } from 'node:fs'
import { loadConfig } from '../server/config.ts'
import { printProblem, withCliDatabase } from '../server/core/cli.ts'
import { AppError } from '../server/core/errors.ts'
import { importLayer } from '../server/modules/geo/layer-import.ts'
import { findLayer, LAYERS } from '../server/modules/geo/layers.ts'

const [layerId, file] = process.argv.slice(2)
const importable = LAYERS.filter((layer) => layer.importable).map((layer) => layer.id)
const layer = layerId ? findLayer(layerId) : undefined
if (!layer || !file) {
  console.error(`Cách dùng / usage: npm run geo:import -- <${importable.join('|')}> <file.geojson>`)
  process.exit(2)
}
if (!existsSync(file)) {
  console.error(`Không tìm thấy tệp / file not found: ${file}`)
  process.exit(2)
}

const config = loadConfig()
try {
  await withCliDatabase(config, async (database) => {
    const summary = await importLayer(database.db, layer, createReadStream(file))
    console.log(
      `Đã nhập ${summary.imported} đối tượng vào lớp "${layer.title.vi}" (thay ${summary.replaced}).\n` +
        `Imported ${summary.imported} features into "${layer.title.en}" (replacing ${summary.replaced}).`,
    )
  })
} catch (error) {
  if (!(error instanceof AppError)) throw error
  printProblem(error)
  process.exitCode = 1
}
