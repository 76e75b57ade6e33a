// The web chat page: posts JSON to /chat/messages and shows what comes back; polls for officers' answers.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var error = document.getElementById("error");
  var errorText = error.textContent;
  var language = document.getElementById("language");
  var lastId = 0;
  var busy = false;

  function newId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  // The bot marks emphasis as *text*: shown as <strong>, everything else as plain text.
  function appendText(node, text) {
    text.split(/(\*[^*\n]+\*)/).forEach(function (part) {
      if (/^\*[^*\n]+\*$/.test(part)) {
        var strong = document.createElement("strong");
        strong.textContent = part.slice(1, -1);
        node.appendChild(strong);
      } else if (part) {
        node.appendChild(document.createTextNode(part));
      }
    });
  }

  function show(message) {
    if (message.id <= lastId) return;
    lastId = message.id;
    var item = document.createElement("li");
    item.className = message.from;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = (message.from === "person" ? log.dataset.you : log.dataset.bot) + ": ";
    item.appendChild(who);
    appendText(item, message.text);
    if (message.buttons.length) {
      var choices = document.createElement("div");
      choices.className = "choices";
      message.buttons.forEach(function (button) {
        var element = document.createElement("button");
        element.type = "button";
        element.textContent = button.label;
        element.addEventListener("click", function () { send(button.label, button.value); });
        choices.appendChild(element);
      });
      item.appendChild(choices);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  function showAll(body) {
    body.messages.forEach(show);
  }

  function send(text, button) {
    if (busy || !(text || "").trim()) return Promise.resolve();
    busy = true;
    error.hidden = true;
    return fetch("/chat/messages", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: newId(), text: text, button: button || null, after: lastId })
    }).then(function (response) {
      if (response.status === 429) {  // too many new chats from this network: the server says why
        return response.json().then(function (body) { throw new Error(body.notice || ""); });
      }
      if (!response.ok) throw new Error("");
      return response.json();
    }).then(showAll).catch(function (failure) {
      error.textContent = (failure && failure.message) || errorText;
      error.hidden = false;
      if (!input.value) input.value = text;  // not sent: the text stays for another try
    }).finally(function () {
      busy = false;
    });
  }

  function poll() {
    fetch("/chat/messages?after=" + lastId, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(showAll)
      .catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text).then(function () { input.focus(); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  language.addEventListener("click", function (event) {
    event.preventDefault();
    var target = language.href;
    var after = lastId ? send(language.textContent, language.dataset.button) : Promise.resolve();
    after.then(function () { window.location.href = target; });
  });

  poll();
  setInterval(poll, 5000);
})();
