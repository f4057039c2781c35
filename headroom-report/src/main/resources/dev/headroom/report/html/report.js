/* Headroom report.html: reads the run from the JSON block and draws the page.
 * Every string from the run goes into the page as a text node (el() below); nothing is parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("headroom-data").textContent);
  var NUM = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  var PALETTE = ["#3b6fd8", "#e4572e", "#17a398", "#f2a541", "#8e5ea2", "#2e4057", "#c2185b",
    "#7cb518", "#00838f", "#b5651d", "#5c6bc0", "#9e9d24", "#6d4c41", "#d81b60"];
  var EVENT_COLOR = { "volume-credits-exhausted": "#c62f2f", "cpu-credits-exhausted": "#d8572a",
    "connections-exhausted": "#8e24aa", "instance-killed": "#263238", "goal-broken": "#d97706" };
  var charts = [];

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "class") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }

  function add(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { add(node, c); });
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }

  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "-";
    if (digits === undefined) {
      if (v === 0) return "0";
      var a = Math.abs(v);
      digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    }
    return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  /** Axis ticks: as many decimals as the step between ticks needs, and no more. */
  function ticks(u, vals) {
    var step = vals.length > 1 ? Math.abs(vals[1] - vals[0]) : 1;
    var digits = step > 0 ? Math.max(0, Math.min(6, -Math.floor(Math.log10(step)))) : 0;
    return vals.map(function (v) { return v === null ? "" : num(v, digits); });
  }

  function logTicks(u, vals) {
    return vals.map(function (v) { return v === null ? "" : num(v, v < 1 ? 2 : 0); });
  }

  function quantity(v, unit) {
    if (unit === "fraction") return pct(v, 2);
    if (unit === "ms") return ms(v);
    return num(v) + (unit ? " " + unit : "");
  }

  function ms(v) { return v === null || v === undefined ? "-" : num(v) + " ms"; }
  function pct(v, digits) { return v === null || v === undefined ? "-" : num(v * 100, digits === undefined ? 1 : digits) + "%"; }

  function clock(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return "-";
    // A negative time is the analysis's "over the whole run" (t = -1), not a moment.
    if (seconds < 0) return "whole run";
    // Tenths only for a moment between whole seconds (an event at 4155.4 s), never on axis ticks.
    var tenths = Math.round(seconds * 10);
    var whole = tenths % 10 === 0;
    var s = Math.floor(tenths / 10);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h > 0 && m < 10 ? "0" + m : String(m);
    return (h > 0 ? h + ":" + mm : mm) + ":" + (r < 10 ? "0" : "") + r + (whole ? "" : "." + (tenths % 10));
  }

  function duration(seconds) {
    if (seconds < 120) return num(seconds, seconds % 1 === 0 ? 0 : 1) + " s";
    if (seconds < 7200) return num(seconds / 60, 1) + " min";
    return num(seconds / 3600, 1) + " h";
  }

  function percentileName(p) {
    return { p50: "p50", p90: "p90", p99: "p99", p999: "p99.9", max: "max" }[p] || p;
  }

  function section(id) { return document.getElementById(id); }
  function any(column) { return !!column && column.some(function (v) { return v !== null && v !== 0; }); }
  function some(column) { return !!column && column.some(function (v) { return v !== null; }); }

  // ---------------------------------------------------------------- verdict

  var STATES = { met: ["met", "GOALS MET"], broken: ["missed", "GOALS MISSED"], partial: ["partial", "PARTIAL RUN"],
    invalid: ["missed", "MEASUREMENT INVALID"], "no-goals": ["none", "NO GOALS"] };

  function verdict() {
    var f = data.findings;
    return f && f.verdict ? f.verdict : { outcome: data.partial && data.partial.partial ? "partial" : "no-goals", firstBreachT: -1, goals: [] };
  }

  function goalValue(g, v) {
    return g.goal === "errors" ? pct(v, 2) : ms(v);
  }

  function goalText(g) {
    return (g.goal === "errors" ? "errors" : percentileName(g.goal)) + " " + goalValue(g, g.overall)
      + (g.overall <= g.bound ? " \u2264 " : " > ") + goalValue(g, g.bound);
  }

  function drawHead() {
    var m = data.metadata;
    if (!m) {
      var kindOf = data.findings && data.findings.runKind === "measurement" ? "load test" : "simulation";
      section("head").appendChild(el("div", null, el("h1", null, "Partial run in " + data.source),
        el("div", { class: "meta" }, kindOf + " \u00b7 no run.json: name, seed and version unknown")));
      return;
    }
    var kind = m.kind === "measurement" ? "load test" : "simulation";
    section("head").appendChild(el("div", null, el("h1", null, m.name),
      el("div", { class: "meta" }, kind + " \u00b7 run " + m.id)));
    section("head").appendChild(el("div", { class: "meta" },
      "headroom " + m.version + " \u00b7 seed " + m.seed + " \u00b7 " + m.specFile));
  }

  function drawVerdict() {
    var v = verdict(), f = data.findings || {}, s = data.summary;
    var state = STATES[v.outcome] || ["none", String(v.outcome).toUpperCase()];
    var missed = v.goals.filter(function (g) { return !g.met; });
    var sentence;
    if (v.outcome === "invalid") {
      sentence = "The measurement is invalid: the load generator's own lag broke its limit, so the latencies"
        + " include its delay and are not the target's. Neither a pass nor a miss can be read from this run.";
    } else if (v.outcome === "partial") {
      sentence = "This run did not finish: " + ((data.partial && data.partial.reason) || "it was cut short")
        + ". It cannot pass; the figures cover only what was recorded.";
    } else if (v.outcome === "no-goals") {
      sentence = "The run sets no goals, so nothing is judged. Add goals (latency percentiles, error rate) to get a verdict.";
    } else if (v.outcome === "met") {
      sentence = "Every goal held over the whole run.";
    } else {
      sentence = missed.length + " of " + v.goals.length + " goals missed"
        + (v.firstBreachT >= 0 ? ", first broken at " + clock(v.firstBreachT) : "") + ".";
    }
    var lead = el("div", { class: "lead" }, el("div", { class: "word" }, state[1]), el("div", { class: "sentence" }, sentence));
    if (f.bottleneck && f.bottleneck.summary) {
      var named = f.bottleneck.summary.indexOf(f.bottleneck.component) === 0;
      lead.appendChild(el("div", { class: "sentence" }, (named ? "" : "Bottleneck " + f.bottleneck.component + ": ") + f.bottleneck.summary));
    }
    if (f.headroom && f.headroom.summary) lead.appendChild(el("div", { class: "sentence" }, f.headroom.summary));
    if (v.goals.length > 0) {
      lead.appendChild(el("div", { class: "goals" }, v.goals.map(function (g) {
        return el("span", { class: "pill " + (v.outcome === "partial" ? "partial" : g.met ? "met" : "missed") }, goalText(g));
      })));
    }
    var figures = el("div", { class: "figures" });
    function figure(label, value) {
      figures.appendChild(el("div", { class: "figure" }, el("div", { class: "value" }, value), el("div", { class: "label" }, label)));
    }
    if (f.headroom) figure("headroom", (f.headroom.bounded === false ? "\u2265 " : "") + num(f.headroom.ratio, 2) + "\u00d7 peak");
    if (f.bottleneck) figure("bottleneck", f.bottleneck.component);
    if (s) {
      figure("throughput ok", num(s.throughputPerSecond, 0) + "/s");
      figure("p99 latency", ms(s.latencyMillis.p99));
      figure("errors", s.requests === 0 ? "-" : pct(s.errorCount / s.requests, 2));
      if (data.metadata) figure("peak offered", num(data.metadata.peakRatePerSecond, 0) + "/s");
      if (s.cost) figure("steady cost", "$" + num(s.cost.steadyPerHour, 3) + "/h");
      figure("duration", duration(s.durationSeconds));
    } else {
      figure("intervals recorded", NUM.format(data.timeline.intervals));
      if (data.timeline.t.length) figure("recorded until", clock(data.timeline.t[data.timeline.t.length - 1]));
    }
    var card = el("div", { class: "card verdict " + state[0] }, lead, figures);
    card.setAttribute("data-verdict", state[0]);
    section("verdict").appendChild(card);
  }

  // ---------------------------------------------------------------- findings

  function evidenceRows(evidence) {
    return evidence.filter(Boolean).map(function (e) {
      return el("tr", null, el("td", { class: "text" }, e.component || "-"), el("td", { class: "text" }, e.metric || "-"),
        el("td", null, e.t >= 0 ? clock(e.t) : "whole run"), el("td", null, quantity(e.value, e.unit)));
    });
  }

  function evidenceTable(evidence) {
    if (!evidence || evidence.filter(Boolean).length === 0) return null;
    return el("div", { class: "scroll" }, el("table", { class: "evidence" },
      el("thead", null, el("tr", null, el("th", { class: "text" }, "evidence: component"), el("th", { class: "text" }, "metric"),
        el("th", null, "at"), el("th", null, "value"))),
      el("tbody", null, evidenceRows(evidence))));
  }

  function card(kind, title, where) {
    var c = el("div", { class: "card finding " + kind }, el("div", { class: "what" }, title));
    if (where) c.appendChild(el("div", { class: "where" }, where));
    return c;
  }

  function at(t) { return t !== undefined && t !== null && t >= 0 ? "at " + clock(t) : "over the whole run"; }

  function goalsCard(v) {
    if (v.goals.length === 0) return null;
    var c = card(v.outcome === "met" ? "good" : v.outcome === "partial" ? "warning" : "severe", "Goals",
      v.outcome === "met" ? "every goal held" : v.firstBreachT >= 0 ? "first broken " + at(v.firstBreachT) : null);
    c.appendChild(el("div", { class: "scroll" }, el("table", { class: "evidence" },
      el("thead", null, el("tr", null, el("th", { class: "text" }, "goal"), el("th", null, "bound"), el("th", null, "whole run"),
        el("th", null, "intervals broken"), el("th", null, "first broken"), el("th", { class: "text" }, "evidence"))),
      el("tbody", null, v.goals.map(function (g) {
        var b = g.firstBreach;
        return el("tr", null, el("td", { class: "text" }, g.goal === "errors" ? "error rate" : percentileName(g.goal) + " latency"),
          el("td", null, goalValue(g, g.bound)), el("td", null, goalValue(g, g.overall)),
          el("td", null, NUM.format(g.intervalsBroken) + " of " + NUM.format(g.intervalsJudged)),
          el("td", null, b ? clock(b.t) : "-"),
          el("td", { class: "text" }, b ? b.component + " " + b.metric + " " + quantity(b.value, b.unit) : "-"));
      })))));
    return c;
  }

  function bottleneckCard(b) {
    var c = card("severe", "Bottleneck: " + b.component + (b.signal ? " (" + b.signal + ")" : ""), at(b.t));
    if (b.summary) c.appendChild(el("div", null, b.summary));
    if (b.chain && b.chain.length) {
      c.appendChild(el("ol", { class: "chain" }, b.chain.map(function (link) {
        var e = link.evidence;
        return el("li", null, el("b", null, clock(link.t)), "  ", link.component, ": ", link.what,
          e ? el("span", { class: "muted" }, "  (" + e.metric + " " + quantity(e.value, e.unit) + ")") : null);
      })));
    }
    return c;
  }

  function headroomCard(h) {
    var c = card("info", "Headroom " + (h.bounded === false ? "\u2265 " : "") + num(h.ratio, 2) + "\u00d7 the peak",
      num(h.sustainedRatePerSecond, 0) + "/s sustained of a " + num(h.peakRatePerSecond, 0) + "/s peak \u00b7 " + h.method
      + (h.precision ? " to " + pct(h.precision, 0) : ""));
    if (h.summary) c.appendChild(el("div", null, h.summary));
    if (h.probes && h.probes.length) {
      c.appendChild(el("div", { class: "muted", style: "margin-top:6px" }, "scales tried: " + h.probes.map(function (p) {
        return num(p.scale, 2) + "\u00d7 " + (p.met ? "met" : "broke " + (p.broken || "a goal"));
      }).join(", ")));
    }
    add(c, evidenceTable(h.evidence));
    return c;
  }

  function kneeCard(k) {
    var c = card("warning", "Knee at " + num(k.offeredPerSecond, 0) + "/s offered", at(k.t) + " \u00b7 throughput there "
      + num(k.throughputPerSecond, 0) + "/s");
    if (k.summary) c.appendChild(el("div", null, k.summary));
    add(c, evidenceTable(k.evidence));
    return c;
  }

  function findingCard(f) {
    var c = card(f.kind === "component-saturated" ? "severe" : "info", f.what || f.kind,
      [f.component, at(f.t), f.kind].filter(Boolean).join(" \u00b7 "));
    add(c, evidenceTable(f.evidence));
    return c;
  }

  function lawsCard(l) {
    var c = card("info", "Operational laws", "throughput " + num(l.systemThroughputPerSecond, 1) + "/s; the largest demand ("
      + l.boundBy + ") bounds it at " + num(l.throughputBoundPerSecond, 1) + "/s");
    if (l.demands.length) {
      c.appendChild(table(["service demand (utilisation law)", "utilisation", "servers", "demand", "bound"], l.demands.map(function (d) {
        return [d.component, pct(d.utilization), d.servers < 0 ? "unlimited" : NUM.format(d.servers), ms(d.demandMillis),
          num(d.boundPerSecond, 1) + "/s"];
      })));
    }
    if (l.little.length) {
      c.appendChild(table(["Little's law N = XR", "throughput", "residence", "N measured", "XR", "error", "holds"], l.little.map(function (x) {
        return [x.component, num(x.throughputPerSecond, 1) + "/s", ms(x.residenceMillis), num(x.measuredN), num(x.predictedN),
          pct(x.relativeError, 1), x.holds ? "yes" : "no (tolerance " + pct(x.tolerance, 0) + ")"];
      })));
    }
    return c;
  }

  /** headroom fit: the parameters, the measured levels against the fitted curve, and the warnings. */
  function uslCard(u) {
    var c = card("info", "Scalability: Universal Scalability Law fit",
      (u.points || []).length + " levels of load (" + u.grouping + "), concurrency by Little's law");
    c.appendChild(el("p", null, "sigma " + num(u.sigma, 4) + " (contention), kappa " + num(u.kappa, 6)
      + " (coherency), lambda " + num(u.lambda, 1) + "/s per unit of concurrency, R\u00b2 " + num(u.rSquared, 4)
      + (u.peakConcurrency ? "; peak " + num(u.peakThroughputPerSecond, 0) + "/s at concurrency " + num(u.peakConcurrency, 1)
        : "; " + (u.amdahlOnly ? "Amdahl's law: levels off at " : "ceiling ") + num(u.peakThroughputPerSecond, 0) + "/s")));
    var plotBox = el("div", { class: "usl-plot", id: "usl-plot" });
    c.appendChild(plotBox);
    var xs = [], measured = {}, fitted = {};
    (u.points || []).forEach(function (p) { xs.push(p.concurrency); measured[p.concurrency] = p.throughputPerSecond; });
    (u.curve || []).forEach(function (p) { xs.push(p.concurrency); fitted[p.concurrency] = p.throughputPerSecond; });
    xs = xs.filter(function (x, i) { return xs.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    if (xs.length > 1 && typeof uPlot !== "undefined") {
      var opts = {
        width: Math.max(320, section("findings").clientWidth - 60),
        height: 240,
        scales: { x: { time: false } },
        axes: [{ label: "concurrency (requests in the system)", values: ticks }, { label: "req/s", values: ticks }],
        series: [{ label: "N" },
          { label: "fitted", stroke: PALETTE[0], width: 2, spanGaps: true, points: { show: false } },
          { label: "measured", stroke: PALETTE[1], width: 0, paths: function () { return null; }, points: { show: true, size: 9, fill: PALETTE[1] } }]
      };
      new uPlot(opts, [xs, xs.map(function (x) { return x in fitted ? fitted[x] : null; }),
        xs.map(function (x) { return x in measured ? measured[x] : null; })], plotBox);
    }
    c.appendChild(table(["level", "offered", "concurrency", "measured", "fitted", "mean"], (u.points || []).map(function (p) {
      return [clock(p.startSeconds) + "-" + clock(p.endSeconds), num(p.offeredPerSecond, 0) + "/s", num(p.concurrency, 2),
        num(p.throughputPerSecond, 1) + "/s", num(p.fittedPerSecond, 1) + "/s", ms(p.meanResponseMillis)];
    })));
    (u.warnings || []).forEach(function (w) { c.appendChild(el("p", { class: "muted" }, "warning: " + w)); });
    return c;
  }

  /** headroom calibrate: the model of the measured system against the measurement, below the knee. */
  function calibrationCard(k) {
    var ch = k.check || {};
    var ok = ch.throughputWithinTarget && ch.p50WithinTarget && ch.p99WithinTarget;
    var c = card(ok ? "good" : "warning", (ok ? "Model agrees" : "Model differs") + ": calibrated simulation against the measurement",
      "below the knee, " + clock(ch.windowStartSeconds || 0) + " for " + duration(ch.windowSeconds || 0) + "; spec " + k.specFile);
    var m = ch.measured || {}, sim = ch.simulated || {};
    function diff(a, b) { return a ? (b >= a ? "+" : "") + num((b - a) / a * 100, 1) + "%" : "-"; }
    c.appendChild(table(["", "measured", "model", "difference", "target"], [
      ["throughput", num(m.throughputPerSecond, 1) + "/s", num(sim.throughputPerSecond, 1) + "/s", diff(m.throughputPerSecond, sim.throughputPerSecond), ch.throughputWithinTarget ? "within 5%" : "NOT within 5%"],
      ["p50", ms(m.p50Millis), ms(sim.p50Millis), diff(m.p50Millis, sim.p50Millis), ch.p50WithinTarget ? "within 20%" : "NOT within 20%"],
      ["p99", ms(m.p99Millis), ms(sim.p99Millis), diff(m.p99Millis, sim.p99Millis), ch.p99WithinTarget ? "within 20%" : "NOT within 20%"]
    ]));
    if ((ch.explanations || []).length) {
      c.appendChild(el("h4", null, "What explains the differences"));
      c.appendChild(el("ul", null, ch.explanations.map(function (x) { return el("li", null, typeof x === "string" ? x : JSON.stringify(x)); })));
    }
    return c;
  }

  function drawFindings() {
    var box = section("findings"), f = data.findings;
    if (!f) {
      box.appendChild(el("div", { class: "card muted" }, "No analysis was recorded with this run."));
      return;
    }
    var cards = [];
    if (f.bottleneck) cards.push(bottleneckCard(f.bottleneck));
    cards.push(goalsCard(f.verdict));
    if (f.headroom) cards.push(headroomCard(f.headroom));
    if (f.knee) cards.push(kneeCard(f.knee));
    (f.findings || []).forEach(function (x) { cards.push(findingCard(x)); });
    if (f.laws) cards.push(lawsCard(f.laws));
    if (data.usl) cards.push(uslCard(data.usl));
    if (data.calibration) cards.push(calibrationCard(data.calibration));
    cards = cards.filter(Boolean);
    if (cards.length === 0) cards.push(el("div", { class: "card muted" }, "The analysis found nothing to report."));
    cards.forEach(function (c) { box.appendChild(c); });
  }

  // ---------------------------------------------------------------- charts

  /** The run's events and the first interval that broke a goal, in time order: what the charts mark. */
  function markers() {
    var list = data.events.slice();
    var v = verdict();
    if (v.firstBreachT >= 0) {
      list.push({ t: v.firstBreachT, component: null, kind: "goal-broken", detail: "the first interval that broke a goal" });
    }
    return list.sort(function (a, b) { return a.t - b.t; });
  }

  function eventMarkers() {
    var marks = markers();
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height, lastX = -1e9, row = 0;
          ctx.save();
          marks.forEach(function (e, i) {
            var x = Math.round(u.valToPos(e.t, "x", true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            var color = EVENT_COLOR[e.kind] || "#455a64";
            var r = 8 * devicePixelRatio;
            row = x - lastX < 2.4 * r ? row + 1 : 0;
            lastX = x;
            ctx.strokeStyle = color;
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, bottom);
            ctx.stroke();
            ctx.setLineDash([]);
            var cy = top + r + row * 2.2 * r;
            ctx.fillStyle = color;
            ctx.beginPath();
            ctx.arc(x, cy, r, 0, 2 * Math.PI);
            ctx.fill();
            ctx.fillStyle = "#fff";
            ctx.font = "bold " + Math.round(10 * devicePixelRatio) + "px system-ui, sans-serif";
            ctx.textAlign = "center";
            ctx.textBaseline = "middle";
            ctx.fillText(String(i + 1), x, cy + 0.5);
          });
          ctx.restore();
        }]
      }
    };
  }

  /** Time axis steps a person reads at a glance: seconds, then minutes, then hours. */
  var TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

  /** Log axis lines at 1, 3, 10, 30...: enough to read a value, few enough to stay quiet. */
  function logSplits(u, axis, min, max) {
    var out = [];
    for (var d = Math.pow(10, Math.floor(Math.log10(min))); d <= max * 1.0001; d *= 10) {
      [1, 3].forEach(function (k) { var v = d * k; if (v >= min * 0.9999 && v <= max * 1.0001) out.push(v); });
    }
    return out;
  }

  function chartWidth() {
    return Math.max(320, section("charts").clientWidth - 26);
  }

  /** One chart: series is a list of {label, values, color, dash, width, show}. */
  function chart(id, title, note, yLabel, series, opts) {
    opts = opts || {};
    var shown = series.filter(function (s) { return some(s.values); });
    if (shown.length === 0) return;
    var box = el("div", { class: "card chart", id: "chart-" + id, role: "figure", "aria-label": title + ": " + shown.map(function (s) { return s.label; }).join(", ") },
      el("h3", null, title), note ? el("div", { class: "note" }, note) : null);
    section("charts").appendChild(box);
    var t = data.timeline.t;
    var values = opts.yValues || (opts.y && opts.y.distr === 3 ? logTicks : ticks);
    var uopts = {
      width: chartWidth(),
      height: opts.height || 230,
      cursor: { sync: { key: "headroom" }, drag: { x: true, y: false } },
      scales: { x: { time: false }, y: opts.y || {} },
      legend: { live: true },
      plugins: [eventMarkers()],
      axes: [
        { values: function (u, ticks) { return ticks.map(clock); }, incrs: TIME_STEPS, space: 60,
          grid: { stroke: "#eef1f5" }, ticks: { stroke: "#d8dde5" } },
        { label: yLabel, values: values, size: 64, grid: { stroke: "#eef1f5" }, ticks: { stroke: "#d8dde5" },
          splits: opts.y && opts.y.distr === 3 ? logSplits : undefined }
      ],
      series: [{ label: "time", value: function (u, v) { return clock(v); } }].concat(shown.map(function (s) {
        return { label: s.label, stroke: s.color, width: s.width || 1.5, dash: s.dash, show: s.show !== false,
          spanGaps: false, points: { show: false },
          value: function (u, v) { return v === null || v === undefined ? "-" : (opts.format || num)(v); } };
      }))
    };
    var plot = new uPlot(uopts, [t].concat(shown.map(function (s) { return s.values; })), box);
    var visible = shown.filter(function (s) { return s.show !== false; });
    charts.push({ id: id, title: title, plot: plot, first: (visible[0] || shown[0]).color });
  }

  function componentColors() {
    var colors = {};
    Object.keys(data.timeline.components).forEach(function (name, i) { colors[name] = PALETTE[i % PALETTE.length]; });
    return colors;
  }

  function scaled(values, factor) {
    return values.map(function (v) { return v === null ? null : v * factor; });
  }

  function positive(values) {
    return values.map(function (v) { return v === null || v <= 0 ? null : v; });
  }

  function constant(value) {
    return data.timeline.t.map(function () { return value; });
  }

  function sum(columns) {
    var t = data.timeline.t;
    return t.map(function (_, i) {
      return columns.reduce(function (acc, c) { return acc + (c[i] || 0); }, 0);
    });
  }

  function drawEventList() {
    var marks = markers();
    if (marks.length === 0) return;
    var list = el("div", { class: "card events" }, el("h3", null, "Events (numbered on every chart)"));
    marks.forEach(function (e, i) {
      list.appendChild(el("div", null,
        el("span", { class: "mark", style: "background:" + (EVENT_COLOR[e.kind] || "#455a64") }, String(i + 1)),
        el("b", null, clock(e.t)), "  ", e.component ? e.component + " \u00b7 " : "", e.kind,
        e.detail ? el("span", { class: "muted" }, ": " + e.detail) : null));
    });
    section("charts").appendChild(list);
  }

  function drawCharts() {
    var tl = data.timeline, colors = componentColors(), names = Object.keys(tl.components);
    if (tl.t.length === 0) {
      section("charts").appendChild(el("div", { class: "card muted" }, "The run recorded no timeline."));
      return;
    }
    if (tl.bucket > 1) {
      section("charts").appendChild(el("p", { class: "muted fold" }, "Each point covers " + tl.bucket
        + " intervals (" + NUM.format(tl.intervals) + " in all): rates are over the bucket, latency is the worst interval in it, utilisation and queues its mean."));
    }
    drawEventList();
    var errorKinds = Object.keys(tl.errorsPerSecond);
    var errorsTotal = sum(errorKinds.map(function (k) { return tl.errorsPerSecond[k]; }));
    // On a journey run the profile offers journeys; throughput is in requests, so the line to compare
    // it with is the request rate those journeys ask for.
    var journeyRate = !!tl.offeredRequestsPerSecond;
    chart("rate", "Offered vs achieved rate", journeyRate
      ? "requests per second; offered is the requests the profile's journeys ask for (journeys started per second beside it), ok what completed successfully"
      : "requests per second; offered is what the profile asks for, ok what completed successfully", "req/s", [
      { label: journeyRate ? "offered requests" : "offered", values: journeyRate ? tl.offeredRequestsPerSecond : tl.offeredPerSecond, color: "#8a94a6", dash: [6, 4], width: 2 },
      { label: "ok", values: tl.completedPerSecond, color: "#3b6fd8", width: 1.5 },
      { label: "errors", values: errorsTotal, color: "#c62f2f", width: 1.5, show: any(errorsTotal) }
    ].concat(journeyRate ? [{ label: "journeys started", values: tl.offeredPerSecond, color: "#c9a227", dash: [2, 3], width: 1.5 }] : []));

    var lat = tl.latencyMillis, latSeries = [];
    var latColors = { p50: "#7cb518", p90: "#17a398", p99: "#3b6fd8", p999: "#8e5ea2", max: "#b0b7c3" };
    Object.keys(lat).forEach(function (p) {
      latSeries.push({ label: percentileName(p), values: positive(lat[p]), color: latColors[p], show: p !== "max" });
    });
    Object.keys(data.goals).filter(function (g) { return g !== "errors"; }).forEach(function (g) {
      latSeries.push({ label: "goal " + percentileName(g) + " \u2264 " + ms(data.goals[g]), values: constant(data.goals[g]), color: "#c62f2f", dash: [8, 5], width: 2 });
    });
    chart("latency", "Latency percentiles", "milliseconds, log scale; each point is one interval's percentile, dashed red lines are the goals", "ms",
      latSeries, { y: { distr: 3 }, format: function (v) { return ms(v); } });

    if (errorKinds.length > 0) {
      chart("errors", "Errors by kind", "failed requests per second", "errors/s", errorKinds.map(function (k, i) {
        return { label: k, values: tl.errorsPerSecond[k], color: ["#c62f2f", "#f2a541", "#8e5ea2", "#2e4057", "#e4572e"][i % 5] };
      }));
    }

    chart("utilization", "Utilisation by component", "mean fraction of each component's capacity busy in the interval", "busy", names.map(function (n) {
      return { label: n, values: scaled(tl.components[n].utilization, 100), color: colors[n] };
    }), { y: { range: [0, 100] }, yValues: function (u, ticks) { return ticks.map(function (v) { return v + "%"; }); },
      format: function (v) { return num(v, 1) + "%"; } });

    chart("waiting", "Waiting: queues by component", "mean number of requests waiting for each component (the queue in front of it)", "waiting",
      names.filter(function (n) { return any(tl.components[n].waiting); }).map(function (n) {
        return { label: n, values: tl.components[n].waiting, color: colors[n] };
      }));

    chart("in-use", "In use by component", "mean workers, connections, cores or disk slots busy", "in use", names.map(function (n) {
      return { label: n, values: tl.components[n].inUse, color: colors[n] };
    }));

    var done = { credits: 1, volumeCredits: 1, iops: 1, iopsCap: 1, queueLength: 1 };
    function metricChart(id, title, note, yLabel, metric, extra) {
      var s = [];
      names.forEach(function (n) {
        var m = tl.components[n].metrics || {};
        if (m[metric]) s.push({ label: n + " " + metric, values: m[metric], color: colors[n] });
        if (extra && m[extra]) s.push({ label: n + " " + extra, values: m[extra], color: colors[n], dash: [6, 4] });
      });
      chart(id, title, note, yLabel, s);
    }
    metricChart("cpu-credits", "CPU credits", "credit balance of burstable instances; at zero the CPU falls to its baseline", "credits", "credits");
    metricChart("volume-credits", "Volume I/O credits", "burst balance of gp2-style volumes; at zero IOPS fall to the baseline", "credits", "volumeCredits");
    metricChart("iops", "IOPS", "I/O operations per second (solid) against the volume's cap (dashed)", "IOPS", "iops", "iopsCap");
    metricChart("queue-length", "Volume queue length", "average I/O requests queued at the volume", "queue", "queueLength");
    var others = {};
    names.forEach(function (n) { Object.keys(tl.components[n].metrics || {}).forEach(function (m) { if (!done[m]) others[m] = 1; }); });
    // Other metrics get a chart only when they change during the run: a flat line says nothing.
    Object.keys(others).sort().forEach(function (m) {
      var varies = names.some(function (n) {
        var c = (tl.components[n].metrics || {})[m];
        if (!c) return false;
        var seen = c.filter(function (v) { return v !== null; });
        return seen.some(function (v) { return v !== seen[0]; });
      });
      if (varies) metricChart("metric-" + m, "Component metric: " + m, null, "", m);
    });

    if (tl.lagMillis) {
      chart("lag", "Generator lag", "delay from each request's due time to its send; large lag means the generator, not the target, fell behind", "ms",
        ["p50", "p99", "max"].map(function (p) { return { label: percentileName(p), values: tl.lagMillis[p], color: latColors[p] }; }));
    }
    if (tl.serviceMillis) {
      chart("service", "Service time", "latency from the actual send (latency above counts from the due time)", "ms",
        ["p50", "p90", "p99"].map(function (p) { return { label: percentileName(p), values: positive(tl.serviceMillis[p]), color: latColors[p] }; }),
        { y: { distr: 3 } });
    }
    var scraped = Object.keys(tl.targetMetrics || {});
    var TARGET_CHARTS = 24;
    if (scraped.length > TARGET_CHARTS) {
      section("charts").appendChild(el("p", { class: "muted fold" }, "The target exposed " + scraped.length
        + " metrics; the first " + TARGET_CHARTS + " by name are drawn. All of them are in the data block and in timeline.jsonl."));
    }
    scraped.slice(0, TARGET_CHARTS).forEach(function (m, i) {
      chart("target-" + i, "Target metric: " + m, "scraped from the target while the run went", "",
        [{ label: m, values: tl.targetMetrics[m], color: PALETTE[i % PALETTE.length] }], { height: 170 });
    });
  }

  // ---------------------------------------------------------------- numbers and spec

  function table(head, rows, textColumns) {
    textColumns = textColumns || 1;
    return el("div", { class: "scroll" }, el("table", null,
      el("thead", null, el("tr", null, head.map(function (h, i) { return el("th", i < textColumns ? { class: "text" } : null, h); }))),
      el("tbody", null, rows.map(function (r) {
        return el("tr", null, r.map(function (c, i) { return el("td", i < textColumns ? { class: "text" } : null, c); }));
      }))));
  }

  function latencyRow(name, l) {
    return [name, NUM.format(l.count), num(l.p50), num(l.p90), num(l.p99), num(l.p999), num(l.max), num(l.mean)];
  }

  function drawNumbers() {
    var box = section("numbers"), s = data.summary;
    if (!s) {
      box.appendChild(el("div", { class: "card muted" }, "The run stopped before it wrote its summary (run.json); the charts above show the intervals it recorded."));
      return;
    }
    var errorText = Object.keys(s.errors).map(function (k) { return k + " " + NUM.format(s.errors[k]); }).join(", ");
    box.appendChild(el("div", { class: "card" }, table(["requests", "arrived", "ok", "errors", "retries", "throughput ok", "window"], [[
      "all", NUM.format(s.requests), NUM.format(s.completed),
      NUM.format(s.errorCount) + (s.requests ? " (" + pct(s.errorCount / s.requests, 2) + ")" : ""),
      NUM.format(s.retries), num(s.throughputPerSecond, 1) + "/s", duration(s.durationSeconds)]]),
      errorText ? el("div", { class: "muted", style: "margin-top:8px" }, "errors by kind: " + errorText) : null,
      data.measurement && data.measurement.notSent ? el("div", { class: "muted", style: "margin-top:8px" },
        NUM.format(data.measurement.notSent) + " arrived but not sent: they were due when the arrivals stopped, still waiting"
        + " for a free connection, and the stop cut them off (not errors)") : null));
    var rows = [latencyRow("all", s.latencyMillis)];
    Object.keys(s.classes).forEach(function (c) { rows.push(latencyRow(c, s.classes[c])); });
    box.appendChild(el("div", { class: "card" }, el("h3", null, "Latency, ms"),
      table(["class", "count", "p50", "p90", "p99", "p99.9", "max", "mean"], rows)));
    var comps = Object.keys(s.components || {}).map(function (n) {
      var c = s.components[n];
      return [n, c.kind, c.servers < 0 ? "unlimited" : NUM.format(c.servers), c.utilization < 0 ? "-" : pct(c.utilization),
        num(c.meanInUse), num(c.meanWaiting), NUM.format(c.maxWaiting), num(c.throughputPerSecond, 1) + "/s", ms(c.meanResidenceMillis)];
    });
    if (comps.length) {
      box.appendChild(el("div", { class: "card" }, el("h3", null, "Components"),
        table(["component", "kind", "capacity", "util", "in use", "waiting", "max wait", "throughput", "residence"], comps, 2)));
    }
    if (s.cost) {
      var c = s.cost;
      var services = { EC2: "EC2", RDS: "RDS", ELASTICACHE: "ElastiCache", ELB: "ELB", EBS: "EBS" };
      var items = (c.items || []).map(function (i) {
        return [i.item, services[i.service] || i.service, "$" + num(i.steadyPerHour, 4) + "/h", "$" + num(i.eventCost, 4)];
      });
      items.push(["steady: $" + num(c.steadyPerMonth, 2) + "/month (baseline, 730 h)  \u00b7  this run: $" + num(c.eventCost, 4)
        + "  \u00b7  $" + num(c.perMillionRequests, 4) + " per million requests", "", "$" + num(c.steadyPerHour, 4) + "/h",
        "$" + num(c.eventCost, 4)]);
      if ((c.unpriced || []).length) {
        items.push(["not priced (no type): " + c.unpriced.join(", "), "", "", ""]);
      }
      box.appendChild(el("div", { class: "card" }, el("h3", null, "Cost (on-demand prices)"),
        table(["item", "service", "steady", "this run"], items, 2)));
    }
    if (data.measurement) {
      var me = data.measurement;
      box.appendChild(el("div", { class: "card" }, el("h3", null, "Measurement"),
        table(["status", "started", "elapsed", "targets", "model", "tag"], [[me.status, me.startedAt, duration(me.elapsedSeconds),
          me.targets.join(", "), me.model, me.tagHeader + ": " + me.runTag]], 6),
        me.verdicts.length ? table(["guard or threshold", "rule", "held", "observed", "at"], me.verdicts.map(function (v) {
          return [v.kind, v.rule, v.passed ? "yes" : "no", num(v.observed) + " " + v.unit, clock(v.atSeconds)];
        }), 2) : null));
      Object.keys(me.journeys || {}).forEach(function (name) { box.appendChild(journeyCard(name, me.journeys[name])); });
    }
  }

  function kinds(counts) {
    return Object.keys(counts || {}).map(function (k) { return k + " " + NUM.format(counts[k]); }).join(", ");
  }

  /** One user journey: how many started, completed, were abandoned (and why) or cut off, and its funnel by step. */
  function journeyCard(name, j) {
    var why = kinds(j.abandonedBy);
    return el("div", { class: "card" }, el("h3", null, "Journey " + name),
      table(["journeys", "started", "completed", "abandoned", "unfinished", "duration p50", "duration p99"], [[
        name, NUM.format(j.started), NUM.format(j.completed), NUM.format(j.abandoned), NUM.format(j.unfinished),
        ms(j.durationMillis.p50), ms(j.durationMillis.p99)]]),
      why ? el("div", { class: "muted", style: "margin-top:8px" }, "abandoned by: " + why) : null,
      table(["step", "sent", "ok", "abandoned here", "throughput ok", "latency p50", "latency p99", "service p50", "errors"],
        j.steps.map(function (s) {
          return [s.name, NUM.format(s.requests), NUM.format(s.completed), NUM.format(s.abandoned),
            num(s.throughputPerSecond, 1) + "/s", ms(s.latencyMillis.p50), ms(s.latencyMillis.p99), ms(s.serviceMillis.p50),
            kinds(s.errors) || "-"];
        })));
  }

  function drawSpec() {
    var box = section("spec"), m = data.metadata;
    if (m) {
      var kv = el("dl", { class: "kv" });
      [["run id", m.id], ["kind", m.kind], ["name", m.name], ["headroom version", m.version], ["seed", String(m.seed)],
        ["spec file", m.specFile], ["spec digest", m.specDigest], ["overrides", m.overrides.length ? m.overrides.join("  ") : "none"],
        ["arrivals", m.arrivals], ["profile", duration(m.profileSeconds) + ", peak " + num(m.peakRatePerSecond, 0) + "/s"],
        ["format", m.format]].forEach(function (p) {
        kv.appendChild(el("dt", null, p[0]));
        kv.appendChild(el("dd", { class: p[0] === "spec digest" || p[0] === "overrides" ? "mono" : "" }, p[1] === null || p[1] === undefined ? "-" : p[1]));
      });
      box.appendChild(el("div", { class: "card" }, kv));
    }
    box.appendChild(el("div", { class: "card" }, el("h3", null, "spec.yaml"),
      data.spec ? el("pre", null, data.spec) : el("div", { class: "muted" }, "The run directory has no spec.yaml.")));
  }

  function draw() {
    if (data.partial && data.partial.partial) {
      section("report").insertBefore(el("div", { class: "banner", id: "partial" }, "Partial run: " + (data.partial.reason || "cut short")
        + ". Nothing here is a pass."), section("verdict"));
    }
    drawHead();
    drawVerdict();
    drawFindings();
    drawCharts();
    drawNumbers();
    drawSpec();
    window.addEventListener("resize", function () {
      var w = chartWidth();
      charts.forEach(function (c) { c.plot.setSize({ width: w, height: c.plot.height }); });
    });
  }

  draw();
  // For readers and tests: the charts as drawn.
  window.headroomReport = { charts: charts };
})();
