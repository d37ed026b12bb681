"""What the pipeline made plays in a real browser: a VP9/Opus upload becomes an H.264/AAC MP4
that Debian's Chromium loads, decodes and reports the right length for, served by the site."""

import pytest

from mediapipeline.models import MediaProcessing
from modules.seed import tree_roots_ensure
from tests.mediapipeline import media_files as files

PLAY = """async (url) => {
    const video = document.createElement("video");
    video.muted = true;
    video.preload = "auto";
    const loaded = new Promise((resolve, reject) => {
        video.addEventListener("loadeddata", resolve, {once: true});
        video.addEventListener("error", () => reject(new Error(
            "media error " + (video.error && video.error.code))), {once: true});
    });
    video.src = url;
    document.body.append(video);
    await loaded;
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return {
        readyState: video.readyState,
        duration: video.duration,
        width: video.videoWidth,
        height: video.videoHeight,
        played: video.currentTime,
    };
}"""


def test_a_transcoded_upload_plays_in_chromium(browser_page, tmp_path):
    # A transactional test: the upload's commit sends it to the pipeline (eager here), as an
    # editor's upload would be.
    tree_roots_ensure()  # a flush before this test may have removed the root collection
    media = files.save_media(files.webm_vp9_opus(tmp_path), kind="video")
    processing = MediaProcessing.objects.get(media=media)
    assert processing.status == MediaProcessing.Status.READY
    assert files.codecs(processing.web_file.path) == [("video", "h264"), ("audio", "aac")]

    media.refresh_from_db()
    browser_page.goto(media.thumbnail.url)  # any page of the site: same origin as the video
    result = browser_page.evaluate(PLAY, processing.web_file.url)

    assert result["readyState"] >= 2
    assert result["duration"] == pytest.approx(2.0, abs=0.5)
    assert (result["width"], result["height"]) == (160, 120)
    assert result["played"] > 0
