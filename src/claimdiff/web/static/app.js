/* claimdiff web app: the only script (CSP script-src 'self'; no inline handlers).
   Story page: a row click highlights its claims and scrolls each article to them.
   Stories page: sort changes submit. Add page: polls the ingest job. */
(function () {
  "use strict";

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  // ---------------------------------------------------------------- story page
  var rows = all("[data-claims]");
  var marks = all("mark[data-claim]");
  var columns = all(".article-text");

  function highlight(ids, row) {
    all(".selected").forEach(function (el) { el.classList.remove("selected"); });
    if (row) { row.classList.add("selected"); }
    var hits = marks.filter(function (m) { return ids.indexOf(m.getAttribute("data-claim")) !== -1; });
    hits.forEach(function (m) { m.classList.add("selected"); });
    var strip = document.getElementById("articles");
    var shifted = false;
    columns.forEach(function (column) {
      var first = hits.find(function (m) { return column.contains(m); });
      if (first && strip && !shifted) {
        // bring the first article with evidence into view when the strip scrolls sideways
        var box = column.getBoundingClientRect(), outer = strip.getBoundingClientRect();
        if (box.left < outer.left || box.right > outer.right) { strip.scrollLeft += box.left - outer.left; }
        shifted = true;
      }
      if (first) {
        var top = first.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop;
        column.scrollTop = Math.max(0, top - column.clientHeight / 3);
      }
    });
    return hits;
  }

  function selectRow(row, scrollPage) {
    var hits = highlight(row.getAttribute("data-claims").split(" "), row);
    if (hits.length && scrollPage) {
      var section = document.getElementById("articles");
      if (section) { section.scrollIntoView({ block: "start" }); }
    }
    if (history.replaceState) { history.replaceState(null, "", "#" + row.id); }
  }

  rows.forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.closest("a.claimreview")) { return; }
      if (event.target.closest("a")) { event.preventDefault(); }
      selectRow(row, true);
    });
    row.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); selectRow(row, true); }
    });
  });

  marks.forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      event.stopPropagation();
      var claim = mark.getAttribute("data-claim");
      var row = rows.find(function (r) { return r.getAttribute("data-claims").split(" ").indexOf(claim) !== -1; });
      highlight(row ? row.getAttribute("data-claims").split(" ") : [claim], row);
      if (row) { row.scrollIntoView({ block: "nearest" }); }
    });
  });

  all("a.fact-link[data-row]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var row = document.getElementById(link.getAttribute("data-row"));
      if (!row) { return; }
      event.preventDefault();
      var folded = row.closest("details");
      if (folded) { folded.open = true; }
      row.classList.remove("hidden");
      row.scrollIntoView({ block: "center" });
      selectRow(row, false);
    });
  });

  all("button.filter[data-status]").forEach(function (button) {
    button.addEventListener("click", function () {
      var status = button.getAttribute("data-status");
      all("button.filter[data-status]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      rows.forEach(function (row) {
        row.classList.toggle("hidden", status !== "all" && row.getAttribute("data-status") !== status);
      });
    });
  });

  if (location.hash && location.hash.indexOf("#a-") === 0) {
    var initial = document.getElementById(location.hash.slice(1));
    if (initial && initial.hasAttribute("data-claims")) { selectRow(initial, false); }
  }

  // ---------------------------------------------------------------- stories page
  all("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () { if (select.form) { select.form.submit(); } });
  });

  // ---------------------------------------------------------------- timeline page
  var points = all("g.point[data-row]");
  var timelineRows = all("table.timeline tbody tr");
  points.forEach(function (point, index) {
    function pick() {
      points.forEach(function (p) { p.classList.remove("selected"); });
      timelineRows.forEach(function (r) { r.classList.remove("selected"); });
      point.classList.add("selected");
      var row = timelineRows[index];
      if (row) { row.classList.add("selected"); row.scrollIntoView({ block: "nearest" }); }
    }
    point.addEventListener("click", pick);
    point.addEventListener("keydown", function (event) { if (event.key === "Enter") { pick(); } });
  });

  // ---------------------------------------------------------------- add page
  var job = document.getElementById("job");
  if (job) {
    var bar = document.getElementById("job-progress");
    var set = function (selector, value) {
      var el = job.querySelector(selector);
      if (el) { el.textContent = String(value); }
    };
    var listInto = function (id, items, build) {
      var list = document.getElementById(id);
      if (!list) { return; }
      while (list.firstChild) { list.removeChild(list.firstChild); }
      items.forEach(function (item) { list.appendChild(build(item)); });
    };
    var poll = function () {
      fetch(job.getAttribute("data-job-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          job.setAttribute("data-state", data.state);
          set(".state", data.state);
          set(".done", data.done);
          set(".new", data.new);
          set(".duplicate", data.duplicate);
          set(".updated", data.updated);
          set(".skipped", data.failed.length);
          var status = document.getElementById("job-status");
          var message = job.querySelector(".message");
          var failure = data.state === "failed" ? data.message : "";
          if (failure && !message && status) {
            status.appendChild(document.createTextNode(" · "));
            message = document.createElement("span");
            message.className = "message";
            status.appendChild(message);
          }
          if (message) { message.textContent = failure || ""; }
          listInto("job-stories", data.stories, function (story) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = "/stories/" + encodeURIComponent(story);
            a.textContent = "story " + story;
            li.appendChild(a);
            return li;
          });
          listInto("job-failed", data.failed, function (f) {
            var li = document.createElement("li");
            li.textContent = f.code + " " + f.source + ": " + f.reason;
            return li;
          });
          if (data.state === "done" || data.state === "failed") {
            if (bar) { bar.max = 1; bar.value = 1; }
          } else {
            window.setTimeout(poll, 600);
          }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    };
    if (job.getAttribute("data-state") !== "done" && job.getAttribute("data-state") !== "failed") { poll(); }
  }
})();
