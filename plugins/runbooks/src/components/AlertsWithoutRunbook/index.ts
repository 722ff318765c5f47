export { AlertsWithoutRunbook } from './AlertsWithoutRunbook';
