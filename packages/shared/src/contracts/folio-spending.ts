// Contract of folio's spending capability: request and response schemas, one file per domain.
import { Type, type Static } from '@sinclair/typebox';
import { Amount, EronCode, LocalDate, Money, Nui, Timestamp, Uuid } from '../primitives';
import { NextPage, PageCursor, PageLimit } from './classification';

const Standing = (description: string) => Type.Object({ cap: Amount, spent: Amount, remaining: Amount }, { description });

/** What remains of a PPL's caps on a date (FOL-07, Art. 41). */
export const CapsStanding = Type.Object(
  {
    nui: Nui,
    date: LocalDate,
    day: Standing('Tope diario (2 SMLDV o cifra del DG): gastado y restante hoy'),
    month: Standing('Tope mensual (2 SMMLV o cifra del DG): gastado y restante este mes'),
  },
  { description: 'Topes de gasto de la PPL (Art. 41)' },
);
export type CapsStanding = Static<typeof CapsStanding>;

/** The Folio after a use: balance and what remains of the caps. */
export const AfterUse = Type.Object({
  available: Amount,
  day: Standing('Tope diario tras el uso'),
  month: Standing('Tope mensual tras el uso'),
});

export const ShopSettings = Type.Object(
  {
    runBy: Type.Union([Type.Literal('establishment'), Type.Literal('private_company')], {
      description: 'Quién administra el expendio (Arts. 125, 126, 128): la administración o una empresa particular',
    }),
  },
  { additionalProperties: false },
);
export type ShopSettings = Static<typeof ShopSettings>;

export const ProductInput = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$', description: 'Código del artículo' }),
    name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S', description: 'Nombre del artículo' }),
    unitCost: Money,
    price: Money,
    rawMaterial: Type.Optional(
      Type.Boolean({ description: 'Materia prima de actividades productivas aprobadas (Art. 42): sin tope diario' }),
    ),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'Artículo de la lista de precios; precio ≤ costo + 10 % (Art. 125)' },
);
export type ProductInput = Static<typeof ProductInput>;

export const Product = Type.Object({
  id: Uuid,
  shop: EronCode,
  sku: Type.String(),
  name: Type.String(),
  unitCost: Money,
  price: Money,
  rawMaterial: Type.Boolean(),
  active: Type.Boolean(),
});
export type Product = Static<typeof Product>;

/** A page of the shop's price list, by SKU (PLT-18: no list makes the service read it whole). */
export const ProductPageQuery = Type.Object(
  { limit: Type.Optional(PageLimit(500, 200)), after: Type.Optional(PageCursor) },
  { additionalProperties: false },
);
export type ProductPageQuery = Static<typeof ProductPageQuery>;
export const ProductPage = Type.Object({ shop: EronCode, items: Type.Array(Product), next: NextPage });
export type ProductPage = Static<typeof ProductPage>;

