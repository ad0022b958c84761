// Reentry: the abandoned station's Monte Carlo (POST /api/reentry): the window, the country
// choropleth and footprint, latitude bands, casualties; the first chunk's result shows early.
import { api, el, progressBar, runJob } from "./common.js";

export async function reentryPage(main) {
  const samples = el("input", { type: "number", name: "samples", id: "re-samples", min: 10, max: 20000, step: 10, value: 1000 });
  const seed = el("input", { type: "number", name: "seed", id: "re-seed", min: 0, step: 1, value: 1 });
  const run = el("button", { type: "button", class: "run" }, "Run");
  const bar = progressBar();
  const out = el("div", { class: "result" });
  const card = el("section", { class: "card wide" },
    el("div", { class: "form-grid" },
      el("label", { for: "re-samples" }, "Samples"), el("div", { class: "field", "data-field": "samples" }, samples),
      el("label", { for: "re-seed" }, "Seed (empty = a fresh one, recorded)"), el("div", { class: "field", "data-field": "seed" }, seed)),
    el("div", { class: "actions" }, run),
    el("div", { class: "error-slot" }),
    bar.root,
    out,
  );
  main.replaceChildren(
    el("h1", {}, "Abandoned: when and where does it fall?"),
    el("p", { class: "lead" }, "A Monte Carlo of the station left without reboosts from its shipped 2022 state: the reentry window, the chance its debris touches each country, latitude bands and the expected casualties. The first result shows after the first chunk of samples."),
    card,
  );
  run.addEventListener("click", () => {
    const body = { samples: Number(samples.value), seed: seed.value === "" ? null : Number(seed.value), tle: null };
    runJob({ start: () => api("/api/reentry", { method: "POST", json: body }), scope: card, out, bar, button: run });
  });
}
