// Runs the Digital Credentials Consortium's verifier (@digitalcredentials/verifier-core, the
// one behind VerifierPlus and the Learner Credential Wallet) on a credential, offline.
// Usage: node tests/ob_verifier.mjs INPUT.json OUTPUT.json  (VERIFIER_CORE: the npm prefix it is installed in)
// INPUT: {"credential": {...}, "documents": {"https://...": {...}}}. Every HTTP fetch the
// verifier makes (the did:web document, the status list, a schema) is answered from
// "documents" and nothing else: the injected offline document loader. Its own JSON-LD contexts
// are the ones its npm packages ship. Writes the verifier's answer as JSON, and "fetched":
// the addresses it asked for, into OUTPUT.json (the verifier prints its own notes on stdout).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const fetched = [];
globalThis.fetch = async (resource) => {
  const url = typeof resource === 'string' ? resource : resource.url ?? String(resource);
  fetched.push(url);
  const found = input.documents[url];
  if (found === undefined) {
    return new Response('offline: not served', { status: 404, headers: { 'content-type': 'text/plain' } });
  }
  return new Response(JSON.stringify(found), { status: 200, headers: { 'content-type': 'application/json' } });
};
const prefix = process.env.VERIFIER_CORE;
const { verifyCredential } = await import(
  join(prefix, 'node_modules/@digitalcredentials/verifier-core/dist/index.js'));
const result = await verifyCredential({ credential: input.credential, knownDIDRegistries: [] });
delete result.credential;
for (const e of result.errors ?? []) { if (e.stackTrace) e.stackTrace = String(e.stackTrace?.message ?? e.stackTrace); }
writeFileSync(process.argv[3], JSON.stringify({ result, fetched }, null, 1) + '\n');
