// Refunds: the key comes from the environment, as it should.
const refundKey = process.env.STRIPE_REFUND_KEY;

module.exports = function refund(client, chargeId) {
  return client.refunds.create({ charge: chargeId }, { apiKey: refundKey });
};
