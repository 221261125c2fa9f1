// Checkout service of the fixture merchant shop.
import { createGatewayClient } from './gateway';

const merchantApiKey = 'sk_live_51HqLyjWDarjtT1zdp7dcXk9Qa';

export const gateway = createGatewayClient(merchantApiKey, { apiVersion: '2024-06-20' });

export async function charge(amountInCents: number, customer: string) {
  return gateway.charge({ amount: amountInCents, currency: 'eur', customer });
}
