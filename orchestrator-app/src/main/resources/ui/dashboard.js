// Skald's dashboard: plain JavaScript over the REST API of docs/rest-api.md, routed by the URL's hash.
// Every value from the API reaches the page through textContent or an attribute, never as HTML.
"use strict";

(function () {
  const TOKEN_KEY = "skald.api-token";
  const PAGE_SIZE = 25;
  const LIST_LIMIT = 1000;
  const COUNT_LIMIT = 10000;
  const STATUSES = ["RUNNING", "PAUSED", "COMPENSATING", "COMPLETED", "COMPENSATED", "FAILED",
    "COMPENSATION_FAILED"];
  // The control requests of POST /sagas/{id}/{action}, and the saga statuses each one applies to.
  const ACTIONS = [
    {name: "cancel", when: ["RUNNING", "PAUSED"], says: "cancel it and compensate its completed steps"},
    {name: "pause", when: ["RUNNING"], says: "pause it: nothing new is dispatched"},
    {name: "resume", when: ["PAUSED"], says: "resume it"},
    {name: "retry", when: ["FAILED", "COMPENSATION_FAILED"], says: "retry its failed steps or compensations"},
    {name: "resend", when: ["RUNNING", "COMPENSATING"], says: "re-send the commands it waits on"},
    {name: "restart", when: ["COMPLETED", "FAILED", "COMPENSATED"], says: "run it again from its first step"},
  ];

  // --- DOM helpers: text only ---

  /** An element with attributes (event handlers for "on..." keys) and children (strings become text nodes). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key.startsWith("on")) {
        node.addEventListener(key.substring(2), value);
      } else {
        node.setAttribute(key, String(value));
      }
    });
    children.flat(Infinity).forEach(child => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
    return node;
  }

  function view() {
    return document.getElementById("view");
  }

  function show(...children) {
    view().replaceChildren(...children);
  }

  function problem(message) {
    return el("p", {class: "problem", role: "alert"}, message);
  }

  function sagaHref(id) {
    return "#/saga/" + encodeURIComponent(id);
  }

  function when(instant) {
    return instant ? instant.replace("T", " ").replace("Z", " UTC") : "";
  }

  function json(value) {
    return JSON.stringify(value, null, 2);
  }

  /** A collapsible block of JSON. */
  function jsonBlock(title, value, open) {
    return el("details", {class: "json", open: open},
      el("summary", {}, title), el("pre", {}, value === null || value === undefined ? "null" : json(value)));
  }

  function badge(status) {
    return el("span", {class: "status status-" + String(status).toLowerCase()}, status);
  }

  // --- the API token, kept for this tab only ---

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function headers(extra) {
    const out = Object.assign({Accept: "application/json"}, extra || {});
    if (token()) {
      out.Authorization = "Bearer " + token();
    }
    return out;
  }

  function showTokenState() {
    document.getElementById("token-state").textContent = token() ? "token set for this tab" : "no token";
    document.getElementById("token-forget").disabled = !token();
  }

  function setUpToken() {
    document.getElementById("token-form").addEventListener("submit", event => {
      event.preventDefault();
      const input = document.getElementById("token-input");
      if (input.value.trim()) {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      }
      input.value = "";
      showTokenState();
    });
    document.getElementById("token-forget").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showTokenState();
    });
    showTokenState();
  }

  // --- REST calls ---

  /** The JSON answer of a request, or an Error carrying the API's own message. */
  async function call(method, path, body) {
    const response = await fetch(path, {
      method: method,
      headers: headers(body === undefined ? {} : {"Content-Type": "application/json"}),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(describeError(response, answer));
    }
    return answer;
  }

  function describeError(response, answer) {
    const message = answer && answer.error ? answer.error : response.statusText;
    const hint = response.status === 401 ? " (enter the API token above)"
      : response.status === 503 ? " (the orchestrator is busy; try again in a moment)" : "";
    return response.status + ": " + message + hint;
  }

  function get(path) {
    return call("GET", path);
  }

  // --- routing ---

  let shown = 0;

  /** Renders the view the hash names; an answer that arrives after the user moved on is dropped. */
  function route() {
    const ticket = ++shown;
    const hash = location.hash.replace(/^#/, "") || "/sagas";
    const [path, query] = hash.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const params = new URLSearchParams(query || "");
    const render = parts[0] === "saga" && parts.length === 2 ? () => sagaView(parts[1])
      : parts[0] === "definitions" && parts.length === 3 ? () => definitionView(parts[1], parts[2])
        : parts[0] === "definitions" ? definitionsView
          : parts[0] === "stuck" ? () => stuckView(params)
            : () => sagasView(params);
    view().removeAttribute("data-shown");
    show(el("p", {class: "loading"}, "Loading…"));
    render().then(nodes => finish(ticket, hash, nodes), error => finish(ticket, hash, [problem(error.message)]));
  }

  /** Shows a view's nodes unless the user moved on; data-shown names the route shown (tests wait on it). */
  function finish(ticket, hash, nodes) {
    if (ticket === shown) {
      show(...nodes);
      view().setAttribute("data-shown", hash);
    }
  }

  // --- sagas: counts, filters, a paged list ---

  async function sagasView(params) {
    const filter = {
      definition: params.get("definition") || "",
      status: params.get("status") || "",
      page: Math.max(0, parseInt(params.get("page") || "0", 10) || 0),
    };
    const [definitions, counted, listed] = await Promise.all([
      get("/definitions"),
      get(listPath({definition: filter.definition}, COUNT_LIMIT)),
      get(listPath(filter, LIST_LIMIT)),
    ]);
    return [el("h1", {}, "Sagas"), counts(counted, filter), filterForm(filter, definitions),
      sagaTable(listed, filter)];
  }

  function listPath(filter, limit) {
    const query = new URLSearchParams({limit: String(limit)});
    if (filter.definition) {
      query.set("definition", filter.definition);
    }
    if (filter.status) {
      query.set("status", filter.status);
    }
    return "/sagas?" + query;
  }

  function sagasHref(filter) {
    const query = new URLSearchParams();
    Object.entries(filter).forEach(([key, value]) => {
      if (value) {
        query.set(key, String(value));
      }
    });
    return "#/sagas" + (query.toString() ? "?" + query : "");
  }

  function counts(sagas, filter) {
    const byStatus = {};
    sagas.forEach(saga => byStatus[saga.status] = (byStatus[saga.status] || 0) + 1);
    const capped = sagas.length >= COUNT_LIMIT ? "+" : "";
    return el("ul", {class: "counts", "aria-label": "Sagas per status"}, STATUSES.map(status =>
      el("li", {}, el("a", {href: sagasHref({definition: filter.definition, status: status}),
        class: "count status-" + status.toLowerCase()},
      el("span", {class: "number"}, (byStatus[status] || 0) + (byStatus[status] ? capped : "")),
      el("span", {class: "label"}, status)))));
  }

  function filterForm(filter, definitions) {
    const form = el("form", {class: "filters", id: "saga-filter"},
      el("label", {}, "Definition ", el("select", {id: "filter-definition", name: "definition"},
        el("option", {value: ""}, "any"),
        definitionNames(definitions, filter.definition).map(name =>
          el("option", {value: name, selected: name === filter.definition}, name)))),
      el("label", {}, "Status ", el("select", {id: "filter-status", name: "status"},
        el("option", {value: ""}, "any"),
        STATUSES.map(s => el("option", {value: s, selected: s === filter.status}, s)))),
      el("label", {}, "Saga id ", el("input", {id: "filter-id", name: "id", type: "search",
        placeholder: "open a saga by its id"})),
      el("button", {type: "submit"}, "Show"));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const field = name => form.elements.namedItem(name).value.trim();
      location.hash = field("id") ? sagaHref(field("id"))
        : sagasHref({definition: field("definition"), status: field("status")});
    });
    return form;
  }

  /** The applied definitions' names, and the filtered one even when it was never applied. */
  function definitionNames(definitions, selected) {
    const names = definitions.map(d => d.name);
    return selected && !names.includes(selected) ? [selected].concat(names) : names;
  }

  function sagaTable(sagas, filter) {
    const sorted = sagas.slice().sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
    const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
    const page = Math.min(filter.page, pages - 1);
    const rows = sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    if (rows.length === 0) {
      return el("p", {class: "empty"}, "No saga matches.");
    }
    return el("section", {"aria-label": "Saga list"},
      el("table", {class: "sagas"},
        el("thead", {}, el("tr", {}, ["Saga", "Definition", "Status", "Created", "Updated"].map(h =>
          el("th", {scope: "col"}, h)))),
        el("tbody", {}, rows.map(sagaRow))),
      pager(filter, page, pages, sorted.length, sagas.length >= LIST_LIMIT));
  }

  /** A table row of a saga: its id (a link), definition and status, then the given cells. */
  function sagaRowWith(saga, ...cells) {
    return el("tr", {"data-saga": saga.sagaId},
      el("td", {"data-label": "Saga"}, el("a", {href: sagaHref(saga.sagaId)}, saga.sagaId)),
      el("td", {"data-label": "Definition"}, saga.definition + " v" + saga.version),
      el("td", {"data-label": "Status"}, badge(saga.status)),
      cells);
  }

  function sagaRow(saga) {
    return sagaRowWith(saga,
      el("td", {"data-label": "Created"}, when(saga.createdAt)),
      el("td", {"data-label": "Updated"}, when(saga.updatedAt)));
  }

  function pager(filter, page, pages, total, capped) {
    const link = (label, target) => target < 0 || target >= pages ? el("span", {class: "off"}, label)
      : el("a", {href: sagasHref(Object.assign({}, filter, {page: target}))}, label);
    return el("nav", {class: "pager", "aria-label": "Pages"}, link("← newer", page - 1),
      el("span", {}, "page " + (page + 1) + " of " + pages + ", " + total + (capped ? "+" : "") + " sagas"),
      link("older →", page + 1));
  }

  // --- one saga ---

  async function sagaView(id) {
    const path = "/sagas/" + encodeURIComponent(id);
    const [saga, history] = await Promise.all([get(path), get(path + "/history")]);
    return [el("h1", {}, "Saga ", el("span", {class: "id"}, saga.sagaId), " ", badge(saga.status)),
      summary(saga), actions(saga), steps(saga.steps), timeline(history),
      jsonBlock("Input", saga.input, false), jsonBlock("Output", saga.output, false)];
  }

  function summary(saga) {
    const rows = [["Definition", el("a", {href: "#/definitions/" + encodeURIComponent(saga.definition) + "/"
      + saga.version}, saga.definition + " version " + saga.version)],
    ["Created", when(saga.createdAt)], ["Updated", when(saga.updatedAt)],
    ["Correlation key", saga.correlationKey], ["Parent saga", saga.parent ? el("a", {href: sagaHref(saga.parent)},
      saga.parent) : null], ["Error", saga.error]];
    return el("dl", {class: "summary"}, rows.filter(([, value]) => value).map(([term, value]) =>
      [el("dt", {}, term), el("dd", {class: term === "Error" ? "problem" : null}, value)]));
  }

  function actions(saga) {
    const usable = ACTIONS.filter(action => action.when.includes(saga.status));
    const result = el("p", {id: "action-result", role: "status"});
    return el("section", {class: "actions", "aria-label": "Actions"},
      usable.map(action => el("button", {type: "button", id: "action-" + action.name,
        onclick: () => act(saga.sagaId, action, result)}, action.name)),
      usable.length === 0 ? el("span", {class: "empty"}, "No action applies to a " + saga.status + " saga.") : null,
      el("button", {type: "button", id: "refresh", onclick: route}, "Refresh"),
      result);
  }

  async function act(id, action, result) {
    if (!confirm("Saga " + id + ": " + action.says + "?")) {
      return;
    }
    try {
      await call("POST", "/sagas/" + encodeURIComponent(id) + "/" + action.name, {reason: "from the dashboard"});
      result.className = "done";
      result.textContent = action.name + " requested; the saga applies it in order with its other inputs.";
    } catch (error) {
      result.className = "problem";
      result.textContent = action.name + " refused: " + error.message;
    }
  }

  function steps(list) {
    return el("section", {"aria-label": "Steps"}, el("h2", {}, "Steps"),
      el("ol", {class: "steps"}, (list || []).map(step =>
        el("li", {class: "step status-" + String(step.status).toLowerCase(), "data-step": step.id,
          "data-status": step.status},
        el("span", {class: "step-id"}, step.id), " ", badge(step.status),
        el("span", {class: "attempts"}, " attempt " + step.attempts),
        step.error ? el("div", {class: "problem"}, step.error) : null,
        step.output !== null && step.output !== undefined ? jsonBlock("Output", step.output, false) : null))));
  }

  function timeline(history) {
    let previous = null;
    return el("section", {"aria-label": "History"}, el("h2", {}, "History"),
      el("ol", {class: "timeline"}, history.map(event => {
        const gap = previous ? Date.parse(event.at) - Date.parse(previous) : 0;
        previous = event.at;
        return el("li", {class: "event event-" + String(event.type).toLowerCase()},
          el("time", {datetime: event.at}, when(event.at)),
          el("span", {class: "gap"}, gap > 0 ? "+" + duration(gap) : ""),
          el("span", {class: "what"}, eventText(event)),
          event.detail ? el("span", {class: "detail"}, event.detail) : null);
      })));
  }

  function eventText(event) {
    const subject = event.stepId ? "step " + event.stepId + (event.attempt ? " #" + event.attempt : "") : "saga";
    const move = event.from || event.to ? (event.from || "∅") + " → " + (event.to || "∅") : "";
    const kind = String(event.type).endsWith("_TRANSITION") ? "" : String(event.type).toLowerCase().replace(/_/g, " ");
    return [subject, move, event.trigger ? "(" + event.trigger + ")" : "", kind].filter(Boolean).join(" ");
  }

  function duration(ms) {
    return ms < 1000 ? ms + " ms" : ms < 60000 ? (ms / 1000).toFixed(1) + " s" : Math.round(ms / 60000) + " min";
  }

  // --- stuck sagas ---

  async function stuckView(params) {
    const olderThan = params.get("olderThan") || "5m";
    const stuck = await get("/sagas/stuck?" + new URLSearchParams({olderThan: olderThan, limit: "100"}));
    return [el("h1", {}, "Stuck sagas"), stuckForm(olderThan),
      el("p", {}, "Sagas with a step that has waited on a command for longer than " + olderThan
        + ", with no timer due to move it. Open one to re-send what it waits on (resend)."),
      stuck.length === 0 ? el("p", {class: "empty"}, "No saga is stuck.") : el("table", {class: "sagas"},
        el("thead", {}, el("tr", {}, ["Saga", "Definition", "Status", "Waiting since", "Steps"].map(h =>
          el("th", {scope: "col"}, h)))),
        el("tbody", {}, stuck.map(stuckRow)))];
  }

  function stuckForm(olderThan) {
    const form = el("form", {class: "filters", id: "stuck-filter"},
      el("label", {}, "Waiting for longer than ", el("input", {id: "stuck-older-than", name: "olderThan",
        value: olderThan, size: 6})),
      el("button", {type: "submit"}, "Show"));
    form.addEventListener("submit", event => {
      event.preventDefault();
      const olderThan = form.elements.namedItem("olderThan").value.trim() || "5m";
      location.hash = "#/stuck?" + new URLSearchParams({olderThan: olderThan});
    });
    return form;
  }

  function stuckRow(saga) {
    return sagaRowWith(saga,
      el("td", {"data-label": "Waiting since"}, when(saga.waitingSince)),
      el("td", {"data-label": "Steps"}, (saga.steps || []).join(", ")));
  }

  // --- definitions ---

  async function definitionsView() {
    const definitions = await get("/definitions");
    return [el("h1", {}, "Definitions"), definitions.length === 0 ? el("p", {class: "empty"}, "No definition yet.")
      : el("table", {class: "definitions"},
        el("thead", {}, el("tr", {}, ["Name", "Versions", "Sagas"].map(h => el("th", {scope: "col"}, h)))),
        el("tbody", {}, definitions.map(definitionRow)))];
  }

  function definitionRow(definition) {
    const name = encodeURIComponent(definition.name);
    return el("tr", {"data-definition": definition.name},
      el("td", {"data-label": "Name"}, definition.name),
      el("td", {"data-label": "Versions"}, definition.versions.map(v =>
        el("a", {href: "#/definitions/" + name + "/" + v, class: "version"}, "v" + v))),
      el("td", {"data-label": "Sagas"}, el("a", {href: sagasHref({definition: definition.name})}, "sagas")));
  }

  async function definitionView(name, version) {
    const definition = await get("/definitions/" + encodeURIComponent(name) + "/" + encodeURIComponent(version));
    return [el("h1", {}, "Definition ", el("span", {class: "id"}, name), " version " + version),
      el("p", {}, el("a", {href: sagasHref({definition: name})}, "Its sagas"), " · ",
        el("a", {href: "#/definitions"}, "All definitions")),
      el("section", {"aria-label": "Steps"}, el("h2", {}, "Steps"), el("ol", {class: "steps"},
        (definition.steps || []).map(step => el("li", {class: "step"}, el("span", {class: "step-id"}, step.id),
          " " + (step.type || "command") + (step.participant ? ": " + step.participant + "/" + step.command : ""))))),
      jsonBlock("Document", definition, true)];
  }

  document.addEventListener("DOMContentLoaded", () => {
    setUpToken();
    window.addEventListener("hashchange", route);
    route();
  });
})();
