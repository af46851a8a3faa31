import { mountApp } from '../shell/mountApp.tsx'
import { ConsoleApp } from './ConsoleApp.tsx'

mountApp(<ConsoleApp />)
