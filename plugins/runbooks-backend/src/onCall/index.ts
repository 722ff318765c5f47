export { OnCallService } from './OnCallService';
export { createOnCallRouter } from './router';
export { readOnCallConfig } from './config';
export type { OnCallConfig } from './config';
export { ScheduleOnCallProvider } from './ScheduleOnCallProvider';
export { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';
export { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';
export { resolveContacts, resolveEscalation } from './resolveEscalation';
