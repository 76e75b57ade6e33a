// The web chat page: posts JSON to /chat/messages and files to /chat/files, shows what comes back (the server
// renders each message's markup as safe HTML), and polls for officers' answers.
(function () {
  "use strict";
  var scroller = document.getElementById("scroller");
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var file = document.getElementById("file");
  var clip = document.querySelector(".attach svg");
  var error = document.getElementById("error");
  var errorText = error.textContent;
  var language = document.getElementById("language");
  var lastId = 0;
  // A language picked on the page (?lang=) before the first message is the new conversation's language; the
  // browser's own setting is not (many workers abroad use a phone set to English).
  var chosen = new URLSearchParams(window.location.search).get("lang");
  var busy = false;

  function newId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  function show(message) {
    if (message.id <= lastId) return null;
    lastId = message.id;
    var item = document.createElement("li");
    item.className = message.from;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = (message.from === "person" ? log.dataset.you : log.dataset.bot) + ": ";
    item.appendChild(who);
    message.files.forEach(function (name) {
      var line = document.createElement("span");
      line.className = "file";
      line.appendChild(clip.cloneNode(true));  // the attach button's paperclip
      line.appendChild(document.createTextNode(" " + name));
      item.appendChild(line);
    });
    var text = document.createElement("div");
    text.className = "text";
    text.innerHTML = message.html;  // escaped and marked up on the server (bot/markup.py)
    item.appendChild(text);
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
    return item;
  }

  // The newest message in view: its end, or its start when it is taller than the visible part.
  function reveal(item) {
    if (!item) return;
    item.scrollIntoView({ block: item.offsetHeight > scroller.clientHeight ? "start" : "end" });
  }

  function showAll(body) {
    var shown = body.messages.map(show).filter(Boolean);
    reveal(shown[shown.length - 1]);
    // The bot may change the conversation's language: the page around it follows.
    if (body.language && body.language !== log.dataset.lang && !input.value) {
      window.location.replace(window.location.pathname);
    }
  }

  function failed(failure, text) {
    error.textContent = (failure && failure.message) || errorText;
    error.hidden = false;
    if (text && !input.value) input.value = text;  // not sent: the text stays for another try
  }

  function answer(response) {
    if (response.status === 429 || response.status === 413 || response.status === 415) {
      return response.json().then(function (body) { throw new Error(body.notice || ""); });  // the server says why
    }
    if (!response.ok) throw new Error("");
    return response.json();
  }

  function post(url, options, text) {
    if (busy) return Promise.resolve();
    busy = true;
    error.hidden = true;
    options.method = "POST";
    options.credentials = "same-origin";
    return fetch(url, options).then(answer).then(showAll).catch(function (failure) {
      failed(failure, text);
    }).finally(function () {
      busy = false;
    });
  }

  function send(text, button) {
    if (!(text || "").trim()) return Promise.resolve();
    return post("/chat/messages", {
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: newId(), text: text, button: button || null, after: lastId, language: chosen })
    }, text);
  }

  function upload(chosen) {
    if (chosen.size > Number(file.dataset.max)) {
      failed(new Error(file.dataset.tooLarge));
      return Promise.resolve();
    }
    var query = "?id=" + newId() + "&after=" + lastId + "&name=" + encodeURIComponent(chosen.name);
    return post("/chat/files" + query, {
      headers: { "Content-Type": chosen.type || "application/octet-stream", "X-Chat-Upload": "1" },
      body: chosen
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
  file.addEventListener("change", function () {
    var chosen = file.files[0];
    if (!chosen) return;
    upload(chosen).then(function () { file.value = ""; });
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
