// Checkout form: collects the card with Stripe Elements and asks our server to charge it.
import { useState, type FormEvent } from 'react';
import { loadStripe } from '@stripe/stripe-js';
import { CardElement, Elements, useElements, useStripe } from '@stripe/react-stripe-js';
import CryptoJS from 'crypto-js';

// GOOD: a publishable key is meant to be public.
const stripePromise = loadStripe('pk_live_6FXtFFtFEOKKEDgPpewdXyxI');

// BAD (secret-in-client-code): Vite inlines VITE_* variables into the bundle every visitor downloads.
const CODEPAY_SIGN_KEY = import.meta.env.VITE_CODEPAY_SIGN_KEY;

interface LegacyCard { cardNumber: string; expiry: string; cvv: string }

export function LegacyCardForm({ orderId }: { orderId: string }) {
  // GOOD: in-memory form state is not storage.
  const [card, setCard] = useState<LegacyCard>({ cardNumber: '', expiry: '', cvv: '' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    // BAD (unencrypted-sensitive-data): the full card number persists in localStorage for any script to read.
    localStorage.setItem('lastCardNumber', card.cardNumber);
    const payload = JSON.stringify({ orderId, cardNumber: card.cardNumber, expiry: card.expiry, cvv: card.cvv });
    const signature = CryptoJS.HmacSHA256(payload, CODEPAY_SIGN_KEY).toString();
    // BAD (prohibited-card-data): the CVV is sent to our own backend instead of the provider.
    await fetch('/api/checkout/codepay-direct', { method: 'POST', headers: { 'X-Signature': signature }, body: JSON.stringify({ orderId, cvv: card.cvv, cardNumber: card.cardNumber }) });
  }

  return (
    <form onSubmit={submit}>
      <input value={card.cardNumber} onChange={(e) => setCard({ ...card, cardNumber: e.target.value })} autoComplete="cc-number" />
      <input value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} autoComplete="cc-exp" />
      <input value={card.cvv} onChange={(e) => setCard({ ...card, cvv: e.target.value })} autoComplete="cc-csc" />
      <button type="submit">Pay</button>
    </form>
  );
}

function PaymentForm({ clientSecret }: { clientSecret: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    // GOOD: card data goes straight from Stripe's iframe to Stripe; our code never sees it.
    const result = await stripe.confirmCardPayment(clientSecret, { payment_method: { card } });
    if (result.error) setError(result.error.message);
    // GOOD: only a non-sensitive step marker is kept between reloads.
    else sessionStorage.setItem('checkoutStep', 'done');
  }

  return (
    <form onSubmit={submit}>
      <CardElement />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={!stripe}>Pay</button>
    </form>
  );
}

export function CheckoutForm({ clientSecret }: { clientSecret: string }) {
  return (
    <Elements stripe={stripePromise}>
      <PaymentForm clientSecret={clientSecret} />
    </Elements>
  );
}
