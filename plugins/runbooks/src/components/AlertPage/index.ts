export { AlertPage } from './AlertPage';
