import { mountApp } from '../shell/mountApp.tsx'
import { ConsoleRoutes } from './ConsoleRoutes.tsx'

mountApp(<ConsoleRoutes />)
