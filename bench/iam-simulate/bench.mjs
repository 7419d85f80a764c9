// SPDX-License-Identifier: Apache-2.0
// Times @cloud-copilot/iam-simulate on the requests of bench/bm_eval.cpp (cases.json), for the
// speed comparison in bench/RESULTS.md. Two figures per case:
//   authorize: policies loaded once (iam-policy loadPolicy), request built once, the core engine's
//              authorize() timed per request: the counterpart of iamguard's prepared evaluate();
//   runSimulation: the public entry point, which validates and loads the policies on every call.
// Usage: npm install && node bench.mjs [iterations]
import { readFileSync } from 'node:fs';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation } from '@cloud-copilot/iam-simulate';
// The core engine is not exported by the package; import its files directly.
import { authorize } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/core_engine/CoreSimulatorEngine.js';
import { AwsRequestImpl } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/request/request.js';
import { RequestContextImpl } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/requestContext.js';
import { DiscoveryContextKeyConstraints } from './node_modules/@cloud-copilot/iam-simulate/dist/esm/context_keys/discoveryContextKeyConstraints.js';

const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url)));
const iterations = Number(process.argv[2] ?? 20000);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Runs fn `iterations` times per repetition; returns the median ns per call over 7 repetitions.
function time(fn, n) {
  for (let i = 0; i < Math.min(n, 2000); ++i) fn();  // warm up the JIT
  const reps = [];
  for (let r = 0; r < 7; ++r) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; ++i) fn();
    const t1 = process.hrtime.bigint();
    reps.push(Number(t1 - t0) / n);
  }
  return median(reps);
}

// iam-simulate spells decisions Allowed / ExplicitlyDenied / ImplicitlyDenied.
const names = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };
async function timeAsync(fn, n) {
  for (let i = 0; i < Math.min(n, 200); ++i) await fn();
  const reps = [];
  for (let r = 0; r < 7; ++r) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; ++i) await fn();
    const t1 = process.hrtime.bigint();
    reps.push(Number(t1 - t0) / n);
  }
  return median(reps);
}

const results = [];
for (const c of cases) {
  const identityPolicies = c.identity.map((p, i) => loadPolicy(p, { name: `identity${i}` }));
  const resourcePolicy = c.resource ? loadPolicy(c.resource, { name: 'resource' }) : undefined;
  const request = new AwsRequestImpl(
    c.request.principal,
    { resource: c.request.resource, accountId: c.request.resource_account },
    c.request.action,
    new RequestContextImpl(c.request.context)
  );
  const input = {
    request,
    sessionPolicy: undefined,
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) }
  };
  const decision = names[authorize(input).result] ?? authorize(input).result;
  if (decision !== c.expect) throw new Error(`${c.name}: iam-simulate says ${decision}, expected ${c.expect}`);
  const simulation = {
    identityPolicies: c.identity.map((p, i) => ({ name: `identity${i}`, policy: p })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resource ?? undefined,
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resource_account },
      contextVariables: c.request.context
    }
  };
  const fullResult = await runSimulation(simulation, {});
  const full = names[fullResult.result?.analysis?.result] ?? JSON.stringify(fullResult).slice(0, 300);
  if (full !== c.expect) throw new Error(`${c.name}: runSimulation says ${full}, expected ${c.expect}`);
  const authorizeNs = time(() => authorize(input), iterations);
  const simulationNs = await timeAsync(() => runSimulation(simulation, {}), Math.max(1, Math.floor(iterations / 20)));
  results.push({ case: c.name, decision, authorize_ns: Math.round(authorizeNs), run_simulation_ns: Math.round(simulationNs) });
}
console.log(`node ${process.version}, @cloud-copilot/iam-simulate ${JSON.parse(readFileSync(new URL('./node_modules/@cloud-copilot/iam-simulate/package.json', import.meta.url))).version}`);
console.table(results);
console.log(JSON.stringify(results));
