import pino from 'pino'
import { loggerOptions } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { startPlatform } from './platform.ts'

/**
 * The process entry: `ROLE=api|worker|ingest|all` (default all). Logs are pino JSON on stdout.
 * SIGTERM/SIGINT stop gracefully; a second signal or the shutdown timeout forces the exit.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
  const logger = pino(loggerOptions(config.logLevel))
  const platform = await startPlatform(config, { logger })
  // A parent process (tests, benchmarks) learns the port without parsing logs.
  process.send?.({ ready: true, port: platform.port })

  let signals = 0
  const onSignal = (signal: NodeJS.Signals) => {
    signals++
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now')
      process.exit(1)
    }
    logger.info({ signal }, 'stopping')
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out: exiting')
      process.exit(1)
    }, config.shutdownTimeoutMs + 5000)
    force.unref()
    platform.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

main().catch((error) => {
  console.error('Digital Citizen failed to start:', error)
  process.exit(1)
})
