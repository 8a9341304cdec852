// One history entry for the whole public visit.
//
// Quick exit replaces the tab's current history entry with a neutral site; for Back not to come
// back here, the visit must have no other entry. So on public pages this script fetches the page
// that a link or a form leads to and swaps it in (body, title, language), then rewrites the
// address with history.replaceState. Public paths: /fr/ or /en/, alone or followed by about/,
// directory/, help/ or n/. Everything else (staff pages, other sites) navigates normally, and so
// does everything without JavaScript: those pages stay in the history, as the quick-exit page
// says. Nothing is written to localStorage, sessionStorage, IndexedDB or cookies.
//
// Contract with other scripts:
// - "entraide:leave" (on document, cancelable) fires before this script takes the person to
//   another page by a link or a form; event.detail is {url, form} (form is null for a link) and
//   event.detail.proceed(), which goes on with that very navigation. Cancel the event
//   (event.preventDefault()) to stay, then call proceed() if the person confirms. Navigations
//   left to the browser fire "beforeunload" instead; while quick exit leaves,
//   document.documentElement.dataset.leaving is "1" and beforeunload handlers must stay quiet.
// - "entraide:page" (on document) fires when a page is ready: once after the first load
//   (after DOMContentLoaded) and after each swap, once the scripts the new page needs have
//   loaded. Page scripts initialise on it; since the body is replaced, listeners belong on
//   document or are set up again on each "entraide:page". Staff pages do not load this file.
// - data-real-navigation on a link or a form (or an ancestor) leaves it to the browser: use it
//   for downloads and anything that must not be fetched.
// - A form whose answer does not arrive is never sent again behind the person's back and keeps
//   what they typed; it shows the body's data-send-failed sentence in a role="alert" paragraph.
(function () {
  "use strict";
  var PUBLIC_PATH = /^\/(?:fr|en)\/(?:(?:about|directory|help|n)\/.*)?$/;
  var TIMEOUT_MS = 30000;
  var root = document.documentElement;
  var pending = null;

  function pageIsReady() {
    forgetWhatHtmxKept();
    document.dispatchEvent(new CustomEvent("entraide:page"));
  }

  // htmx 2 writes the page's path to sessionStorage as it loads (for its own history, unused
  // here): a public visit leaves nothing behind in the browser.
  function forgetWhatHtmxKept() {
    try {
      window.sessionStorage.removeItem("htmx-current-path-for-history");
    } catch (error) {
      // storage is turned off: nothing was kept
    }
  }

  // Loaded with defer, before the page's own scripts: DOMContentLoaded comes after all of them.
  if (document.readyState === "complete") window.setTimeout(pageIsReady, 0);
  else document.addEventListener("DOMContentLoaded", pageIsReady);

  var able = window.fetch && window.DOMParser && window.URL && window.FormData;
  if (!able || !window.AbortController || !window.Promise || !history.replaceState) return;

  function attribute(element, name) {
    return element && element.hasAttribute(name) ? element.getAttribute(name) : null;
  }

  function isPublic(url) {
    return url.origin === location.origin && PUBLIC_PATH.test(url.pathname);
  }

  function onThisPage(url) {
    return (
      url.origin === location.origin &&
      url.pathname === location.pathname &&
      url.search === location.search &&
      url.hash !== ""
    );
  }

  function elementFor(hash) {
    if (!hash) return null;
    var id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      // not percent-encoded after all: use it as written
    }
    return document.getElementById(id) || document.getElementsByName(id)[0] || null;
  }

  // A #fragment link on the same page (the skip link) moves there without a new history entry.
  function jumpTo(url) {
    history.replaceState(null, "", url.href);
    var target = elementFor(url.hash);
    if (!target) return;
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || link.closest("[data-real-navigation]")) return;
    var target = link.getAttribute("target");
    if (target && target !== "_self") return;
    var url = new URL(link.getAttribute("href"), document.baseURI);
    if (url.protocol !== "http:" && url.protocol !== "https:") return; // tel:, sms:, mailto:
    if (onThisPage(url)) {
      event.preventDefault();
      jumpTo(url);
      return;
    }
    if (!isPublic(url)) return;
    event.preventDefault();
    leaveFor(url, { method: "GET" }, null);
  }

  function formData(form, submitter) {
    var data = new FormData(form, submitter || undefined);
    // Browsers older than 2023 ignore the submitter argument.
    if (submitter && submitter.name && data.getAll(submitter.name).indexOf(submitter.value) < 0) {
      data.append(submitter.name, submitter.value);
    }
    return data;
  }

  function onSubmit(event) {
    var form = event.target;
    var submitter = event.submitter || null;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    if (form.closest("[data-real-navigation]")) return;
    if (attribute(submitter, "data-real-navigation") !== null) return;
    var target = attribute(submitter, "formtarget") || form.getAttribute("target");
    if (target && target !== "_self") return;
    var method = attribute(submitter, "formmethod") || form.getAttribute("method") || "get";
    method = method.toLowerCase();
    if (method !== "get" && method !== "post") return;
    // form.action would be the form's input named "action", if it has one.
    var action = attribute(submitter, "formaction") || form.getAttribute("action") || location.href;
    var url = new URL(action, document.baseURI);
    if (!isPublic(url)) return;
    event.preventDefault();
    if (pending && pending.form === form) return; // a second tap while the first is on its way
    var data = formData(form, submitter);
    var init = { method: method.toUpperCase() };
    var enctype = attribute(submitter, "formenctype") || form.getAttribute("enctype") || "";
    var multipart = enctype.toLowerCase() === "multipart/form-data";
    if (method === "get") {
      url.search = new URLSearchParams(data).toString();
      url.hash = "";
    } else {
      init.body = multipart ? data : new URLSearchParams(data);
    }
    leaveFor(url, init, form, submitter);
  }

  function leaveFor(url, init, form, submitter) {
    var go = function () {
      fetchAndSwap(url, init, form, submitter);
    };
    var leave = new CustomEvent("entraide:leave", {
      cancelable: true,
      detail: { url: url.href, form: form, proceed: go },
    });
    if (document.dispatchEvent(leave)) go();
  }

  function fetchAndSwap(url, init, form, submitter) {
    if (pending) pending.controller.abort();
    var controller = new AbortController();
    var current = (pending = { controller: controller, form: form });
    var timer = window.setTimeout(function () {
      controller.abort();
    }, TIMEOUT_MS);
    root.dataset.loading = "1";
    init.signal = controller.signal;
    init.credentials = "same-origin";
    init.headers = { Accept: "text/html" };
    fetch(url.href, init)
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var arrived = new URL(response.url || url.href);
        if (!/^text\/html/i.test(type) || arrived.origin !== location.origin) {
          throw new Error("not a page of this site");
        }
        return response.text().then(function (html) {
          arrived.hash = url.hash;
          return { html: html, url: arrived };
        });
      })
      .then(
        function (page) {
          if (pending !== current || root.dataset.leaving) return;
          finish();
          swap(page.html, page.url);
        },
        function () {
          if (pending !== current || root.dataset.leaving) return; // a newer navigation took over
          finish();
          if (form) showFailure(form, submitter);
          else window.location.assign(url.href); // a link: the browser can try it itself
        }
      );

    function finish() {
      window.clearTimeout(timer);
      pending = null;
      delete root.dataset.loading;
    }
  }

  // The new page's head may need what this one lacks: htmx and its config for live search.
  function addWhatTheHeadLacks(next, base) {
    var loads = [];
    var have = {};
    var mine = document.querySelectorAll("script[src], link[rel~=stylesheet][href], meta[name]");
    mine.forEach(function (el) {
      have[key(el, location.href)] = true;
    });
    var theirs = next.querySelectorAll(
      "head meta[name], head link[rel~=stylesheet][href], script[src]"
    );
    theirs.forEach(function (el) {
      var name = key(el, base);
      if (have[name]) return;
      have[name] = true;
      if (el.tagName === "SCRIPT") loads.push(loadScript(el, base));
      else document.head.appendChild(document.importNode(el, true));
    });
    return loads;
  }

  function key(el, base) {
    if (el.tagName === "META") return "meta " + el.getAttribute("name");
    return new URL(el.getAttribute(el.tagName === "SCRIPT" ? "src" : "href"), base).href;
  }

  function loadScript(el, base) {
    var script = document.createElement("script");
    Array.prototype.forEach.call(el.attributes, function (a) {
      script.setAttribute(a.name, a.value);
    });
    script.src = new URL(el.getAttribute("src"), base).href;
    script.async = false; // run in the order the page lists them
    return new Promise(function (resolve) {
      script.addEventListener("load", resolve);
      script.addEventListener("error", resolve);
      document.head.appendChild(script);
    });
  }

  function swap(html, url) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var loads = addWhatTheHeadLacks(next, url.href);
    document.title = next.title;
    var lang = next.documentElement.getAttribute("lang");
    if (lang) root.setAttribute("lang", lang);
    document.body.replaceWith(document.adoptNode(next.body));
    history.replaceState(null, "", url.href);
    var target = elementFor(url.hash);
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
    // Screen readers land on the new content: the #fragment asked for, or else the main.
    if (target) target.focus({ preventScroll: true });
    var main = document.getElementById("main");
    if (main && document.activeElement !== target) main.focus({ preventScroll: true });
    Promise.all(loads).then(function () {
      if (window.htmx) window.htmx.process(document.body);
      pageIsReady();
    });
  }

  function showFailure(form, submitter) {
    var notice = form.querySelector("[data-send-failed-notice]");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "send-failed";
      notice.setAttribute("role", "alert");
      notice.setAttribute("data-send-failed-notice", "");
      if (submitter && form.contains(submitter)) submitter.after(notice);
      else form.appendChild(notice);
    }
    notice.textContent = "";
    // Filled a moment after it is added, so that screen readers announce it.
    window.setTimeout(function () {
      notice.textContent = document.body.getAttribute("data-send-failed") || "";
    }, 50);
  }

  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
})();
