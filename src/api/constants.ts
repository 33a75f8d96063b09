/** Session acknowledge modes, with the numeric values of javax.jms.Session. */
export const AcknowledgeMode = {
  SESSION_TRANSACTED: 0,
  AUTO_ACKNOWLEDGE: 1,
  CLIENT_ACKNOWLEDGE: 2,
  DUPS_OK_ACKNOWLEDGE: 3,
} as const;
export type AcknowledgeMode = (typeof AcknowledgeMode)[keyof typeof AcknowledgeMode];

/** Message delivery modes, with the numeric values of javax.jms.DeliveryMode. */
export const DeliveryMode = {
  NON_PERSISTENT: 1,
  PERSISTENT: 2,
} as const;
export type DeliveryMode = (typeof DeliveryMode)[keyof typeof DeliveryMode];

/** The delivery mode a producer uses until told otherwise: PERSISTENT. */
export const DEFAULT_DELIVERY_MODE: DeliveryMode = DeliveryMode.PERSISTENT;
/** The priority a producer uses until told otherwise (JMS: 4). */
export const DEFAULT_PRIORITY = 4;
/** The lowest message priority. */
export const MIN_PRIORITY = 0;
/** The highest message priority. */
export const MAX_PRIORITY = 9;
/** Milliseconds; 0 means the message never expires. */
export const DEFAULT_TIME_TO_LIVE = 0;
/** Milliseconds; 0 means the message is delivered at once. */
export const DEFAULT_DELIVERY_DELAY = 0;
