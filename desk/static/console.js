// The officer console's behaviour, all optional (every page works without it): live notices, the inbox list
// and the open ticket kept current by short polling, an opt-in sound and desktop notice for urgent tickets,
// Ctrl+Enter to send, and keyboard shortcuts (listed on "?").
(function () {
  "use strict";
  var NOTICE_EVERY = 15000, LIST_EVERY = 5000, TICKET_EVERY = 4000;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  function every(ms, task) {  // not while the tab is hidden: nobody reads it, and it would mark tickets seen
    task();
    setInterval(function () { if (!document.hidden) { task(); } }, ms);
  }

  // Opt-in alert for urgent notices: a short tone and, when allowed, a desktop notification.
  var alertBox = document.getElementById("alerts");
  function alertsOn() { return window.localStorage && localStorage.getItem("console-alerts") === "on"; }
  function beep() {
    var Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) { return; }
    var context = new Audio(), tone = context.createOscillator(), gain = context.createGain();
    tone.frequency.value = 880; gain.gain.value = 0.2;
    tone.connect(gain); gain.connect(context.destination);
    tone.start(); tone.stop(context.currentTime + 0.3);
  }
  function sound(notice) {
    if (!alertsOn()) { return; }
    beep();
    if (window.Notification && Notification.permission === "granted") {
      new Notification(notice.text);
    }
  }
  if (alertBox) {
    alertBox.checked = alertsOn();
    alertBox.addEventListener("change", function () {
      localStorage.setItem("console-alerts", alertBox.checked ? "on" : "off");
      if (alertBox.checked && window.Notification && Notification.permission === "default") {
        Notification.requestPermission();
      }
    });
  }

  // Live notices: new urgent tickets and escalations.
  var box = document.getElementById("notices");
  if (box) {
    var last = null;
    every(NOTICE_EVERY, function () {
      getJSON(box.dataset.url + (last === null ? "" : "?after=" + last)).then(function (data) {
        if (!data) { return; }
        data.notices.forEach(function (notice) {
          var line = document.createElement("p");
          var link = document.createElement("a");
          link.href = "/console/t/" + encodeURIComponent(notice.ref);
          link.textContent = notice.text;
          line.appendChild(link);
          box.appendChild(line);
          sound(notice);
        });
        last = data.last;
      });
    });
  }

  // The inbox list, redrawn only when the server's list changed (new tickets, new messages, unread marks), so
  // the row an officer moved to with j/k keeps its focus.
  var list = document.getElementById("inbox");
  if (list) {
    var drawn = null, version = "", polls = 0;
    every(LIST_EVERY, function () {
      polls += 1;  // every minute the whole list, so "waiting 2 min" and the time left stay true
      var url = list.dataset.url + (version && polls % 12 ? "&version=" + encodeURIComponent(version) : "");
      getJSON(url).then(function (data) {
        if (!data) { return; }
        version = data.version;
        if (data.same || data.html === drawn) { return; }
        var focused = document.activeElement && document.activeElement.closest(".row");
        var ref = focused && focused.dataset.ref;
        if (drawn !== null) { list.innerHTML = data.html; }
        drawn = data.html;
        var again = ref && list.querySelector('.row[data-ref="' + ref + '"] a.ref');
        if (again) { again.focus(); }
      });
    });
  }

  // The open ticket: messages that arrived since the page was drawn.
  var messages = document.getElementById("messages");
  if (messages) {
    setInterval(function () {
      if (document.hidden) { return; }
      getJSON(messages.dataset.url + "?after=" + messages.dataset.last).then(function (data) {
        if (!data || !data.html.trim()) { return; }
        messages.insertAdjacentHTML("beforeend", data.html);
        messages.dataset.last = data.last;
        var newest = messages.lastElementChild;
        if (newest) { newest.classList.add("fresh"); newest.scrollIntoView({ block: "nearest" }); }
      });
    }, TICKET_EVERY);
  }

  // Ctrl+Enter (or Cmd+Enter) sends the form of the text box being typed in.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.form && target.tagName === "TEXTAREA") {
      event.preventDefault();
      target.form.requestSubmit();
    }
  });

  // A refused action's reason is where the officer looks: scrolled to and focused.
  var refused = document.querySelector("main [role=alert]");
  if (refused) {
    refused.setAttribute("tabindex", "-1");
    refused.scrollIntoView({ block: "center" });
    refused.focus();
  }

  // Keyboard shortcuts, outside text fields.
  var help = document.getElementById("shortcuts");
  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".inbox .row")); }
  function move(step) {
    var all = rows(), current = all.indexOf(document.activeElement && document.activeElement.closest(".row"));
    var next = all[Math.max(0, Math.min(all.length - 1, current + step))];
    if (next) { next.querySelector("a.ref").focus(); }
  }
  function click(selector) { var element = document.querySelector(selector); if (element) { element.click(); } }
  function focus(selector) { var element = document.querySelector(selector); if (element) { element.focus(); } }
  var keys = {
    "?": function () { if (help) { if (help.open) { help.close(); } else { help.showModal(); } } },
    "j": function () { move(1); },
    "k": function () { move(-1); },
    "/": function () { focus("input[type=search]"); },
    "r": function () { focus("#reply-text"); },
    "n": function () { click("#take-next"); },
    "u": function () { window.location.href = "/console/?view=urgent"; },
    "g": function () { window.location.href = "/console/"; }
  };
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var action = keys[event.key];
    if (action) { event.preventDefault(); action(); }
  });
})();
