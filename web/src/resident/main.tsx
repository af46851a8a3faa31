import { mountApp } from '../shell/mountApp.tsx'
import { ResidentApp } from './ResidentApp.tsx'

mountApp(<ResidentApp />)
