import { fileURLToPath } from 'node:url'

/** The repository's data folder: the real data the product ships (see data/SOURCES.md). */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url))
