export { DateWithAge } from './DateWithAge';
