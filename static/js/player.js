/*
 * The lecture player, as a progressive enhancement over the native <video>/<audio> with its
 * controls (templates/modules/includes/player.html), which keep working without this file.
 * static/js/progress.js tracks progress and resume on the same media element; this file only
 * adds to it:
 *
 * - Speed, 0.75× to 2×, remembered: on the account for signed-in learners (the page carries the
 *   learner's speed on the lesson's <article>, and a change is posted as JSON), in this browser's
 *   localStorage for visitors (under the site's "smartcities." prefix, so that "Forget my
 *   progress" removes it).
 * - The transcript built from the captions (templates/modules/includes/transcript.html): its
 *   lines and the chapters seek in place; the line being spoken is highlighted and, if the
 *   reader wants, followed; a search filters the lines and says how many match. Nothing is
 *   announced while the lecture plays.
 * - Caption language, a caption line for audio lectures (an <audio> shows no captions), and
 *   keyboard shortcuts that work only while the focus is in the player.
 *
 * Its messages come in the page's language from Django's JavaScript catalogue (jsi18n/).
 */
(function () {
  "use strict";

  var RATE_KEY = "smartcities.player.v1";
  var RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];
  var SKIP_SECONDS = 10;
  var CAPTION_GAP_SECONDS = 1;

  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function isRate(value) {
    return RATES.indexOf(value) !== -1;
  }

  // ---- speed, remembered per learner ---------------------------------------------------

  function savedRate(holder) {
    if (holder && holder.dataset.playbackRateUrl) return parseFloat(holder.dataset.playbackRate) || 1;
    try {
      var data = JSON.parse(window.localStorage.getItem(RATE_KEY));
      return data && isRate(data.rate) ? data.rate : 1;
    } catch (error) {
      return 1;
    }
  }

  function saveRate(holder, rate) {
    if (holder && holder.dataset.playbackRateUrl) {
      holder.dataset.playbackRate = String(rate);
      fetch(holder.dataset.playbackRateUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ rate: rate }),
      }).catch(function () { /* kept for this page; the next change tries again */ });
      return;
    }
    try {
      window.localStorage.setItem(RATE_KEY, JSON.stringify({ rate: rate }));
    } catch (error) {
      /* storage full or disabled: the speed holds for this page only */
    }
  }

  function enhanceSpeed(media, controls, holder) {
    var select = controls.querySelector("[data-player-rate]");
    var rate = savedRate(holder);

    function apply(value) {
      media.defaultPlaybackRate = value;
      media.playbackRate = value;
      select.value = String(value);
    }

    apply(rate);
    // Loading the media resets its speed to the default: set it again once it is known.
    media.addEventListener("loadedmetadata", function () { if (media.playbackRate !== rate) apply(rate); });
    select.addEventListener("change", function () { apply(parseFloat(select.value)); });
    // The native menu may change the speed too: keep the choice if it is one the player offers.
    media.addEventListener("ratechange", function () {
      var value = media.playbackRate;
      if (!isRate(value) || value === rate) return;
      rate = value;
      select.value = String(value);
      saveRate(holder, value);
    });
    return {
      step: function (direction) {
        var index = RATES.indexOf(rate) + direction;
        if (index >= 0 && index < RATES.length) apply(RATES[index]);
      },
    };
  }

  // ---- the transcript ------------------------------------------------------------------

  function lineTimes(link) {
    return { start: parseFloat(link.dataset.seek), end: parseFloat(link.dataset.end) };
  }

  function Transcript(section, media) {
    this.section = section;
    this.media = media;
    this.current = null;
    this.follow = section.querySelector("[data-transcript-follow]");
    this.search = section.querySelector("[data-transcript-search]");
    this.count = section.querySelector("[data-transcript-count]");
    this.setLanguage(null);
  }

  Transcript.prototype.setLanguage = function (language) {
    var chosen = null;
    this.section.querySelectorAll("[data-transcript-lines]").forEach(function (box) {
      if (!chosen && (language === null || box.dataset.language === language)) chosen = box;
    });
    if (!chosen) return;  // captions turned off: keep the transcript shown
    this.section.querySelectorAll("[data-transcript-lines]").forEach(function (box) {
      box.hidden = box !== chosen;
    });
    this.box = chosen;
    this.lines = Array.prototype.slice.call(chosen.querySelectorAll("a[data-seek]"));
    this.times = this.lines.map(lineTimes);
    this.mark(null);
    if (this.search && this.search.value) this.filter(this.search.value);
    this.update(this.media.currentTime);
  };

  // The line spoken at `time`: the last that started by then, while it lasts or until the next.
  Transcript.prototype.indexAt = function (time) {
    var found = -1;
    for (var i = 0; i < this.times.length && this.times[i].start <= time + 0.05; i++) found = i;
    return found;
  };

  Transcript.prototype.mark = function (line) {
    if (this.current === line) return;
    if (this.current) {
      this.current.classList.remove("cue--current");
      this.current.removeAttribute("aria-current");
    }
    this.current = line;
    if (line) {
      line.classList.add("cue--current");
      line.setAttribute("aria-current", "true");
    }
  };

  Transcript.prototype.update = function (time) {
    var index = this.indexAt(time);
    var line = index >= 0 ? this.lines[index] : null;
    var changed = line !== this.current;
    this.mark(line);
    if (changed && line && this.follow && this.follow.checked && !line.parentNode.hidden) {
      this.scrollTo(line);
    }
    // The spoken line, kept through the short pause before the next (no flicker in the caption line).
    return index >= 0 && time <= this.times[index].end + CAPTION_GAP_SECONDS ? line : null;
  };

  // Scroll the transcript's own box, never the page: on a phone, where the box does not
  // scroll, the reader's place on the page stays where they put it.
  Transcript.prototype.scrollTo = function (line) {
    var box = this.box;
    if (box.scrollHeight <= box.clientHeight) return;
    var top = box.scrollTop + line.getBoundingClientRect().top - box.getBoundingClientRect().top -
      box.clientHeight / 3;
    this.scrolling = true;
    box.scrollTop = Math.max(0, top);
    var self = this;
    window.requestAnimationFrame(function () { self.scrolling = false; });
  };

  Transcript.prototype.filter = function (query) {
    var needle = query.trim().toLocaleLowerCase();
    var matches = 0;
    this.lines.forEach(function (line) {
      var textNode = line.querySelector(".cue__text");
      var text = textNode.textContent;
      var at = needle ? text.toLocaleLowerCase().indexOf(needle) : -1;
      // Rebuild the line's words as text and <mark>: never HTML from what the reader typed.
      textNode.textContent = "";
      var from = 0;
      while (at !== -1) {
        textNode.appendChild(document.createTextNode(text.slice(from, at)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(at, at + needle.length);
        textNode.appendChild(mark);
        from = at + needle.length;
        at = text.toLocaleLowerCase().indexOf(needle, from);
      }
      textNode.appendChild(document.createTextNode(text.slice(from)));
      var hit = !needle || from > 0;
      if (hit && needle) matches += 1;
      line.parentNode.hidden = !hit;
    });
    if (!needle) {
      this.count.textContent = "";
      return;
    }
    this.count.textContent = matches
      ? interpolate(ngettext("%(count)s line matches.", "%(count)s lines match.", matches), { count: matches }, true)
      : gettext("No line matches.");
  };

  Transcript.prototype.enhance = function (seek) {
    var self = this;
    this.section.querySelector("[data-transcript-tools]").hidden = false;
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.follow.checked = !reduced;
    // Clicking a line or a chapter (or Enter on it: a link's own keyboard use) seeks in place.
    this.section.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-seek]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      seek(parseFloat(link.dataset.seek));
    });
    // Reading elsewhere in the transcript turns following off, so that it does not pull away.
    var stopFollowing = function () { if (!self.scrolling) self.follow.checked = false; };
    this.section.querySelectorAll("[data-transcript-lines]").forEach(function (box) {
      box.addEventListener("wheel", stopFollowing, { passive: true });
      box.addEventListener("touchmove", stopFollowing, { passive: true });
    });
    var timer = null;
    this.search.addEventListener("input", function () {
      // Count once the reader pauses typing, so that a screen reader is not told every letter.
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.filter(self.search.value); }, 300);
    });
    this.search.addEventListener("search", function () { self.filter(self.search.value); });
  };

  // ---- captions: language, and the caption line of an audio lecture ------------------------

  function captionTracks(media) {
    return Array.prototype.filter.call(media.textTracks, function (track) { return track.kind === "captions"; });
  }

  function setCaptionLanguage(media, language) {
    var audio = media.tagName === "AUDIO";
    captionTracks(media).forEach(function (track) {
      // An <audio> shows nothing itself: its captions are shown by this file, in the caption line.
      track.mode = track.language === language ? (audio ? "hidden" : "showing") : "disabled";
    });
  }

  // ---- the player ------------------------------------------------------------------------

  function enhance(region) {
    var media = region.querySelector("[data-lesson-media]");
    var controls = region.querySelector("[data-player-controls]");
    if (!media || !controls) return;
    var holder = media.closest("[data-resume]");
    var figure = region.querySelector(".player");
    var liveCaption = region.querySelector("[data-player-live-caption]");
    var languageSelect = controls.querySelector("[data-player-language]");
    var section = document.querySelector("[data-transcript]");
    var transcript = section ? new Transcript(section, media) : null;
    var captionsOn = true;

    controls.hidden = false;
    var speed = enhanceSpeed(media, controls, holder);

    function play() {
      var playing = media.play();
      if (playing && playing.catch) playing.catch(function () { /* the reader presses play */ });
    }

    function seek(seconds) {
      if (!isFinite(seconds)) return;
      media.currentTime = seconds;
      if (transcript) transcript.update(seconds);
      play();
    }

    function showCaption(line) {
      if (!liveCaption) return;
      var text = captionsOn && line ? line.querySelector(".cue__text").textContent : "";
      if (liveCaption.textContent !== text) liveCaption.textContent = text;
      liveCaption.hidden = !captionsOn;
    }

    function onTime() {
      var line = transcript ? transcript.update(media.currentTime) : null;
      showCaption(line);
    }

    media.addEventListener("timeupdate", onTime);
    media.addEventListener("seeked", onTime);

    if (transcript) transcript.enhance(seek);
    if (liveCaption) {
      liveCaption.setAttribute("lang", transcript && transcript.box ? transcript.box.dataset.language : "");
      showCaption(null);
    }

    function chooseLanguage(language) {
      captionsOn = language !== "";
      setCaptionLanguage(media, language);
      if (languageSelect) languageSelect.value = language;
      if (transcript && language) transcript.setLanguage(language);
      if (liveCaption && language) liveCaption.setAttribute("lang", language);
      onTime();
    }

    if (languageSelect) {
      languageSelect.addEventListener("change", function () { chooseLanguage(languageSelect.value); });
    }
    if (media.tagName === "AUDIO") {
      var first = captionTracks(media)[0];
      if (first) setCaptionLanguage(media, first.language);
    }

    // Shortcuts only while the focus is in the player, and never in a form control (where the
    // letters are the reader's own); no key a screen reader needs on the rest of the page.
    region.querySelector("[data-player-shortcuts]").hidden = false;
    figure.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("select, input, textarea, a, button")) return;
      var handled = true;
      switch (event.key) {
        case "k":
          if (media.paused) play(); else media.pause();
          break;
        case "j":
          media.currentTime = Math.max(0, media.currentTime - SKIP_SECONDS);
          break;
        case "l":
          media.currentTime = Math.min(media.duration || Infinity, media.currentTime + SKIP_SECONDS);
          break;
        case "<":
          speed.step(-1);
          break;
        case ">":
          speed.step(1);
          break;
        case "c":
          if (captionsOn) chooseLanguage("");
          else chooseLanguage((transcript && transcript.box && transcript.box.dataset.language) || "");
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    });
  }

  document.querySelectorAll("[data-player-region]").forEach(enhance);
})();
