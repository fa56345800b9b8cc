export { handleOnce, type InboxOutcome } from './inbox';
export { CreateInbox1763769500001 } from './inbox.migration';
