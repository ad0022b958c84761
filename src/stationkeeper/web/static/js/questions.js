// Questions: the 2022 questions as guided presets (GET /api/presets), two or three controls
// each, run as server jobs with progress, the answer sentence, figures and assumptions.
import { api, el, fmt, progressBar, runJob } from "./common.js";

/** One control (a range slider with its value and unit, or a choice) and its value getter. */
export function controlInput(control) {
  const id = `c-${Math.random().toString(36).slice(2, 9)}`;
  const label = el("label", { for: id }, control.label || control.name);
  if (control.kind === "choice") {
    const select = el("select", { id, name: control.name },
      (control.options || []).map((o) => el("option", { value: o, selected: String(o) === String(control.default) }, o)));
    const node = el("div", { class: "control", "data-field": control.name }, label, el("div", { class: "row" }, select, control.unit ? el("span", { class: "muted" }, control.unit) : null));
    return { node, value: () => select.value };
  }
  const input = el("input", {
    id, name: control.name, type: "range",
    min: control.min ?? 0, max: control.max ?? 100, step: control.step ?? "any", value: control.default,
  });
  const output = el("output", { for: id });
  const show = () => { output.textContent = `${fmt(Number(input.value))} ${control.unit || ""}`.trim(); };
  input.addEventListener("input", show);
  show();
  const node = el("div", { class: "control", "data-field": control.name }, label, el("div", { class: "row" }, input, output));
  return { node, value: () => Number(input.value) };
}

function presetCard(preset) {
  const controls = (preset.controls || []).map(controlInput);
  const upload = preset.needs_upload
    ? el("input", { type: "file", name: "catalogue", accept: ".tle,.3le,.txt,.json,.xml,.csv" })
    : null;
  const uploadRow = upload
    ? el("div", { class: "control", "data-field": "catalogue" },
        el("label", {}, "Catalogue file (TLE/3LE or OMM: JSON, XML, CSV)"), upload)
    : null;
  const run = el("button", { type: "button", class: "run" }, "Run");
  const bar = progressBar();
  const out = el("div", { class: "result" });
  const card = el("section", { class: "card preset", "data-preset": preset.id },
    el("h2", {}, preset.title),
    el("p", { class: "question" }, preset.question),
    el("div", { class: "controls" }, controls.map((c) => c.node), uploadRow),
    el("div", { class: "actions" }, run, preset.long ? el("span", { class: "muted" }, "a longer run: it streams its progress") : null),
    el("div", { class: "error-slot" }),
    bar.root,
    out,
    (preset.assumptions || []).length
      ? el("details", { class: "preset-assumptions" }, el("summary", {}, "What this question assumes"),
          el("ul", {}, preset.assumptions.map((a) => el("li", {}, a))))
      : null,
  );
  run.addEventListener("click", () => {
    card.classList.add("wide"); // the answer gets the page's width
    const values = {};
    (preset.controls || []).forEach((c, i) => { values[c.name] = controls[i].value(); });
    const start = () => {
      const path = `/api/presets/${encodeURIComponent(preset.id)}`;
      if (!preset.needs_upload) return api(path, { method: "POST", json: { values } });
      const form = new FormData();
      form.append("values", JSON.stringify(values));
      if (upload.files.length) form.append("catalogue", upload.files[0]);
      return api(path, { method: "POST", form });
    };
    runJob({ start, scope: card, out, bar, button: run });
  });
  return card;
}

export async function questionsPage(main) {
  const cards = el("div", { class: "cards" });
  main.replaceChildren(
    el("h1", {}, "The station's what-if questions"),
    el("p", { class: "lead" }, "Move the sliders and press Run. Each answer comes in one sentence first, then the plots; what it assumes and where its numbers come from are one click away."),
    cards,
  );
  const presets = await api("/api/presets");
  for (const preset of presets) cards.append(presetCard(preset));
}
