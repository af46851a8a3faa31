export * from './geo.ts'
export * from './problem.ts'
export * from './system.ts'
export * from './text.ts'
