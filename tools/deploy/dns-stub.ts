import { createSocket } from 'node:dgram';

/**
 * A DNS server for tests on 127.0.0.1 (random UDP port): answers A queries for the names it is
 * given and NXDOMAIN for every other name, as Docker's embedded DNS does for containers that do
 * not exist. Records every question, so a test can see which name a client looked up.
 */
export interface DnsStub {
  port: number;
  questions: string[];
  close(): Promise<void>;
}

export async function startDnsStub(records: Record<string, string>): Promise<DnsStub> {
  const socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (query, peer) => {
    const reply = answer(query, records, questions);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return {
    port: socket.address().port,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

const TYPE_A = 1;
const NXDOMAIN = 3;

function answer(query: Buffer, records: Record<string, string>, questions: string[]): Buffer | undefined {
  if (query.length < 12) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  // Root label, then QTYPE and QCLASS.
  const questionEnd = offset + 5;
  if (questionEnd > query.length) return undefined;
  const type = query.readUInt16BE(offset + 1);
  const name = labels.join('.').toLowerCase();
  questions.push(name);
  const address = records[name];

  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // Response, authoritative, recursion desired copied from the query, recursion available.
  const recursionDesired = query.readUInt16BE(2) & 0x0100;
  header.writeUInt16BE(0x8480 | recursionDesired | (address ? 0 : NXDOMAIN), 2);
  header.writeUInt16BE(1, 4);
  const answers = address && type === TYPE_A ? [addressRecord(address)] : [];
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

function addressRecord(address: string): Buffer {
  const record = Buffer.alloc(16);
  record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
  record.writeUInt16BE(TYPE_A, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(10, 6); // TTL
  record.writeUInt16BE(4, 10);
  address.split('.').forEach((octet, i) => (record[12 + i] = Number(octet)));
  return record;
}
