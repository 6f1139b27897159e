// The load of the server bench: every paired device pushes its orders at once, one
// request at a time per device as the app's outbox does, over its keep-alive connection.
import type { Order } from '../src/domain/types.ts';
import type { PairedDevice, PreparedServer } from './bench-server-setup.ts';

export interface PushPlan {
  ordersPerDevice: number;
  /** Every order whose index modulo this is `resendEvery - 1` is sent again after its reply. */
  resendEvery: number;
  /** Pairs of devices in different stores that sell the same unit; each pair is one true duplicate. */
  duplicatePairs: number;
}

/** The serial of a true duplicate, sold once by each device of a pair. */
export interface DuplicateSale {
  productId: string;
  serialNumber: string;
  orderIds: [string, string];
}

export interface PushResult {
  /** Orders the server acknowledged with 201 or 200. */
  acknowledgedOrderIds: Set<string>;
  /** First deliveries acknowledged with 201. */
  created: number;
  /** Resends of acknowledged orders, acknowledged with 200. */
  resent: number;
  requests: number;
  /** One line per reply that was not the expected one, or per failed request. */
  failures: string[];
  latenciesMs: number[];
  wallMs: number;
  duplicates: DuplicateSale[];
}

const ORDER_INDEX_DIGITS = 9;
const DEVICE_INDEX_DIGITS = 4;

/** Pushes every device's orders concurrently and collects the replies. */
export async function pushOrders(server: PreparedServer, plan: PushPlan): Promise<PushResult> {
  const createdAt = new Date().toISOString();
  const duplicates = planDuplicates(server, plan);
  const duplicateByOrderId = new Map<string, DuplicateSale>();
  for (const sale of duplicates) for (const orderId of sale.orderIds) duplicateByOrderId.set(orderId, sale);

  const result: PushResult = {
    acknowledgedOrderIds: new Set(),
    created: 0,
    resent: 0,
    requests: 0,
    failures: [],
    latenciesMs: [],
    wallMs: 0,
    duplicates,
  };

  const pushDevice = async (device: PairedDevice): Promise<void> => {
    for (let index = 0; index < plan.ordersPerDevice; index += 1) {
      const order = buildOrder(server, device, index, createdAt, duplicateByOrderId);
      const first = await send(device, order, 201, result);
      if (first && index % plan.resendEvery === plan.resendEvery - 1) {
        // As after a reply lost on the way: the outbox sends the acknowledged order again.
        await send(device, order, 200, result);
      }
    }
  };

  const startedMs = performance.now();
  await Promise.all(server.devices.map(pushDevice));
  result.wallMs = performance.now() - startedMs;
  return result;
}

async function send(device: PairedDevice, order: Order, expected: 200 | 201, result: PushResult): Promise<boolean> {
  result.requests += 1;
  try {
    const reply = await device.client.post('/api/v1/orders', order, device.token);
    result.latenciesMs.push(reply.ms);
    if (reply.status !== expected) {
      result.failures.push(`${order.order_id}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
      return false;
    }
    result.acknowledgedOrderIds.add(order.order_id);
    if (expected === 201) result.created += 1;
    else result.resent += 1;
    return true;
  } catch (error) {
    result.failures.push(`${order.order_id}: request failed: ${(error as Error).message}`);
    return false;
  }
}

/**
 * Pairs device i with device i + half + 1, which belongs to another store, and lets both
 * sell one unit in their order of index 1. The later of the two must be flagged.
 */
function planDuplicates(server: PreparedServer, plan: PushPlan): DuplicateSale[] {
  const offset = Math.floor(server.devices.length / 2) + 1;
  const pairs = Math.min(plan.duplicatePairs, server.devices.length - offset);
  if (plan.ordersPerDevice < 2) return [];
  return Array.from({ length: pairs }, (_, pair) => ({
    productId: server.serializedProductIds[pair % server.serializedProductIds.length]!,
    serialNumber: `D${String(pair).padStart(13, '0')}`,
    orderIds: [orderId(pair, 1), orderId(pair + offset, 1)],
  }));
}

function buildOrder(
  server: PreparedServer,
  device: PairedDevice,
  index: number,
  createdAt: string,
  duplicateByOrderId: Map<string, DuplicateSale>,
): Order {
  const id = orderId(device.index, index);
  const duplicate = duplicateByOrderId.get(id);
  const serialized = server.serializedProductIds;
  const plain = server.plainProductIds;
  // S + device + order index is 14 characters, unique per sale, and matches the bench format.
  const serialNumber = duplicate?.serialNumber ?? `S${String(device.index).padStart(DEVICE_INDEX_DIGITS, '0')}${String(index).padStart(ORDER_INDEX_DIGITS, '0')}`;
  const serialProductId = duplicate?.productId ?? serialized[(device.index * 7 + index) % serialized.length]!;
  return {
    order_id: id,
    store_id: device.storeId,
    created_at: createdAt,
    fulfillment_type: 'in_store_purchase',
    lines: [
      { line_id: 'L1', product_id: serialProductId, quantity: 1, fulfillment: 'IN_STORE_HANDOVER', serial_number: serialNumber },
      { line_id: 'L2', product_id: plain[(device.index + index) % plain.length]!, quantity: 2, fulfillment: 'IN_STORE_HANDOVER' },
    ],
  };
}

export function orderId(deviceIndex: number, orderIndex: number): string {
  return `bench-d${deviceIndex}-o${orderIndex}`;
}
