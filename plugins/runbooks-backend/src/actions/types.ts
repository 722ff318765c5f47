import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { OnCallService } from '../onCall/OnCallService';
import { RunbooksService } from '../service/RunbooksService';

/** What every runbooks action is built from: the same services the HTTP API calls. */
export type RunbooksActionsOptions = {
  actionsRegistry: ActionsRegistryService;
  service: Pick<
    RunbooksService,
    'lookupAlert' | 'getRunbook' | 'getEntityRunbooks' | 'report'
  >;
  onCall: Pick<OnCallService, 'getOnCall'>;
  /** The portal's address (`app.baseUrl`), for links an assistant can hand on. */
  appBaseUrl: string;
};
