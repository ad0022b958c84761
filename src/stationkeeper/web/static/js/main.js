// The studio's one page: the route (location.pathname) picks what fills <main>.
import { el, errorLine, loadPlotly } from "./common.js";
import { questionsPage } from "./questions.js";
import { scenarioPage } from "./scenario.js";
import { stationPage } from "./station.js";
import { reentryPage } from "./reentry.js";
import { debrisPage } from "./debris.js";

const ROUTES = {
  questions: { title: "Questions", render: questionsPage },
  scenario: { title: "Scenario", render: scenarioPage },
  station: { title: "Station", render: stationPage, plotsAtOnce: true },
  reentry: { title: "Reentry", render: reentryPage },
  debris: { title: "Debris", render: debrisPage },
};

export function routeOf(pathname) {
  const name = pathname.replace(/^\/+|\/+$/g, "").split("/")[0] || "questions";
  return ROUTES[name] ? name : null;
}

async function start() {
  const main = document.getElementById("page");
  const name = routeOf(location.pathname);
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === name));
  if (!name) {
    main.replaceChildren(el("h1", {}, "Not a page"), el("p", {}, "Choose a page above."));
    document.body.dataset.ready = "true";
    return;
  }
  const route = ROUTES[name];
  document.title = `${route.title} — stationkeeper studio`;
  document.body.dataset.page = name;
  if (route.plotsAtOnce) loadPlotly().catch(() => {}); // fetched while its data is (a failure shows at each plot)
  try {
    await route.render(main);
  } catch (err) {
    main.append(el("p", { class: "error", role: "alert" }, errorLine(err.body || { error: err.message })));
  }
  document.body.dataset.ready = "true";
}

start();
