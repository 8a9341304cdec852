// The pages of a person asking for help: keep the six words from being lost, keep a message
// being typed from being lost, and show new messages without reloading. Everything here is an
// extra: each page works the same without JavaScript. Runs on each page shown (the event
// `entraide:page` of one-entry.js) and once when loaded.
(function () {
  "use strict";

  function leaving() {
    return document.documentElement.dataset.leaving === "1";
  }

  // The receipt: copy, print, and a question before leaving while the words are not kept.
  function receiptNeedsQuestion() {
    var receipt = document.querySelector("[data-receipt]");
    var kept = receipt && receipt.querySelector("[data-kept]");
    return Boolean(receipt && kept && !kept.checked && !receipt.dataset.saving);
  }

  function leaveQuestion() {
    var holder = document.querySelector("[data-leave-question]");
    return holder ? holder.getAttribute("data-leave-question") : "";
  }

  function setUpReceipt() {
    var receipt = document.querySelector("[data-receipt]");
    if (!receipt || receipt.dataset.ready) return;
    receipt.dataset.ready = "1";
    var words = receipt.querySelector("[data-passphrase]");
    var status = receipt.querySelector("[data-copy-status]");
    var copy = receipt.querySelector("[data-copy]");
    var print = receipt.querySelector("[data-print]");
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var say = function (attribute) { status.textContent = copy.getAttribute(attribute); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(words.textContent).then(
            function () { say("data-copied"); },
            function () { selectWords(words); say("data-copy-failed"); }
          );
        } else {
          selectWords(words);
          say(document.execCommand && document.execCommand("copy") ? "data-copied" : "data-copy-failed");
        }
      });
    }
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () {
        // Only the words on paper: not the page around them.
        document.body.classList.add("printing-words");
        window.addEventListener("afterprint", function done() {
          document.body.classList.remove("printing-words");
          window.removeEventListener("afterprint", done);
        });
        window.print();
      });
    }
    var file = receipt.querySelector("form[data-real-navigation]");
    if (file) {
      // Saving the file is not leaving: the page stays, so no question.
      file.addEventListener("submit", function () {
        receipt.dataset.saving = "1";
        window.setTimeout(function () { delete receipt.dataset.saving; }, 1000);
      });
    }
  }

  function selectWords(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // A message typed but not sent: the question to ask before leaving ("" if none), unless
  // the message is being sent.
  function unsentQuestion() {
    var forms = document.querySelectorAll("form[data-keeps-typing]");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].dataset.sending) continue;
      var fields = forms[i].querySelectorAll("textarea");
      for (var j = 0; j < fields.length; j++) {
        if (fields[j].value.trim()) return forms[i].getAttribute("data-keeps-typing");
      }
    }
    return "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-keeps-typing]")) return;
    form.dataset.sending = "1";  // for beforeunload, when the browser itself sends the form
    window.setTimeout(function () { delete form.dataset.sending; }, 3000);
  }, true);

  // Leaving by a link or a form of the site (one-entry.js): the language switch of the receipt
  // shows the same words again, and sending the message is not leaving it behind.
  document.addEventListener("entraide:leave", function (event) {
    var form = event.detail && event.detail.form;
    var question = "";
    if (receiptNeedsQuestion()) {
      if (!(form && form.hasAttribute("data-keeps-words"))) question = leaveQuestion();
    } else if (!(form && form.hasAttribute("data-keeps-typing"))) {
      question = unsentQuestion();
    }
    if (question && !window.confirm(question)) event.preventDefault();
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving()) return;
    if (receiptNeedsQuestion() || unsentQuestion()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // New messages in an open conversation, every 15 seconds while the page is visible. The
  // conversation's access token ages as usual: polling never keeps a conversation open.
  var timer = null;

  function setUpPolling() {
    var box = document.querySelector("[data-poll]");
    if (timer) window.clearInterval(timer);
    timer = null;
    if (!box || !window.fetch) return;
    timer = window.setInterval(function () { poll(box); }, 15000);
  }

  function poll(box) {
    if (document.hidden || !document.body.contains(box)) return;
    var body = new FormData();
    body.append("access", box.getAttribute("data-access"));
    fetch(box.getAttribute("data-poll"), { method: "POST", body: body, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) {
          window.clearInterval(timer);
          timer = null;
          var stopped = document.querySelector("[data-poll-stopped]");
          if (stopped) stopped.hidden = false;
          return null;
        }
        return response.text();
      })
      .then(function (html) { if (html) addNewMessages(box, html); })
      .catch(function () {});
  }

  function addNewMessages(box, html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var list = box.querySelector("ol.chat");
    var items = fresh.querySelectorAll("li[data-message]");
    for (var i = 0; i < items.length; i++) {
      var id = items[i].getAttribute("data-message");
      if (box.querySelector('li[data-message="' + id + '"]')) continue;
      if (!list) {
        box.textContent = "";
        list = document.createElement("ol");
        list.className = "chat";
        box.appendChild(list);
      }
      list.appendChild(document.importNode(items[i], true));
    }
  }

  // A reload must not lose the receipt or the open conversation. Pages shown by one-entry.js
  // are fetched, so a reload asks for the address alone; the tab's own history entry keeps
  // what sends the page again (the form's token, or the conversation's access), until the
  // next page or a quick exit replaces the entry. Nothing is stored anywhere else.
  function remember() {
    var receipt = document.querySelector("form[data-receipt-again]");
    var open = document.querySelector("form[data-conversation-again]");
    var form = receipt || open;
    if (!form || !history.replaceState) return;
    var fields = {};
    form.querySelectorAll("input[type=hidden]").forEach(function (input) {
      fields[input.name] = input.value;
    });
    history.replaceState({ again: { action: form.getAttribute("action"), fields: fields } }, "");
  }

  function showAgainAfterReload() {
    var again = history.state && history.state.again;
    if (!again || document.querySelector("[data-receipt], [data-poll]")) return;
    var form = document.createElement("form");
    form.method = "post";
    form.action = again.action;
    form.hidden = true;
    Object.keys(again.fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = again.fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.requestSubmit ? form.requestSubmit() : form.submit();
  }

  var firstPage = true;

  function setUp() {
    if (firstPage) showAgainAfterReload();
    firstPage = false;
    setUpReceipt();
    setUpPolling();
    remember();
  }

  document.addEventListener("entraide:page", setUp);
})();
