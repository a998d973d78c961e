/** Names shared by the background and every view; kept apart from the protocol so no zod comes with them. */

/** BroadcastChannel on which the background tells extension pages that the cache or the work changed. */
export const CACHE_CHANNEL = 'pullboard-cache';
/** Port name on which PSA pages (which cannot join the channel) hear the same events. */
export const WORK_PORT = 'pullboard-work';
