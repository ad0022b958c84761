// Scenario: the scenario file as a form and as TOML side by side, both ways. A form edit
// rewrites that key in the TOML; a TOML edit is validated by the server (the CLI's own
// checks, POST /api/scenario/validate) and refreshes the form, its errors shown at the field.
import { api, ApiError, clearErrors, el, errorLine, progressBar, runJob } from "./common.js";

// The keys the form covers: [table] key, and where the validated form view holds its value.
const FIELDS = [
  { key: "name", table: "scenario", label: "Name", type: "text", kind: "string", get: (s) => s.name },
  { key: "start", table: "scenario", label: "Start (UTC)", type: "text", kind: "datetime", get: (s) => s.start, placeholder: "2022-03-03T00:00:00Z" },
  { key: "duration_days", table: "scenario", label: "Duration (days)", type: "number", kind: "number", get: (s) => s.duration_days },
  { key: "solar", table: "scenario", label: "Solar activity", type: "text", kind: "string", get: (s) => s.solar, list: ["observed", "nominal", "low", "high"] },
  { key: "floor_km", table: "reboost", label: "Reboost floor (km)", type: "number", kind: "number", get: (s) => pick(s, "floor_km") },
  { key: "target_km", table: "reboost", label: "Reboost target (km)", type: "number", kind: "number", get: (s) => pick(s, "target_km") ?? pick(s, "ceiling_km") },
];

function pick(s, key) {
  const reboost = s.reboost || {};
  return reboost[key] ?? s[key] ?? s[`reboost_${key}`] ?? reboost[key.replace("_km", "")];
}