export const PurchaseRequest = Type.Object(
  {
    nui: Nui,
    shop: EronCode,
    items: Type.Array(
      Type.Object({ productId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type PurchaseRequest = Static<typeof PurchaseRequest>;

/** The sale receipt (comprobante de venta, Art. 41.1). */
export const Receipt = Type.Object({
  receiptNumber: Type.String({ description: 'Número del comprobante de venta' }),
  transactionId: Uuid,
  nui: Nui,
  shop: EronCode,
  date: LocalDate,
  total: Money,
  lines: Type.Array(
    Type.Object({
      productId: Uuid,
      sku: Type.String(),
      name: Type.String(),
      quantity: Type.Integer(),
      unitPrice: Money,
      rawMaterial: Type.Boolean(),
    }),
  ),
  after: AfterUse,
});
export type Receipt = Static<typeof Receipt>;

export const ShopMonth = Type.Object(
  {
    shop: EronCode,
    month: Type.String(),
    runBy: Type.String(),
    sales: Amount,
    costOfGoods: Amount,
    profit: Type.Integer({ description: 'Ventas − costo de lo vendido' }),
    cajaEspecialShare: Amount,
    closed: Type.Boolean(),
    closedAt: Type.Optional(Timestamp),
    transactionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { description: 'Estado mensual del expendio: 30 % de la utilidad a la Caja Especial (Art. 128)' },
);
export type ShopMonth = Static<typeof ShopMonth>;

export const ReversalRequest = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 300, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const PhoneCreditRequest = Type.Object(
  {
    nui: Nui,
    line: Type.String({ pattern: '^[0-9]{4,15}$', description: 'Línea o PIN de la tarjeta telefónica' }),
    amount: Money,
  },
  { additionalProperties: false },
);
export type PhoneCreditRequest = Static<typeof PhoneCreditRequest>;

export const PhoneCredit = Type.Object({
  id: Uuid,
  nui: Nui,
  amount: Money,
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('released'), Type.Literal('held')]),
  providerTransactionId: Type.Union([Type.String(), Type.Null()]),
  after: Type.Optional(AfterUse),
});
export type PhoneCredit = Static<typeof PhoneCredit>;

const Str = (max: number, description?: string) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...(description ? { description } : {}) });

/** An appliance's code in the DG's tariff table (FOL-08 (7)). */
export const ApplianceCode = Type.String({
  pattern: '^[a-z][a-z0-9_-]{1,39}$',
  description: 'Código del electrodoméstico en la tabla de tarifas del DG',
});

/** The DG sets an appliance's fee per month of use, from a date (FOL-08 (7), Art. 41.7). */
export const ApplianceTariffRequest = Type.Object(
  {
    appliance: ApplianceCode,
    name: Str(80, 'Nombre del electrodoméstico'),
    monthlyFee: Money,
    effectiveFrom: LocalDate,
    resolution: Str(120, 'Resolución del Director General que fija la tarifa'),
  },
  { additionalProperties: false },
);
export type ApplianceTariffRequest = Static<typeof ApplianceTariffRequest>;
export const ApplianceTariff = Type.Object({
  appliance: Type.String(),
  name: Type.String(),
  monthlyFee: Money,
  effectiveFrom: LocalDate,
  resolution: Type.String(),
});
export type ApplianceTariff = Static<typeof ApplianceTariff>;

/** The written request or authorisation addressed to the Director (Art. 41.4–7). */
export const WrittenRequest = Type.Object(
  {
    date: Type.Optional(LocalDate),
    signed: Type.Optional(Type.Boolean({ description: 'Lleva la firma de la PPL' })),
    fingerprint: Type.Optional(Type.Boolean({ description: 'Lleva la huella dactilar de la PPL' })),
    documentRef: Type.Optional(Str(80, 'Radicado del escrito')),
  },
  { additionalProperties: false },
);

export const WithdrawalUse = Type.Union(
  [
    Type.Literal('productive_project'),
    Type.Literal('permission'),
    Type.Literal('transfer'),
    Type.Literal('bail_or_debt'),
    Type.Literal('appliance_fee'),
  ],
  {
    description:
      'Uso del Folio (Art. 41): 2 proyectos productivos, 4 permiso de hasta 72 h, 5 traslado a familiar o allegado, ' +
      '6 fianza o acreencia, 7 uso de electrodomésticos',
  },
);

/** A use of the Folio other than the shop and phone credit (FOL-08); what each use needs is checked by the rules. */
export const WithdrawalRequest = Type.Object(
  {
    nui: Nui,
    use: WithdrawalUse,
    amount: Money,
    writtenRequest: Type.Optional(WrittenRequest),
    receiptNumber: Type.Optional(Str(60, 'Comprobante de venta del proyecto productivo (Art. 41.2)')),
    project: Type.Optional(Str(120, 'Proyecto productivo aprobado')),
    permission: Type.Optional(
      Type.Object(
        {
          startsOn: Type.Optional(LocalDate),
          hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          authorisation: Type.Optional(Str(80, 'Acto que concede el permiso')),
        },
        { additionalProperties: false },
      ),
    ),
    beneficiary: Type.Optional(
      Type.Object(
        {
          givenNames: Type.Optional(Str(80)),
          surnames: Type.Optional(Str(80)),
          relationship: Type.Optional(Str(40, 'Parentesco')),
          document: Type.Optional(
            Type.Object({ type: Type.String({ maxLength: 5 }), number: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
          ),
          address: Type.Optional(Str(160)),
          phone: Type.Optional(Type.String({ pattern: '^[0-9+ ]{7,15}$' })),
        },
        { additionalProperties: false, description: 'Familiar o allegado (Art. 41.5); datos confidenciales' },
      ),
    ),
    amountInWords: Type.Optional(Str(200, 'Valor en letras (Art. 41.5)')),
    bank: Type.Optional(
      Type.Object(
        {
          bank: Type.Optional(Str(80)),
          accountNumber: Type.Optional(Type.String({ pattern: '^[0-9-]{4,30}$' })),
          accountType: Type.Optional(Type.Union([Type.Literal('savings'), Type.Literal('checking')])),
        },
        { additionalProperties: false, description: 'Para consignación al beneficiario' },
      ),
    ),
    debt: Type.Optional(
      Type.Object(
        {
          kind: Type.Optional(Type.Union([Type.Literal('bail'), Type.Literal('debt')])),
          creditor: Type.Optional(Str(120)),
          legalBasis: Type.Optional(Str(160, 'Providencia o título que la constituye')),
        },
        { additionalProperties: false },
      ),
    ),
    appliance: Type.Optional(
      Type.Object(
        {
          code: Type.Optional(ApplianceCode),
          months: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'Meses de uso que se pagan (1 si se omite)' })),
        },
        {
          additionalProperties: false,
          description:
            'El electrodoméstico por su código en la tabla de tarifas del DG (FOL-08 (7)); el valor es la tarifa vigente × meses',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type WithdrawalRequest = Static<typeof WithdrawalRequest>;

export const Withdrawal = Type.Object({
  transactionId: Uuid,
  voucherNumber: Type.String(),
  nui: Nui,
  use: Type.String(),
  amount: Money,
  date: LocalDate,
  after: AfterUse,
});
