import { mountApp } from '../shell/mountApp.tsx'
import { ResidentRoutes } from './ResidentRoutes.tsx'

mountApp(<ResidentRoutes />)