const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A form value as a TOML literal (null = remove the key). */
export function tomlLiteral(field, raw) {
  const value = String(raw ?? "").trim();
  if (value === "") return null;
  if (field.kind === "number") return Number.isFinite(Number(value)) ? String(Number(value)) : JSON.stringify(value);
  if (field.kind === "datetime") return DATETIME.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

const HEADER = /^\s*\[/;

/** Set (or with literal null remove) `key = literal` in [table] of a TOML text, lines kept. */
export function setTomlKey(text, table, key, literal) {
  const lines = text.split("\n");
  const head = new RegExp(`^\\s*\\[\\s*${table}\\s*\\]\\s*(#.*)?$`);
  const start = lines.findIndex((line) => head.test(line));
  if (start < 0) {
    if (literal === null) return text;
    const block = [`[${table}]`, `${key} = ${literal}`, ""];
    const firstArray = lines.findIndex((line) => /^\s*\[\[/.test(line));
    if (firstArray < 0) return `${text.replace(/\n*$/, "\n")}\n${block.join("\n")}`;
    lines.splice(firstArray, 0, ...block);
    return lines.join("\n");
  }
  let end = lines.findIndex((line, i) => i > start && HEADER.test(line));
  if (end < 0) end = lines.length;
  const keyLine = new RegExp(`^(\\s*)${key}\\s*=\\s*(.*)$`);
  for (let i = start + 1; i < end; i++) {
    const m = lines[i].match(keyLine);
    if (!m) continue;
    if (literal === null) {
      lines.splice(i, 1);
      return lines.join("\n");
    }
    lines[i] = `${m[1]}${key} = ${literal}${trailingComment(m[2])}`;
    return lines.join("\n");
  }
  if (literal === null) return text;
  let at = start + 1;
  for (let i = start + 1; i < end; i++) if (/^\s*[A-Za-z0-9_"-]+\s*=/.test(lines[i])) at = i + 1;
  lines.splice(at, 0, `${key} = ${literal}`);
  return lines.join("\n");
}

function trailingComment(valuePart) {
  let i = 0;
  const quote = valuePart[0] === '"' || valuePart[0] === "'" ? valuePart[0] : null;
  if (quote) {
    for (i = 1; i < valuePart.length; i++) {
      if (valuePart[i] === "\\" && quote === '"') i++;
      else if (valuePart[i] === quote) break;
    }
  }
  const hash = valuePart.indexOf("#", i);
  if (hash < 0) return "";
  const spaces = valuePart.slice(0, hash).match(/\s*$/)[0];
  return `${spaces || "  "}${valuePart.slice(hash)}`;
}

function eventsTable(events) {
  if (!events || !events.length) return el("p", { class: "muted" }, "No events.");
  const rows = events.map((e) => {
    const rest = Object.entries(e).filter(([k]) => !["type", "date", "line"].includes(k)).map(([k, v]) => `${k} = ${typeof v === "object" ? JSON.stringify(v) : v}`);
    return el("tr", {}, el("td", {}, e.type ?? ""), el("td", {}, e.date ?? ""), el("td", {}, rest.join(", ")));
  });
  return el("div", { class: "table-wrap" }, el("table", { class: "events" },
    el("thead", {}, el("tr", {}, el("th", {}, "event"), el("th", {}, "date"), el("th", {}, "details"))),
    el("tbody", {}, rows)));
}

export async function scenarioPage(main) {
  const templates = el("select", { id: "sc-template", name: "template" });
  const textarea = el("textarea", { class: "toml", id: "sc-toml", spellcheck: "false", "data-field": "toml", "aria-label": "Scenario file (TOML)" });
  const tomlErrors = el("div", { class: "toml-errors" });
  const status = el("p", { class: "muted validate-status" });
  const seed = el("input", { type: "number", id: "sc-seed", name: "seed", min: 0, step: 1, value: 1 });
  const run = el("button", { type: "button", class: "run" }, "Run");
  const bar = progressBar();
  const out = el("div", { class: "result" });
  const events = el("div", { class: "events-view" });
  const inputs = new Map();
  const rows = FIELDS.map((f) => {
    const input = el("input", { id: `sc-${f.key}`, name: f.key, type: f.type, step: f.kind === "number" ? "any" : null, placeholder: f.placeholder, list: f.list ? `sc-${f.key}-list` : null });
    inputs.set(f.key, input);
    return [
      el("label", { for: `sc-${f.key}` }, f.label),
      el("div", { class: "field", "data-field": f.key },
        input, f.list ? el("datalist", { id: `sc-${f.key}-list` }, f.list.map((o) => el("option", { value: o }))) : null),
    ];
  });
  const form = el("form", { class: "card scenario-form", onsubmit: (e) => e.preventDefault() },
    el("h2", {}, "Form"), el("div", { class: "form-grid" }, rows), el("h3", {}, "Events"), events);
  const editor = el("section", { class: "card" },
    el("div", { class: "actions" }, el("label", { for: "sc-template" }, "Start from"), templates),
    el("h2", {}, "Scenario file (TOML)"), textarea, status, tomlErrors);
  const runCard = el("section", { class: "card wide run-card" },
    el("div", { class: "actions" }, el("label", { for: "sc-seed" }, "Seed"), el("span", { "data-field": "seed" }, seed), run),
    el("div", { class: "error-slot" }), bar.root, out);
  main.replaceChildren(
    el("h1", {}, "Scenario"),
    el("p", { class: "lead" }, "Write a what-if as a scenario file, or change it in the form: both stay in step, checked by the same code as the command line."),
    el("div", { class: "split" }, form, editor),
    runCard,
  );

  const texts = new Map();
  let seq = 0;
  let timer = null;
  const showValidation = (result) => {
    form.querySelectorAll("p.error").forEach((n) => n.remove());
    tomlErrors.replaceChildren();
    const errors = result.errors || [];
    status.textContent = result.ok ? "Valid: the command line would run this file." : `${errors.length} problem(s).`;
    for (const err of errors) {
      const field = String(err.field || "");
      const key = field.split(".").pop();
      const anchor = form.querySelector(`[data-field="${CSS.escape(key)}"]`);
      const line = err.line && !errorLine(err).includes(`:${err.line}`) ? `line ${err.line}: ` : "";
      tomlErrors.append(el("p", { class: "error", "data-error-for": field }, line + errorLine(err)));
      if (anchor) anchor.append(el("p", { class: "error", "data-error-for": field }, errorLine(err)));
    }
    const s = result.scenario;
    if (s) {
      for (const f of FIELDS) {
        const input = inputs.get(f.key);
        if (document.activeElement !== input) input.value = f.get(s) ?? "";
      }
      events.replaceChildren(eventsTable(s.events));
    }
  };
  const validate = async () => {
    const mine = ++seq;
    status.textContent = "Checking…";
    try {
      const result = await api("/api/scenario/validate", { method: "POST", json: { toml: textarea.value } });
      if (mine === seq) showValidation(result);
    } catch (err) {
      if (mine !== seq) return;
      const body = err instanceof ApiError ? err.body : { error: err.message };
      showValidation({ ok: false, errors: [body] });
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  };
  textarea.addEventListener("input", later);
  for (const f of FIELDS) {
    inputs.get(f.key).addEventListener("input", (e) => {
      textarea.value = setTomlKey(textarea.value, f.table, f.key, tomlLiteral(f, e.target.value));
      later();
    });
  }
  templates.addEventListener("change", () => {
    if (texts.has(templates.value)) {
      textarea.value = texts.get(templates.value);
      validate();
    }
  });
  run.addEventListener("click", () => {
    const body = { toml: textarea.value, seed: seed.value === "" ? null : Number(seed.value) };
    runJob({ start: () => api("/api/scenario/run", { method: "POST", json: body }), scope: runCard, out, bar, button: run, tableOrder: ["events", "event_log"] });
  });

  const list = await api("/api/scenario/templates");
  for (const t of list) {
    texts.set(t.name, t.toml);
    templates.append(el("option", { value: t.name }, t.title || t.name));
  }
  if (list.length) {
    textarea.value = list[0].toml;
    await validate();
  }
}
