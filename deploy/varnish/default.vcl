# The HTTP cache of the docker compose stack: two application instances (web1, web2) behind
# Varnish, chosen in turn, each checked on /healthz. The cache logic is in course.vcl.
vcl 4.1;

import directors;

probe healthz {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: localhost"
        "Connection: close"
        "User-Agent: Varnish health probe";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
}

backend web1 {
    .host = "web1";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

backend web2 {
    .host = "web2";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new web = directors.round_robin();
    web.add_backend(web1);
    web.add_backend(web2);
}

sub vcl_recv {
    set req.backend_hint = web.backend();
}

include "course.vcl";
