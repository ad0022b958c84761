// Shared pieces of the studio's pages: DOM helper, API calls with one-line errors, server jobs
// followed over server-sent events, and the rendering of a view (sentence, figures, tables,
// assumptions, sources, downloads). All work runs in server jobs; nothing here blocks.

export const PLOT_CONFIG = { topojsonURL: "/static/topojson/", responsive: true, displaylogo: false };

/** Create an element: el("div", {class: "x", onclick: f}, child, "text", ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An API error body ({error, field, allowed}) as one line. */
export function errorLine(body) {
  if (!body) return "unknown error";
  if (typeof body === "string") return body;
  let line = body.error || body.detail || JSON.stringify(body);
  if (body.allowed && !String(line).includes(String(body.allowed))) line += ` (allowed: ${body.allowed})`;
  return line;
}

export class ApiError extends Error {
  constructor(body, status) {
    super(errorLine(body));
    this.body = body || {};
    this.status = status;
  }
}

/** fetch() a JSON API route; a 4xx/5xx throws ApiError with the server's one line. */
export async function api(path, { method = "GET", json, form } = {}) {
  const init = { method, headers: {} };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new ApiError({ error: `the studio server did not answer (${err.message})` }, 0);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: text.slice(0, 300) };
  }
  if (!response.ok) throw new ApiError(body || { error: `HTTP ${response.status}` }, response.status);
  return body;
}

/**
 * Show an API error in one line next to the field it names (an element with data-field=NAME
 * inside `scope`), else in the scope's general error line (.error.general).
 */
export function showError(scope, err) {
  clearErrors(scope);
  const body = err instanceof ApiError ? err.body : { error: String(err && err.message ? err.message : err) };
  const line = err instanceof ApiError ? err.message : errorLine(body);
  let anchor = null;
  if (body.field) anchor = scope.querySelector(`[data-field="${CSS.escape(String(body.field))}"]`);
  const node = el("p", { class: "error", role: "alert", "data-error-for": body.field || "" }, line);
  if (anchor) anchor.after(node);
  else (scope.querySelector(".error-slot") || scope).append(node);
  return node;
}

export function clearErrors(scope) {
  scope.querySelectorAll("p.error").forEach((node) => node.remove());
}

/** A number with thousands separators and at most `digits` decimals. */
export function fmt(value, digits = 3) {
  if (typeof value !== "number" || !Number.isFinite(value)) return value === null ? "—" : String(value);
  return value.toLocaleString("en-GB", { maximumFractionDigits: digits });
}

/** A progress bar with its message and a Cancel button (hidden until a job runs). */
export function progressBar() {
  const bar = el("progress", { max: 1, value: 0 });
  const msg = el("span", { class: "msg" });
  const cancel = el("button", { class: "secondary cancel", type: "button" }, "Cancel");
  const root = el("div", { class: "progress hidden" }, bar, msg, cancel);
  return {
    root,
    cancel,
    set(p) {
      root.classList.remove("hidden");
      if (p && p.total > 0) {
        bar.max = p.total;
        bar.value = Math.min(p.done, p.total);
      } else {
        bar.removeAttribute("value");
      }
      msg.textContent = p && p.message ? p.message : p && p.total ? `${fmt(p.done, 0)} of ${fmt(p.total, 0)}` : "working…";
    },
    hide() {
      root.classList.add("hidden");
    },
  };
}

const TERMINAL = new Set(["done", "error", "cancelled"]);

/**
 * Follow a server job until it ends: progress and partial results as they stream, then the
 * final view. Falls back to polling GET /api/jobs/{id} if the event stream drops.
 * handlers: {progress(p), partial(view), done(view, job), error(body), cancelled()}.
 * Returns {cancel()}.
 */
