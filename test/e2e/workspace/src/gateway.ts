// A minimal payment-gateway client of the fixture shop (stands in for the provider SDK).
export interface ChargeRequest { amount: number; currency: string; customer: string }

export function createGatewayClient(apiKey: string | undefined, options: { apiVersion: string }) {
  return {
    async charge(request: ChargeRequest) {
      return { ok: Boolean(apiKey), version: options.apiVersion, ...request };
    },
  };
}
