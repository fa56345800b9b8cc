import { InventoryRuleViolation } from '@waybill/inventory-domain';
import { MessageRejectedError } from '@waybill/platform';

/**
 * Runs a message's use case, turning a broken inventory rule into a rejection. The rule would be broken
 * the same way on every attempt (commit stock that was released, reserve for an order already given up),
 * so retrying cannot help: the message goes straight to the dead-letter topic, with the rule's words as
 * its error, for a human to look at (docs/patterns/dead-letters.md). Any other error is retried in place.
 */
export async function rejectRuleViolations<T>(useCase: () => Promise<T>): Promise<T> {
  try {
    return await useCase();
  } catch (error) {
    if (error instanceof InventoryRuleViolation) throw new MessageRejectedError(`${error.name}: ${error.message}`);
    throw error;
  }
}
