/** What an operator looks at first: is anything stuck, parked or behind? */
export class GetOperationsOverviewQuery {}
