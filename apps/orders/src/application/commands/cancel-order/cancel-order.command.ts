export class CancelOrderCommand {
  constructor(
    readonly orderId: string,
    readonly correlationId: string,
  ) {}
}
