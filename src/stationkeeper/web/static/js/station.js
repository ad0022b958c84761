// Station: the modules by owner and segment, their mass and drag-area share, engines and tanks
// (GET /api/station?at=DATE, the same answer as `stationkeeper station show`).
import { api, clearErrors, el, renderView, showError } from "./common.js";

export async function stationPage(main) {
  const date = el("input", { type: "date", name: "at", id: "station-at" });
  const show = el("button", { type: "button", class: "run" }, "Show");
  const out = el("div", { class: "result" });
  const card = el("section", { class: "card wide" },
    el("div", { class: "actions", "data-field": "at" },
      el("label", { for: "station-at" }, "The station on (UTC date; empty = the shipped configuration)"), date, show),
    el("div", { class: "error-slot" }),
    out,
  );
  main.replaceChildren(
    el("h1", {}, "The station"),
    el("p", { class: "lead" }, "Its modules and vehicles by owner and segment: mass, share of the drag area, engines and tanks."),
    card,
  );
  const load = async () => {
    clearErrors(card);
    show.disabled = true;
    try {
      const query = date.value ? `?at=${encodeURIComponent(date.value)}` : "";
      await renderView(out, await api(`/api/station${query}`), { tableOrder: ["modules", "owners", "segments"] });
    } catch (err) {
      showError(card, err);
    } finally {
      show.disabled = false;
    }
  };
  show.addEventListener("click", load);
  date.addEventListener("change", load);
  await load();
}
