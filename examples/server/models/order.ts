// Order and saved-payment entities (TypeORM).
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { encryptedColumn } from '../lib/crypto';

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  customerId!: string;

  @Column('int')
  totalCents!: number;

  @Column({ length: 3 })
  currency!: string;

  @Column({ default: 'pending' })
  status!: 'pending' | 'paid' | 'refunded' | 'failed';

  // GOOD: only the provider's token is kept; the card itself stays with Stripe/CodePay.
  @Column({ nullable: true })
  paymentMethodToken?: string;

  @CreateDateColumn()
  createdAt!: Date;
}

@Entity('saved_cards')
export class SavedCard {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  customerId!: string;

  // BAD (unencrypted-sensitive-data): the full card number stored in a plain column.
  @Column()
  cardNumber!: string;

  // BAD (prohibited-card-data): the CVV must never be stored, not even encrypted.
  @Column()
  cvv!: string;

  // GOOD: last four digits and expiry are enough to show "Visa •••• 4242".
  @Column({ length: 4 })
  cardLast4!: string;

  @Column()
  expiry!: string;

  // GOOD: bank account for payouts, encrypted by a column transformer.
  @Column({ type: 'text', transformer: encryptedColumn })
  bankAccountNumber!: string;
}