export function followJob(jobId, handlers) {
  let finished = false;
  let source = null;
  const base = `/api/jobs/${encodeURIComponent(jobId)}`;
  const finish = async (kind, payload) => {
    if (finished) return;
    finished = true;
    if (source) source.close();
    let job = null;
    try {
      job = await api(base);
    } catch {
      job = null;
    }
    if (kind === "done") handlers.done?.(payload || (job && job.result), job);
    else if (kind === "error") handlers.error?.(payload || (job && job.error));
    else handlers.cancelled?.(job);
  };
  const poll = async () => {
    while (!finished) {
      let job;
      try {
        job = await api(base);
      } catch (err) {
        handlers.error?.(err.body || { error: err.message });
        finished = true;
        return;
      }
      if (job.progress) handlers.progress?.(job.progress);
      if (job.partial) handlers.partial?.(job.partial);
      if (TERMINAL.has(job.state)) {
        const payload = job.state === "done" ? job.result : job.state === "error" ? job.error : null;
        await finish(job.state === "done" ? "done" : job.state, payload);
        return;
      }
      await new Promise((r) => setTimeout(r, 700));
    }
  };
  const parse = (event) => {
    try {
      return event.data ? JSON.parse(event.data) : null;
    } catch {
      return null;
    }
  };
  source = new EventSource(`${base}/events`);
  source.addEventListener("progress", (e) => handlers.progress?.(parse(e)));
  source.addEventListener("partial", (e) => handlers.partial?.(parse(e)));
  source.addEventListener("done", (e) => finish("done", parse(e)));
  source.addEventListener("error", (e) => {
    if (e.data) finish("error", parse(e)); // the job's error event
    else if (!finished) {
      source.close(); // the stream itself dropped: ask the job
      poll();
    }
  });
  source.addEventListener("cancelled", () => finish("cancelled"));
  return {
    async cancel() {
      try {
        await api(base, { method: "DELETE" });
      } catch (err) {
        handlers.error?.(err.body || { error: err.message });
      }
    },
  };
}

/**
 * Start a job (POST returning {job_id}) and follow it, wiring the progress bar and its Cancel
 * button. The view lands in `out` (renderView); errors in `scope`. Returns a promise of the job.
 */
export async function runJob({ start, scope, out, bar, button, onPartial, onDone, tableOrder }) {
  loadPlotly().catch(() => {}); // while the job runs, so that its plots need not wait (a failure shows at each plot)
  clearErrors(scope);
  delete scope.dataset.state;
  if (button) button.disabled = true;
  bar.set({ done: 0, total: 0, message: "starting…" });
  let started;
  try {
    started = await start();
  } catch (err) {
    bar.hide();
    if (button) button.disabled = false;
    showError(scope, err);
    scope.dataset.state = "error";
    return null;
  }
  scope.dataset.jobId = started.job_id;
  delete scope.dataset.state;
  return new Promise((resolve) => {
    const ended = (job) => {
      bar.hide();
      bar.cancel.onclick = null;
      if (button) button.disabled = false;
      resolve(job);
    };
    const follower = followJob(started.job_id, {
      progress: (p) => p && bar.set(p),
      partial: async (view) => {
        if (!view) return;
        await renderView(out, view, { partial: true, tableOrder });
        onPartial?.(view);
      },
      done: async (view, job) => {
        await renderView(out, view, { files: job ? job.files : [], jobId: started.job_id, tableOrder });
        scope.dataset.state = "done";
        onDone?.(view, job);
        ended(job);
      },
      error: (body) => {
        showError(scope, new ApiError(body || { error: "the job failed" }));
        scope.dataset.state = "error";
        ended(null);
      },
      cancelled: (job) => {
        out.prepend(el("p", { class: "muted cancelled-note" }, "Cancelled."));
        scope.dataset.state = "cancelled";
        ended(job);
      },
    });
    bar.cancel.onclick = () => follower.cancel();
  });
}

function cell(value) {
  if (typeof value === "number") return el("td", { class: "num" }, fmt(value));
  if (value === null || value === undefined) return el("td", {}, "—");
  if (typeof value === "object") return el("td", {}, JSON.stringify(value));
  return el("td", {}, String(value));
}

