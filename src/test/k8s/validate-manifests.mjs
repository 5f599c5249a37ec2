#!/usr/bin/env node
// Validates Kubernetes manifests (YAML streams, as `kubectl kustomize` prints them) in three ways:
//
//  1. Schema: every object is checked against the official Kubernetes OpenAPI schemas, through the model class
//     for its apiVersion and kind in the npm package kubernetes-models (each class's validate() is generated from
//     those schemas). An apiVersion/kind with no model fails, unless it is one of the few custom resources
//     allow-listed below, which get a check of their essential fields instead.
//  2. Unknown fields: those schemas allow properties they do not name, so a misspelt field (readinesProbe) would
//     pass them, while the API server rejects it (kubectl's default field validation is strict). Every field is
//     therefore also looked up in the models' type declarations, which list each object's properties.
//  3. Policies (--policies): what the deployment issue requires of the built output, e.g. at least two replicas,
//     non-root, read-only root filesystem, the three health probes, requests and limits; and that the objects
//     refer to each other correctly (Service and NetworkPolicy selectors, Ingress backends, HPA and PDB targets,
//     ConfigMaps by their generated names).
//
// Usage:
//   node validate-manifests.mjs [--policies [--namespace NS] [--require-kind KIND]... [--forbid-kind KIND]...] FILE...
//   (FILE - is stdin; the options after --policies are policies too)
//   node validate-manifests.mjs --fixtures DIR
// With --fixtures, every *.yaml in DIR must be REJECTED with each message named on its "# expect: ..." lines
// (a "# policies" line turns the policies on for it). That is how .ci/check-manifests proves this check can fail.
// Exit status: 0 valid (or every fixture rejected as expected), 1 invalid, 2 usage or internal error.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Custom resources deliberately allowed without a schema: mariadb-operator's, used only by the optional component
// k8s/components/mariadb-galera. Their CRDs are not in the Kubernetes schema set; each gets a check of the fields
// this project relies on.
const ALLOWED_CUSTOM_KINDS = {
  "k8s.mariadb.com/v1alpha1": {
    MariaDB(o, err) {
      const s = o.spec ?? {};
      if (!s.rootPasswordSecretKeyRef?.name) err("spec.rootPasswordSecretKeyRef.name is required");
      if (!s.storage?.size && !s.storage?.volumeClaimTemplate) err("spec.storage.size is required");
      if (s.galera?.enabled !== true) err("spec.galera.enabled must be true (the component is a Galera cluster)");
      if (!Number.isInteger(s.replicas) || s.replicas < 3 || s.replicas % 2 === 0)
        err(`spec.replicas must be an odd integer of at least 3 for Galera quorum, not ${JSON.stringify(s.replicas)}`);
    },
    Database(o, err) {
      if (!o.spec?.mariaDbRef?.name) err("spec.mariaDbRef.name is required");
    },
    User(o, err) {
      if (!o.spec?.mariaDbRef?.name) err("spec.mariaDbRef.name is required");
      if (!o.spec?.passwordSecretKeyRef?.name || !o.spec?.passwordSecretKeyRef?.key)
        err("spec.passwordSecretKeyRef.name and .key are required");
    },
    Grant(o, err) {
      const s = o.spec ?? {};
      if (!s.mariaDbRef?.name) err("spec.mariaDbRef.name is required");
      if (!s.username) err("spec.username is required");
      if (!s.database) err("spec.database is required");
      if (!Array.isArray(s.privileges) || s.privileges.length === 0) err("spec.privileges must list privileges");
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Property index from the models' TypeScript declarations: canonical interface name (IIoK8sApiAppsV1Deployment)
// -> { property name -> type text }. Types refer to other interfaces by their canonical names.
const MODEL_ROOTS = ["kubernetes-models", "@kubernetes-models/apimachinery"].map((p) =>
  dirname(require.resolve(`${p}/package.json`)),
);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function parseDeclarations(text) {
  const interfaces = new Map(); // local name -> props
  const source = text.replace(/\/\*\*[\s\S]*?\*\//g, "");
  const re = /^export interface (\w+)(?: extends [^{]+)? \{\n([\s\S]*?)^\}/gm;
  for (let m; (m = re.exec(source)); ) {
    const props = new Map();
    const lines = m[2].split("\n");
    for (let i = 0; i < lines.length; i++) {
      const p = /^ {4}"([^"]+)"\??: (.*)$/.exec(lines[i]);
      if (!p) continue;
      let type = p[2];
      if (type === "{") {
        // a map: {\n [key: string]: T;\n };
        const inner = /^\s+\[key: string\]: (.*);$/.exec(lines[i + 1] ?? "");
        type = inner ? `Map<${inner[1]}>` : "unknown";
        while (i < lines.length && !/^ {4}\};?$/.test(lines[i])) i++;
      } else {
        type = type.replace(/;$/, "");
      }
      props.set(p[1], type);
    }
    interfaces.set(m[1], props);
  }
  const aliases = new Map(); // local name -> canonical name
  for (const e of source.matchAll(/^export \{ (.*) \};$/gm)) {
    for (const part of e[1].split(",")) {
      const a = /(\w+) as (\w+)/.exec(part.trim());
      if (a) aliases.set(a[1], a[2]);
    }
  }
  return { interfaces, aliases };
}

const TYPES = new Map();
for (const root of MODEL_ROOTS) {
  for (const file of walk(root)) {
    if (file.slice(root.length).includes("node_modules")) continue;
    const { interfaces, aliases } = parseDeclarations(readFileSync(file, "utf8"));
    for (const [local, props] of interfaces) {
      const canonical = aliases.get(local);
      if (canonical && canonical.startsWith("IIoK8s")) TYPES.set(canonical, props);
    }
  }
}
if (TYPES.size < 500) {
  console.error(`internal error: only ${TYPES.size} object types read from the model declarations`);
  process.exit(2);
}

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

// Reports every field that the type (and, below it, the types it names) does not declare.
function unknownFields(value, type, path, errors) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.*)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, m[1], `${path}[${i}]`, errors));
    return;
  }
  if ((m = /^Map<(.*)>$/.exec(type))) {
    if (typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) unknownFields(v, m[1], `${path}.${k}`, errors);
    return;
  }
  const props = TYPES.get(type);
  // Not an object type (a primitive, a union, IntOrString, Quantity, Time), or one without declared properties
  // (free-form JSON): nothing to check here. The schema check covers the values' types.
  if (!props || props.size === 0 || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const t = props.get(key);
    if (t === undefined) {
      const known = [...props.keys()];
      const near = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
      errors.push(
        `${path ? `${path}.` : ""}${key}: unknown field` + (near.length ? ` (did you mean ${near.join(" or ")}?)` : ""),
      );
    } else {
      unknownFields(v, t, `${path ? `${path}.` : ""}${key}`, errors);
    }
  }
}

