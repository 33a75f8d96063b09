import type { ConformanceCase } from '../suite/types.js';
import { acknowledgementCases } from './acknowledgement.js';
import { browsingCases } from './browsing.js';
import { concurrencyCases } from './concurrency.js';
import { headerCases } from './headers.js';
import { lifecycleCases } from './lifecycle.js';
import { messageCases } from './messages.js';
import { orderingCases } from './ordering.js';
import { redeliveryCases } from './redelivery.js';
import { selectorCases } from './selectors.js';
import { subscriptionCases } from './subscriptions.js';
import { temporaryCases } from './temporary.js';
import { transactionCases } from './transactions.js';
import { ttlCases } from './ttl.js';

/** Every conformance case, grouped as the report shows them. */
export const ALL_CASES: readonly ConformanceCase[] = [
  ...messageCases,
  ...headerCases,
  ...selectorCases,
  ...acknowledgementCases,
  ...transactionCases,
  ...orderingCases,
  ...ttlCases,
  ...redeliveryCases,
  ...subscriptionCases,
  ...temporaryCases,
  ...browsingCases,
  ...lifecycleCases,
  ...concurrencyCases,
];