/** A {columns, rows} table as an HTML table. */
export function renderTable(name, table) {
  const head = el("tr", {}, (table.columns || []).map((c) => el("th", {}, c)));
  const rows = (table.rows || []).map((row) => el("tr", {}, row.map(cell)));
  return el(
    "div",
    { class: "table-block", "data-table": name },
    el("h3", {}, name.replace(/_/g, " ")),
    el("div", { class: "table-wrap" }, el("table", {}, el("thead", {}, head), el("tbody", {}, rows))),
  );
}

export const PLOTLY_URL = "/vendor/plotly.min.js";
let plotlyLoading = null;

/**
 * Plotly.js, loaded on first use: 4.6 MB that a page without a plot (the questions before a
 * run, the scenario form) need not wait for. A promise of the Plotly object; a failed load
 * rejects with a sentence and is tried again next time.
 */
export function loadPlotly() {
  if (typeof window.Plotly !== "undefined") return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.onload = () => {
        performance.mark("plotly-loaded"); // benchmarks/bench_pages.py reports it
        resolve(window.Plotly);
      };
      script.onerror = () => {
        plotlyLoading = null;
        script.remove();
        reject(new Error(`Plotly did not load from ${PLOTLY_URL}; the plots cannot be drawn.`));
      };
      document.head.append(script);
    });
  }
  return plotlyLoading;
}

/** Draw (or redraw) one figure dict into a div (a promise: Plotly may still be loading). */
export async function plot(div, figure) {
  const plotly = await loadPlotly();
  const data = (figure && figure.data) || [];
  const layout = Object.assign({ autosize: true }, (figure && figure.layout) || {});
  return plotly.react(div, data, layout, PLOT_CONFIG);
}

function listDetails(title, items, cls) {
  if (!items || !items.length) return null;
  return el("details", { class: cls }, el("summary", {}, `${title} (${items.length})`), el("ul", {}, items.map((t) => el("li", {}, t))));
}

/**
 * Render a view payload into `out`: the sentence (large), any problem, the figures, the
 * tables, assumptions and sources (one click away), the CLI's JSON, and download links.
 * options: {partial: bool, files: [names], jobId: str, tableOrder: [names]}.
 * Returns a promise that settles when every figure is drawn (or its failure shown in place).
 */
export function renderView(out, view, options = {}) {
  const drawn = [];
  out.replaceChildren();
  out.dataset.kind = view.kind || "";
  out.dataset.partial = options.partial ? "true" : "false";
  if (options.partial) out.append(el("p", { class: "partial-note" }, "First result — the run goes on; this updates when it ends."));
  out.append(el("p", { class: "sentence" }, view.sentence || ""));
  if (view.problem) out.append(el("p", { class: "problem" }, view.problem));
  for (const fig of view.figures || []) {
    const div = el("div", { class: "plot", "data-figure": fig.id });
    const titled = fig.figure && fig.figure.layout && fig.figure.layout.title;
    out.append(el("div", { class: "figure" }, titled ? null : el("h4", {}, fig.title || ""), div));
    drawn.push(plot(div, fig.figure).catch((err) => div.replaceChildren(el("p", { class: "error" }, err.message))));
  }
  const tables = Object.entries(view.tables || {});
  const order = options.tableOrder || [];
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
  tables.sort((a, b) => rank(a[0]) - rank(b[0]));
  for (const [name, table] of tables) out.append(renderTable(name, table));
  out.append(
    listDetails("Assumptions", view.assumptions, "assumptions") || el("span"),
    listDetails("Sources", view.sources, "sources") || el("span"),
  );
  if (view.summary) {
    out.append(el("details", { class: "summary-json" }, el("summary", {}, "The answer as the CLI's --json"), el("pre", { class: "json" }, JSON.stringify(view.summary, null, 2))));
  }
  if (options.files && options.files.length && options.jobId) {
    const base = `/api/jobs/${encodeURIComponent(options.jobId)}/files/`;
    out.append(
      el("div", { class: "downloads" }, el("h3", {}, "Downloads"),
        options.files.map((name) => el("a", { href: base + encodeURIComponent(name), download: name }, name))),
    );
  }
  return Promise.all(drawn);
}
