// Orders' integration events, translated into this service's OrderNews (an anti-corruption layer: the
// contracts are orders' language and may change; the domain's words change only here). The types check
// the mapping: if orders adds a rejection reason, this file stops compiling until the domain has a
// message for it.
import type { OrderCancelled, OrderConfirmed, OrderDelivered, OrderDispatched, OrderRejected, PayloadOf } from '@waybill/contracts';
import type { OrderNews } from '@waybill/notifications-domain';

export const OrderNewsTranslator = {
  fromOrderConfirmed: ({ orderId, customerId, distanceKm, etaMinutes }: PayloadOf<typeof OrderConfirmed>): OrderNews => ({
    orderId,
    customerId,
    fact: 'ORDER_CONFIRMED',
    distanceKm,
    etaMinutes,
  }),
  fromOrderRejected: ({ orderId, customerId, reason }: PayloadOf<typeof OrderRejected>): OrderNews => ({ orderId, customerId, fact: 'ORDER_REJECTED', reason }),
  fromOrderCancelled: ({ orderId, customerId }: PayloadOf<typeof OrderCancelled>): OrderNews => ({ orderId, customerId, fact: 'ORDER_CANCELLED' }),
  fromOrderDispatched: ({ orderId, customerId }: PayloadOf<typeof OrderDispatched>): OrderNews => ({ orderId, customerId, fact: 'ORDER_DISPATCHED' }),
  fromOrderDelivered: ({ orderId, customerId }: PayloadOf<typeof OrderDelivered>): OrderNews => ({ orderId, customerId, fact: 'ORDER_DELIVERED' }),
};
