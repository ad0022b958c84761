// Debris: screen an uploaded catalogue against the station (POST /api/screen): the
// conjunction table and the encounter plots.
import { api, el, progressBar, runJob } from "./common.js";

export async function debrisPage(main) {
  const file = el("input", { type: "file", name: "catalogue", id: "db-file", accept: ".tle,.3le,.txt,.json,.xml,.csv" });
  const days = el("input", { type: "number", name: "days", id: "db-days", min: 0.1, max: 30, step: 0.1, value: 7 });
  const seed = el("input", { type: "number", name: "seed", id: "db-seed", min: 0, step: 1, value: 1 });
  const run = el("button", { type: "button", class: "run" }, "Screen");
  const bar = progressBar();
  const out = el("div", { class: "result" });
  const card = el("section", { class: "card wide" },
    el("div", { class: "form-grid" },
      el("label", { for: "db-file" }, "Catalogue (TLE/3LE or OMM: JSON, XML, CSV)"), el("div", { class: "field", "data-field": "catalogue" }, file),
      el("label", { for: "db-days" }, "Days ahead"), el("div", { class: "field", "data-field": "days" }, days),
      el("label", { for: "db-seed" }, "Seed (Monte Carlo Pc)"), el("div", { class: "field", "data-field": "seed" }, seed)),
    el("div", { class: "actions" }, run),
    el("div", { class: "error-slot" }),
    bar.root,
    out,
  );
  main.replaceChildren(
    el("h1", {}, "Debris this week"),
    el("p", { class: "lead" }, "Upload a catalogue (for example CelesTrak's active or debris sets, saved to this computer first): every object is screened against the station, each close approach gets its collision probability and NASA's decision. The station is the catalogue's own ISS element set (NORAD 25544) when it holds one, else the shipped ISS TLE of 2022-03-03; the screen starts at that element set's epoch."),
    card,
  );
  run.addEventListener("click", () => {
    const start = () => {
      const form = new FormData();
      if (file.files.length) form.append("catalogue", file.files[0]);
      form.append("days", days.value);
      if (seed.value !== "") form.append("seed", seed.value);
      return api("/api/screen", { method: "POST", form });
    };
    runJob({ start, scope: card, out, bar, button: run, tableOrder: ["conjunctions"] });
  });
}