// The canonical declaration of a model class: the package's <apiVersion>/<Kind>.d.ts names it.
function canonicalTypeOf(apiVersion, kind) {
  const file = join(MODEL_ROOTS[0], ...apiVersion.split("/"), `${kind}.d.ts`);
  const { aliases } = parseDeclarations(readFileSync(file, "utf8"));
  return aliases.get(`I${kind}`);
}

// ---------------------------------------------------------------------------------------------------------------
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  let mod;
  try {
    mod = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  const cls = mod[kind];
  // Only top-level kinds: a class whose own apiVersion and kind are these (not a nested type such as PodSpec).
  return cls && cls.apiVersion === apiVersion && cls.kind === kind ? cls : undefined;
}

async function validateObject(o) {
  const errors = [];
  const { apiVersion, kind } = o ?? {};
  const custom = ALLOWED_CUSTOM_KINDS[apiVersion]?.[kind];
  if (custom) {
    custom(o, (e) => errors.push(e));
    if (!o.metadata?.name) errors.push("metadata.name is required");
    return { errors, note: "custom resource (no schema): essential fields checked" };
  }
  const cls = await modelClass(apiVersion, kind);
  if (!cls) {
    errors.push(`unknown kind ${apiVersion}/${kind}: not in the Kubernetes schemas, and not allow-listed`);
    return { errors };
  }
  // The model set keeps old API versions that clusters no longer serve (policy/v1beta1 went in 1.25,
  // autoscaling/v2beta2 in 1.26, ...), and new beta APIs are off by default: only GA versions are deployable.
  if (!/^([a-z0-9.-]+\/)?v[0-9]+$/.test(apiVersion)) {
    errors.push(`unknown kind ${apiVersion}/${kind}: ${apiVersion} is not a GA API version (removed from, or off by default in, current clusters)`);
    return { errors };
  }
  try {
    new cls(o).validate();
  } catch (e) {
    if (!e.errors) throw e;
    for (const x of e.errors) {
      const where = x.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(object)";
      errors.push(`${where}: ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(", ")})` : ""}`);
    }
  }
  unknownFields(o, canonicalTypeOf(apiVersion, kind), "", errors);
  if (!o.metadata?.name) errors.push("metadata.name is required");
  return { errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Policies on a whole build.
const matches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const POD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

function checkPolicies(objects, options) {
  const problems = [];
  const id = (o) => `${o.kind}/${o.metadata?.name}`;
  const byKind = (k) => objects.filter((o) => o.kind === k);
  const workloads = objects.filter((o) => POD_KINDS.has(o.kind));
  const hpas = byKind("HorizontalPodAutoscaler");
  const pdbs = byKind("PodDisruptionBudget");
  const configMaps = new Set(byKind("ConfigMap").map((o) => o.metadata.name));

  for (const k of options.requireKinds)
    if (!objects.some((o) => o.kind === k)) problems.push(`the build has no ${k}`);
  for (const o of objects) {
    if (options.namespace && o.kind !== "Namespace" && o.metadata?.namespace !== options.namespace)
      problems.push(`${id(o)}: namespace is ${o.metadata?.namespace ?? "not set"}, not ${options.namespace}`);
    if (options.forbidKinds.includes(o.kind))
      problems.push(`${id(o)}: no ${o.kind} may be in this build (it comes from the cluster's secret store)`);
  }

  // Every pod: the namespace enforces the "restricted" Pod Security Standard.
  for (const w of workloads) {
    const pod = w.spec?.template?.spec ?? {};
    const psc = pod.securityContext ?? {};
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      const where = `${id(w)} container ${c.name}`;
      if (!(sc.runAsNonRoot ?? psc.runAsNonRoot)) problems.push(`${where}: runAsNonRoot must be true`);
      if ((sc.runAsUser ?? psc.runAsUser) === 0) problems.push(`${where}: must not run as uid 0`);
      if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: capabilities must drop ALL`);
      if ((sc.seccompProfile ?? psc.seccompProfile)?.type !== "RuntimeDefault")
        problems.push(`${where}: seccompProfile must be RuntimeDefault`);
      if (sc.privileged) problems.push(`${where}: must not be privileged`);
      for (const e of c.envFrom ?? [])
        if (e.configMapRef && !configMaps.has(e.configMapRef.name))
          problems.push(`${where}: envFrom names ConfigMap ${e.configMapRef.name}, which is not in the build`);
    }
    for (const v of pod.volumes ?? [])
      if (v.configMap && !configMaps.has(v.configMap.name))
        problems.push(`${id(w)}: volume ${v.name} names ConfigMap ${v.configMap.name}, which is not in the build`);
  }

  // The service's Deployments: what the deployment issue asks of them.
  for (const d of byKind("Deployment")) {
    const pod = d.spec?.template?.spec ?? {};
    const labels = d.spec?.template?.metadata?.labels;
    if (!matches(d.spec?.selector?.matchLabels, labels))
      problems.push(`${id(d)}: selector does not match the pod template's labels`);
    const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec.scaleTargetRef.name === d.metadata.name);
    const replicas = d.spec?.replicas ?? 1;
    if (replicas < 2 && !(hpa && hpa.spec.minReplicas >= 2))
      problems.push(`${id(d)}: needs at least 2 replicas (or an HPA with minReplicas >= 2), has ${replicas}`);
    if (!hpa) problems.push(`${id(d)}: no HorizontalPodAutoscaler targets it`);
    else if (!(hpa.spec.minReplicas >= 2)) problems.push(`${id(hpa)}: minReplicas must be at least 2`);
    if (hpa && replicas < (hpa.spec.minReplicas ?? 1))
      problems.push(`${id(d)}: replicas (${replicas}) below the HPA's minReplicas (${hpa.spec.minReplicas})`);
    if (!pdbs.some((p) => matches(p.spec?.selector?.matchLabels, labels)))
      problems.push(`${id(d)}: no PodDisruptionBudget selects its pods`);
    if (!(pod.topologySpreadConstraints ?? []).length) problems.push(`${id(d)}: no topologySpreadConstraints`);
    const tmp = (pod.volumes ?? []).find((v) => v.emptyDir);
    for (const c of pod.containers ?? []) {
      const where = `${id(d)} container ${c.name}`;
      if (c.securityContext?.readOnlyRootFilesystem !== true)
        problems.push(`${where}: readOnlyRootFilesystem must be true`);
      const tmpMount = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
      if (!tmpMount || !(pod.volumes ?? []).some((v) => v.name === tmpMount.name && v.emptyDir))
        problems.push(`${where}: /tmp must be a writable emptyDir (the root filesystem is read-only)`);
      for (const [probe, path] of [
        ["startupProbe", "/q/health/started"],
        ["livenessProbe", "/q/health/live"],
        ["readinessProbe", "/q/health/ready"],
      ]) {
        if (c[probe]?.httpGet?.path !== path)
          problems.push(`${where}: ${probe} must be an HTTP GET of ${path}, is ${JSON.stringify(c[probe]?.httpGet?.path ?? c[probe] ?? null)}`);
      }
      for (const part of ["requests", "limits"])
        for (const r of ["cpu", "memory"])
          if (c.resources?.[part]?.[r] === undefined) problems.push(`${where}: resources.${part}.${r} must be set`);
      const pause = c.lifecycle?.preStop?.sleep?.seconds ??
        Number((c.lifecycle?.preStop?.exec?.command ?? []).join(" ").match(/sleep\s+(\d+)/)?.[1] ?? NaN);
      if (!Number.isFinite(pause) || pause <= 0) problems.push(`${where}: needs a preStop pause`);
      else if (!((pod.terminationGracePeriodSeconds ?? 30) > pause))
        problems.push(`${where}: terminationGracePeriodSeconds must exceed the preStop pause (${pause} s)`);
    }
    if (!tmp) problems.push(`${id(d)}: has no emptyDir volume for /tmp`);
  }

  // References between objects.
  const podLabelSets = workloads.map((w) => w.spec?.template?.metadata?.labels ?? {});
  const services = byKind("Service");
  for (const s of services) {
    if (s.spec?.type === "ExternalName") continue;
    if (!podLabelSets.some((l) => matches(s.spec?.selector, l)))
      problems.push(`${id(s)}: selector matches no pod template in the build`);
  }
  for (const n of byKind("NetworkPolicy"))
    if (!podLabelSets.some((l) => matches(n.spec?.podSelector?.matchLabels, l)))
      problems.push(`${id(n)}: podSelector matches no pod template in the build`);
  for (const p of pdbs)
    if (!podLabelSets.some((l) => matches(p.spec?.selector?.matchLabels, l)))
      problems.push(`${id(p)}: selector matches no pod template in the build`);
  for (const h of hpas) {
    const t = h.spec?.scaleTargetRef ?? {};
    if (!objects.some((o) => o.kind === t.kind && o.metadata?.name === t.name))
      problems.push(`${id(h)}: scaleTargetRef ${t.kind}/${t.name} is not in the build`);
  }
  for (const i of byKind("Ingress")) {
    for (const rule of i.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const b = p.backend?.service;
        const svc = services.find((s) => s.metadata.name === b?.name);
        if (!svc) problems.push(`${id(i)}: backend Service ${b?.name} is not in the build`);
        else if (!(svc.spec.ports ?? []).some((sp) => (b.port?.name ? sp.name === b.port.name : sp.port === b.port?.number)))
          problems.push(`${id(i)}: backend port ${JSON.stringify(b.port)} is not a port of Service ${b.name}`);
      }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
function readStream(text, label) {
  const objects = [];
  const errors = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      errors.push(`${label}: YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const o = doc.toJS();
    if (o === null || o === undefined) continue;
    if (typeof o !== "object" || Array.isArray(o)) {
      errors.push(`${label}: a document that is not an object`);
      continue;
    }
    objects.push(o);
  }
  return { objects, errors };
}

async function validateStream(text, label, options) {
  const { objects, errors } = readStream(text, label);
  const lines = [];
  if (objects.length === 0 && errors.length === 0) errors.push(`${label}: no objects`);
  for (const o of objects) {
    const name = `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;
    const r = await validateObject(o);
    for (const e of r.errors) errors.push(`${label}: ${name}: ${e}`);
    if (!r.errors.length && r.note) lines.push(`${label}: ${name}: ${r.note}`);
  }
  if (options.policies) for (const p of checkPolicies(objects, options)) errors.push(`${label}: policy: ${p}`);
  return { count: objects.length, errors, lines };
}

function parseArgs(argv) {
  const options = { policies: false, namespace: undefined, forbidKinds: [], requireKinds: [], files: [], fixtures: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--policies") options.policies = true;
    else if (a === "--namespace") options.namespace = argv[++i];
    else if (a === "--forbid-kind") options.forbidKinds.push(argv[++i]);
    else if (a === "--require-kind") options.requireKinds.push(argv[++i]);
    else if (a === "--fixtures") options.fixtures = argv[++i];
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else options.files.push(a);
  }
  if (!options.fixtures && options.files.length === 0) throw new Error("no input: name files, or - for stdin");
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\nusage: validate-manifests.mjs [--policies [--namespace NS] [--require-kind KIND]... [--forbid-kind KIND]...] FILE...\n       validate-manifests.mjs --fixtures DIR`);
    return 2;
  }

  if (options.fixtures) {
    const files = readdirSync(options.fixtures).filter((f) => f.endsWith(".yaml")).sort();
    if (files.length === 0) {
      console.error(`no fixtures in ${options.fixtures}`);
      return 2;
    }
    let failed = 0;
    for (const f of files) {
      const text = readFileSync(join(options.fixtures, f), "utf8");
      const expects = [...text.matchAll(/^# expect: (.+)$/gm)].map((m) => m[1].trim());
      const fixtureOptions = { ...options, policies: /^# policies$/m.test(text) };
      const r = await validateStream(text, f, fixtureOptions);
      const missing = expects.filter((x) => !r.errors.some((e) => e.includes(x)));
      if (expects.length === 0) {
        console.log(`FAIL ${f}: names no "# expect:" message`);
        failed++;
      } else if (r.errors.length === 0) {
        console.log(`FAIL ${f}: was ACCEPTED, but must be rejected`);
        failed++;
      } else if (missing.length) {
        console.log(`FAIL ${f}: rejected, but without: ${missing.join(" | ")}\n  got:\n    ${r.errors.join("\n    ")}`);
        failed++;
      } else {
        console.log(`ok   ${f}: rejected as expected (${r.errors.length} problem(s))`);
        for (const e of r.errors) console.log(`       ${e}`);
      }
    }
    console.log(`${files.length - failed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }

  let total = 0;
  let invalid = 0;
  for (const file of options.files) {
    const label = file === "-" ? "stdin" : file;
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    const r = await validateStream(text, label, options);
    total += r.count;
    for (const l of r.lines) console.log(l);
    for (const e of r.errors) console.log(`INVALID ${e}`);
    invalid += r.errors.length;
  }
  console.log(`${total} objects checked, ${invalid} problem(s)`);
  return invalid ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`internal error: ${e.stack ?? e}`);
    process.exit(2);
  },
);
