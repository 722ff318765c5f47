export { RefLink } from './RefLink';
