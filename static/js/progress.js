/*
 * Lesson progress, as a progressive enhancement: every page works without this file.
 *
 * - While a lecture plays, count the seconds actually played (seeking adds nothing) and report
 *   them with the position: every 15 s, on pause, at the end, and with sendBeacon when the page
 *   is hidden. Signed-in learners report to the server; visitors without an account keep their
 *   progress in this browser only (localStorage), never on the server.
 * - Open the player where the learner stopped.
 * - For visitors, show their browser-kept progress on lesson lists and let "Mark as complete"
 *   save in the browser; after signing in, offer once to bring that progress into the account.
 * - "Forget my progress on this device": remove every key of this site's store, after asking.
 *
 * Its messages come in the page's language from Django's JavaScript catalogue (jsi18n/), which
 * the page loads before this file; should that fail, they stay in English.
 */
(function () {
  "use strict";

  var STORE_PREFIX = "smartcities.";  // every key this site keeps in localStorage starts so
  var STORE_KEY = STORE_PREFIX + "progress.v1";
  var REPORT_EVERY_MS = 15000;
  var MAX_PLAYED_PER_REPORT = 110;
  var PLAYED_SHARE = 0.9;
  var END_SHARE = 0.95;

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };

  // ---- the browser's own store (visitors without an account) -----------------------------

  function readStore() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORE_KEY));
      return data && typeof data.lessons === "object" ? data : { lessons: {} };
    } catch (error) {
      return { lessons: {} };
    }
  }

  function writeStore(data) {
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(data));
    } catch (error) {
      /* storage full or disabled: progress is simply not kept */
    }
  }

  function storeLocally(lessonId, change) {
    var data = readStore();
    var entry = data.lessons[lessonId] || { position: 0, played: 0, completed: false };
    entry.position = Math.max(entry.position, change.position || 0);
    entry.played += change.played || 0;
    if (change.duration) entry.duration = change.duration;
    var d = entry.duration;
    if (change.completed || (d && entry.played >= PLAYED_SHARE * d && entry.position >= END_SHARE * d)) {
      entry.completed = true;
    }
    entry.updated = Date.now();
    data.lessons[lessonId] = entry;
    writeStore(data);
    return entry;
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // ---- completion shown on the lesson page -----------------------------------------------

  // `focus`: after the learner's own "Mark as complete", move focus to the confirmation (its
  // button is gone), so that a screen reader reads it and Tab goes on to the next lesson. Not
  // when the player completes the lesson: the status is announced without taking focus.
  function showCompleted(text, focus) {
    var section = document.querySelector("[data-lesson-completion]");
    if (!section) return;
    section.classList.add("lesson-completion--done");
    var status = section.querySelector("[data-completion-status]");
    if (status) status.textContent = text;
    var form = section.querySelector("[data-complete-form]");
    if (form) form.hidden = true;
    updateOutline(section.dataset.lessonId);
    if (focus && status) status.focus();
  }

  // The module's outline beside the lesson shows this lesson done too.
  function updateOutline(lessonId) {
    var item = document.querySelector(".lesson-outline .lesson-item[data-lesson-id='" + lessonId + "']");
    if (!item) return;
    item.classList.remove("lesson-item--started", "lesson-item--not-started");
    item.classList.add("lesson-item--done");
    var status = item.querySelector("[data-lesson-status]");
    if (status) status.textContent = gettext("Done");
  }

  // Signed in, "Mark as complete" posts and the server sends the learner back to the
  // confirmation (#completion-status): focus it, as after completing in the browser.
  function focusConfirmation() {
    if (window.location.hash !== "#completion-status") return;
    var status = document.getElementById("completion-status");
    if (status && status.textContent.trim()) status.focus();
  }

  // ---- the player ----------------------------------------------------------------------

  function trackPlayer(media) {
    var lessonId = media.dataset.lessonId;
    var reportUrl = media.dataset.reportUrl;
    // The player is part of the lesson's cached content; the learner's own state is on the
    // page around it: signed in on <body>, where to resume on the lesson's <article>.
    var signedIn = document.body.hasAttribute("data-signed-in");
    var holder = media.closest("[data-resume]");
    var played = 0;
    var last = null;
    var timer = null;

    function duration() {
      if (isFinite(media.duration) && media.duration > 0) return media.duration;
      return parseFloat(media.dataset.duration) || null;
    }

    function resumeAt() {
      // A link into the lecture (a search result's "play from") wins over where they left off.
      if (media.dataset.start) return parseFloat(media.dataset.start) || 0;
      var d = duration();
      var saved = signedIn
        ? (holder && parseFloat(holder.dataset.resume)) || 0
        : (readStore().lessons[lessonId] || {}).position || 0;
      return d && saved >= END_SHARE * d ? 0 : saved;
    }

    function report(hidden) {
      var amount = Math.min(Math.round(played * 10) / 10, MAX_PLAYED_PER_REPORT);
      if (amount <= 0) return;
      played -= amount;
      var change = { position: media.currentTime, played: amount, duration: duration() };
      if (!signedIn) {
        if (storeLocally(lessonId, change).completed) {
          showCompleted(gettext("You have completed this lesson (saved in this browser)."));
        }
        return;
      }
      var body = new URLSearchParams();
      body.set("csrfmiddlewaretoken", csrfToken());
      body.set("position", change.position.toFixed(2));
      body.set("played", amount.toFixed(2));
      if (change.duration) body.set("duration", change.duration.toFixed(2));
      if (hidden && navigator.sendBeacon && navigator.sendBeacon(reportUrl, body)) return;
      fetch(reportUrl, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.completed) showCompleted(gettext("You have completed this lesson."));
        })
        .catch(function () { played += amount; /* try again with the next report */ });
    }

    media.addEventListener("loadedmetadata", function () {
      var start = resumeAt();
      if (start > 0) media.currentTime = start;
    });
    if (media.readyState >= 1) media.dispatchEvent(new Event("loadedmetadata"));

    media.addEventListener("timeupdate", function () {
      var now = media.currentTime;
      if (last !== null && !media.seeking && !media.paused) {
        var delta = now - last;
        if (delta > 0 && delta < 2 * Math.max(1, media.playbackRate)) played += delta;
      }
      last = now;
    });
    media.addEventListener("seeking", function () { last = null; });
    media.addEventListener("play", function () {
      last = media.currentTime;
      if (!timer) timer = window.setInterval(function () { report(false); }, REPORT_EVERY_MS);
    });
    media.addEventListener("pause", function () { report(false); });
    media.addEventListener("ended", function () {
      window.clearInterval(timer);
      timer = null;
      report(false);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") report(true);
    });
    window.addEventListener("pagehide", function () { report(true); });
  }

  // ---- visitors: mark complete in the browser, and show browser-kept progress -------------

  function enhanceCompleteForm(section) {
    var form = section.querySelector("[data-complete-form]");
    var lessonId = section.dataset.lessonId;
    if (!form || section.hasAttribute("data-signed-in")) return;
    var entry = readStore().lessons[lessonId];
    if (entry && entry.completed) showCompleted(gettext("You have completed this lesson (saved in this browser)."));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      storeLocally(lessonId, { completed: true });
      showCompleted(gettext("You have completed this lesson (saved in this browser)."), true);
    });
  }

  function showLocalModules(lessons) {
    // The course home's module cards: how many of each module's lessons this browser has done.
    document.querySelectorAll("[data-module-lessons]").forEach(function (card) {
      var ids = card.dataset.moduleLessons.split(" ").filter(Boolean);
      var bar = card.querySelector("[data-local-progress]");
      if (!bar || !ids.some(function (id) { return lessons[id]; })) return;
      var done = ids.filter(function (id) { return lessons[id] && lessons[id].completed; }).length;
      var text = bar.querySelector("[data-local-progress-text]");
      bar.querySelector("progress").value = done;
      text.textContent = text.dataset.text.replace("{done}", done).replace("{total}", ids.length);
      bar.hidden = false;
    });
  }

  function showLocalStates() {
    var lessons = readStore().lessons;
    var items = Array.prototype.slice.call(document.querySelectorAll(".lesson-item[data-lesson-id]"));
    // The course home lists no lessons; its inert <template> gives them, in order, for "Continue".
    var index = document.querySelector("template[data-course-lessons]");
    if (index) {
      items = items.concat(Array.prototype.slice.call(index.content.querySelectorAll(".lesson-item[data-lesson-id]")));
    }
    showLocalModules(lessons);
    var latest = null;
    items.forEach(function (item, index) {
      var entry = lessons[item.dataset.lessonId];
      if (!entry) return;
      var state = entry.completed ? "done" : "started";
      item.classList.add("lesson-item--" + state);
      var status = item.querySelector("[data-lesson-status]");
      if (status) status.textContent = entry.completed ? gettext("Done") : gettext("Started");
      if (!latest || entry.updated > latest.entry.updated) latest = { entry: entry, index: index };
    });
    var link = document.querySelector("[data-local-continue]");
    if (!link || !latest) return;
    var next = items.slice(latest.entry.completed ? latest.index + 1 : latest.index).find(function (item) {
      var entry = lessons[item.dataset.lessonId];
      return !(entry && entry.completed);
    });
    if (!next) return;
    var anchor = next.querySelector("a");
    var title = next.querySelector(".lesson-item__title");
    link.href = anchor.getAttribute("href");
    link.textContent = interpolate(gettext("Continue: %(title)s"), { title: title.textContent.trim() }, true);
  }

  // ---- after signing in: offer once to bring browser progress into the account -------------

  function offerImport(url) {
    var lessons = readStore().lessons;
    var ids = Object.keys(lessons);
    var box = document.querySelector("[data-import-offer]");
    if (!ids.length || !box) return;
    var held = ngettext(
      "This browser holds progress on %(count)s lesson from before you signed in. It is stored only here until you choose.",
      "This browser holds progress on %(count)s lessons from before you signed in. It is stored only here until you choose.",
      ids.length
    );
    // The offer appears at the top of the page just after signing in: focus moves to its
    // heading, so that a screen reader reads the question and the buttons come next.
    box.innerHTML =
      '<section class="import-offer panel" aria-labelledby="import-heading">' +
      '<h2 id="import-heading" tabindex="-1">' + gettext("Bring your earlier progress into your account?") + "</h2>" +
      "<p>" + interpolate(held, { count: ids.length }, true) + "</p>" +
      '<p><button type="button" class="button" data-import-accept>' + gettext("Add it to my account") + "</button> " +
      '<button type="button" class="button button--secondary" data-import-dismiss>' + gettext("No, thanks") + "</button></p>" +
      '<p data-import-status role="status"></p></section>';
    box.hidden = false;
    box.querySelector("#import-heading").focus();
    var status = box.querySelector("[data-import-status]");
    var accept = box.querySelector("[data-import-accept]");
    box.querySelector("[data-import-dismiss]").addEventListener("click", function () {
      // The buttons go away with the offer: focus moves on to the page's content.
      box.hidden = true;
      var main = document.getElementById("main");
      var heading = main && main.querySelector("h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      } else if (main) {
        main.focus();
      }
    });
    var pending = false;  // not `disabled`: that would take focus from the button
    accept.addEventListener("click", function () {
      if (pending) return;
      pending = true;
      var payload = {
        lessons: ids.map(function (id) {
          var entry = lessons[id];
          return { lesson: Number(id), position: entry.position || 0, played: entry.played || 0,
                   completed: entry.completed === true };
        }),
      };
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(payload),
      })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (result) {
          if (!result.ok) {
            pending = false;
            status.textContent = interpolate(
              gettext("Your progress could not be added: %(reason)s"),
              { reason: result.data.error || gettext("please try again.") },
              true
            );
            return;
          }
          window.localStorage.removeItem(STORE_KEY);
          var added = ngettext(
            "Added progress on %(count)s lesson. Updating the page…",
            "Added progress on %(count)s lessons. Updating the page…",
            result.data.imported
          );
          status.textContent = interpolate(added, { count: result.data.imported }, true);
          window.setTimeout(function () { window.location.reload(); }, 600);
        })
        .catch(function () {
          pending = false;
          status.textContent = gettext("Your progress could not be added; please try again.");
        });
    });
  }

  // ---- forget what this browser keeps (the privacy page, the course home) -----------------

  function siteKeys() {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(STORE_PREFIX) === 0) keys.push(key);
      }
    } catch (error) {
      /* storage disabled: nothing is kept, nothing to forget */
    }
    return keys;
  }

  function enhanceForget(box) {
    var controls = box.querySelector("[data-forget-controls]");
    var summary = box.querySelector("[data-forget-summary]");
    var start = box.querySelector("[data-forget-start]");
    var confirmBox = box.querySelector("[data-forget-confirm]");
    var status = box.querySelector("[data-forget-status]");

    function refresh() {
      var count = Object.keys(readStore().lessons).length;
      if (count === 0) summary.textContent = box.dataset.textNone;
      else if (count === 1) summary.textContent = box.dataset.textOne;
      else summary.textContent = box.dataset.textSome.replace("{count}", count);
      start.disabled = siteKeys().length === 0;
    }

    box.querySelector("[data-forget-nojs]").hidden = true;
    controls.hidden = false;
    refresh();
    start.addEventListener("click", function () {
      status.textContent = "";
      confirmBox.hidden = false;
      confirmBox.querySelector("[data-forget-yes]").focus();
    });
    confirmBox.querySelector("[data-forget-cancel]").addEventListener("click", function () {
      confirmBox.hidden = true;
      start.focus();
    });
    confirmBox.querySelector("[data-forget-yes]").addEventListener("click", function () {
      siteKeys().forEach(function (key) { window.localStorage.removeItem(key); });
      confirmBox.hidden = true;
      refresh();
      status.textContent = box.dataset.textDone;
      summary.focus();
    });
  }

  document.querySelectorAll("[data-lesson-media]").forEach(trackPlayer);
  document.querySelectorAll("[data-forget-progress]").forEach(enhanceForget);
  document.querySelectorAll("[data-lesson-completion]").forEach(enhanceCompleteForm);
  focusConfirmation();
  if (!document.body.hasAttribute("data-signed-in")) showLocalStates();
  if (document.body.dataset.offerImport) offerImport(document.body.dataset.offerImport);
})();
