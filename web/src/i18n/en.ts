import type { TranslationResource } from './vi.ts'

/** English strings. Same keys as `vi.ts` (the type enforces it; `i18n.test.ts` checks it again). */
export const en: TranslationResource = {
  app: {
    productName: 'Digital Citizen',
    skipToContent: 'Skip to main content',
    languageSwitchLabel: 'Language',
    apiDocs: 'API documentation',
    footerNote: 'The open-source digital-government platform of the city.',
    retry: 'Try again',
    refresh: 'Refresh',
    loading: 'Loading…',
    networkError: 'Could not reach the server. Please check your connection and try again.',
    unexpectedError: 'The server gave an unexpected answer. Please try again later.',
  },
  resident: {
    documentTitle: 'Digital Citizen',
    heading: 'Welcome to Digital Citizen',
    intro:
      'One place to report problems, carry out administrative procedures, browse the digital map and receive city warnings — right on your phone.',
    consoleLink: "Officials' console",
  },
  facts: {
    heading: 'The platform today',
    city: 'City',
    wards: 'Ward-level units',
    wardCount: '{{total}} wards, communes and special zone',
    oldWardCount: 'Old address lookup: {{total}} pre-2025 wards and communes',
    serverTime: 'Server time',
  },
  services: {
    heading: 'Services',
    comingSoon: 'Coming soon',
    feedback: {
      title: 'Feedback',
      description:
        'Report problems with infrastructure, environment or public order and follow their handling.',
    },
    procedures: {
      title: 'Administrative procedures',
      description: 'Look up procedures, submit dossiers online and follow their progress.',
    },
    map: {
      title: 'Digital map',
      description: 'Find wards, public offices, flood points and traffic cameras on the city map.',
    },
    warnings: {
      title: 'Flood and congestion warnings',
      description:
        'Get warnings about high tides, flooding and traffic congestion in the areas you care about.',
    },
  },
  console: {
    documentTitle: "Officials' console · Digital Citizen",
    productSubtitle: "Officials' console",
    heading: "Officials' console",
    intro: 'Tools for the officials who run the platform.',
    residentLink: 'Digital Citizen app',
  },
  status: {
    heading: 'System status',
    readinessHeading: 'Readiness',
    overallReady: 'The system is ready to serve.',
    overallNotReady: 'The system is not ready to serve.',
    checkColumn: 'Check',
    stateColumn: 'State',
    ready: 'Ready',
    notReady: 'Not ready',
    checks: {
      database: 'Database',
      migrations: 'Database migrations',
      seed: 'Seed data',
      accepting: 'Accepting requests',
    },
    infoHeading: 'Server information',
    engine: 'Database engine',
    engines: {
      embedded: 'Embedded (PGlite)',
      postgresql: 'PostgreSQL',
    },
    version: 'Version',
    roles: 'Process roles',
    wardCount: 'Wards, communes and special zone (2025)',
    oldWardCount: 'Pre-2025 wards and communes (mapping)',
    serverTime: 'Server time',
  },
}
