// Runtime configuration loaded by index.html before the app bundle; served as-is to every visitor.
window.SHOP_CONFIG = {
  // GOOD: publishable keys and the merchant id are public by design.
  stripePublishableKey: 'pk_live_fhnEeDAee92xmxbnFXGgfTF0',
  codepayMerchantId: 'M100482913',
  // GOOD: relative API base, so the page's own HTTPS origin is used.
  apiBase: '/api',
  // GOOD: the local mock gateway is plain HTTP on loopback only.
  sandboxGateway: 'http://127.0.0.1:4010/v3',

  // BAD (secret-in-client-code, hardcoded-secret): the CodePay app secret is readable by anyone who opens this file.
  codepayAppSecret: 'Iw8Z3WRSIbcqTrhqyIIbGkwJ5K5uttUpMoZfgcTR',

  // BAD (insecure-transport): the hosted payment page is loaded over plain HTTP.
  hostedPaymentPage: 'http://pay.codepay.com/cashier',
};
