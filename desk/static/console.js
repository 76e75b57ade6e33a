// The officer console's behaviour, all optional (every page works without it): live notices and the count of
// unread mentions, the inbox list and the open ticket kept current by short polling, an opt-in sound and desktop
// notice for urgent tickets, canned answers on "/" and colleagues on "@", Ctrl+Enter to send, and keyboard
// shortcuts (listed on "?").
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
        mentionCount(data.mentions);
      });
    });
  }

  // Mentions not yet read: the count in the header, kept current by the notice poll.
  function mentionCount(count) {
    var link = document.getElementById("mentions"), badge = document.getElementById("mention-count");
    if (!link || !badge || typeof count !== "number") { return; }
    badge.textContent = String(count);
    link.classList.toggle("unread", count > 0);
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

  // Pickers in text boxes: "/" at the start of a line in the reply searches the canned answers by their words,
  // "@" in a note offers the colleagues who may see the ticket. Arrows move, Enter or Tab inserts, Escape closes.
  var TRIGGERS = {
    "/": /(^|\n)\/([^\n]*)$/,
    "@": /(^|[^\w@])@([\w.-]*)$/
  };
  function picker(box) {
    var list = document.getElementById(box.dataset.picker), pattern = TRIGGERS[box.dataset.trigger];
    if (!list || !pattern) { return; }
    var options = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    var shown = [], active = -1, start = -1;
    function close() {
      list.hidden = true;
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      active = (index + shown.length) % shown.length;
      shown.forEach(function (option, n) { option.setAttribute("aria-selected", n === active ? "true" : "false"); });
      box.setAttribute("aria-activedescendant", shown[active].id);
      shown[active].scrollIntoView({ block: "nearest" });
    }
    function update() {
      var caret = box.selectionStart, match = pattern.exec(box.value.slice(0, caret));
      if (!match) { close(); return; }
      start = caret - match[2].length - 1;
      var words = match[2].toLowerCase().split(/\s+/).filter(Boolean);
      shown = options.filter(function (option) {
        var text = option.dataset.search.toLowerCase();
        var fits = words.every(function (word) { return text.indexOf(word) >= 0; });
        option.hidden = !fits;
        return fits;
      });
      if (!shown.length) { close(); return; }
      list.hidden = false;
      highlight(0);
    }
    function pick(option) {
      var caret = box.selectionStart, text = option.dataset.insert;
      box.value = box.value.slice(0, start) + text + box.value.slice(caret);
      box.setSelectionRange(start + text.length, start + text.length);
      close();
      box.focus();
    }
    box.addEventListener("input", update);
    box.addEventListener("blur", close);
    box.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      var plainEnter = event.key === "Enter" && !(event.ctrlKey || event.metaKey || event.shiftKey);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (plainEnter || event.key === "Tab") {
        event.preventDefault();
        pick(shown[active]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    options.forEach(function (option) {
      option.addEventListener("mousedown", function (event) { event.preventDefault(); pick(option); });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("textarea[data-picker]"), picker);

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
