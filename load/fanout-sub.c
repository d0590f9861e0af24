// RESP fan-out load client: N subscriber connections and one pipelined
// publisher in a single epoll loop, so the client is never the bottleneck.
//
// Subscribers SUBSCRIBE to a channel (or PSUBSCRIBE to a pattern); an extra
// connection may hold K more patterns "<prefix>:<1000000+k>:*" that never
// match (pattern-matching load). Once every confirmation arrived, the publisher sends M
// "PUBLISH <channel> <payload>" commands, keeping at most W unanswered.
// Message frames are counted by a small streaming RESP parser per
// connection (top-level elements, bulk bodies skipped without copying).
//
// Prints one JSON line:
// {"subscribers":N,"messages":M,"delivered":D,"expected":N*M,"seconds":S,
//  "rate":D/S,"publish_seconds":P,"server_cpu":C}
// seconds runs from the first PUBLISH sent to the last expected frame read.
//
// usage: fanout-sub -p PORT -n N -m M [--payload BYTES] [--channel ch]
//        [--pattern pat] [--extra-patterns K] [--extra-prefix str]
//        [--window W] [--timeout SECS] [--server-pid PID]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  int fd;
  // Streaming parser state: a header line being collected, or bytes to skip.
  char line[64];
  int line_len;
  long long skip;          // bulk body bytes (+2 for CRLF) still to skip
  long long remaining;     // elements left in the current top-level array (-1: none open)
  long long frames;        // completed top-level elements
} conn_t;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  perror(what);
  exit(2);
}

static int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      die("write");
    }
    buf += w;
    len -= (size_t)w;
  }
}

// Appends a RESP bulk string to dst; returns the new length.
static size_t put_bulk(char *dst, size_t at, const char *s, size_t n) {
  at += (size_t)sprintf(dst + at, "$%zu\r\n", n);
  memcpy(dst + at, s, n);
  at += n;
  memcpy(dst + at, "\r\n", 2);
  return at + 2;
}

// A top-level element is complete: an array whose elements all arrived, or a scalar.
static void element_done(conn_t *c) {
  if (c->remaining > 0) {
    if (--c->remaining == 0) {
      c->remaining = -1;
      c->frames++;
    }
  } else {
    c->frames++;
  }
}

static void header_line(conn_t *c) {
  char type = c->line[0];
  long long n = strtoll(c->line + 1, NULL, 10);
  if ((type == '*' || type == '>') && c->remaining < 0) {
    if (n <= 0) c->frames++;
    else c->remaining = n;
  } else if (type == '$') {
    if (n < 0) element_done(c);
    else c->skip = n + 2;  // body then CRLF; element_done when skipped
  } else {
    element_done(c);  // + - : and nested headers we do not expect
  }
}

static void feed(conn_t *c, const char *p, ssize_t n) {
  ssize_t i = 0;
  while (i < n) {
    if (c->skip > 0) {
      long long take = c->skip < (n - i) ? c->skip : (n - i);
      c->skip -= take;
      i += take;
      if (c->skip == 0) element_done(c);
      continue;
    }
    const char *nl = memchr(p + i, '\n', (size_t)(n - i));
    ssize_t end = nl ? (nl - p) + 1 : n;
    ssize_t len = end - i;
    if (c->line_len + len < (ssize_t)sizeof c->line) memcpy(c->line + c->line_len, p + i, (size_t)len);
    c->line_len += (int)len;
    i = end;
    if (nl) {
      c->line[c->line_len < (int)sizeof c->line ? c->line_len : (int)sizeof c->line - 1] = 0;
      header_line(c);
      c->line_len = 0;
    }
  }
}

static double proc_cpu(int pid) {
  if (pid <= 0) return -1;
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  if (!p) return -1;
  unsigned long utime = 0, stime = 0;
  // fields after ")": state(3) ... utime(14) stime(15)
  int field = 2;
  for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
    field++;
    if (field == 14) utime = strtoul(tok, NULL, 10);
    if (field == 15) { stime = strtoul(tok, NULL, 10); break; }
  }
  return (double)(utime + stime) / sysconf(_SC_CLK_TCK);
}

int main(int argc, char **argv) {
  int port = 6379, n = 100, window = 256, server_pid = 0, extra = 0;
  long long m = 10000;
  size_t payload = 32;
  double timeout = 120;
  const char *channel = "bench", *pattern = NULL, *extra_prefix = "other";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : "";
    if (!strcmp(a, "-p")) port = atoi(v), i++;
    else if (!strcmp(a, "-n")) n = atoi(v), i++;
    else if (!strcmp(a, "-m")) m = atoll(v), i++;
    else if (!strcmp(a, "--payload")) payload = (size_t)atol(v), i++;
    else if (!strcmp(a, "--channel")) channel = v, i++;
    else if (!strcmp(a, "--pattern")) pattern = v, i++;
    else if (!strcmp(a, "--extra-patterns")) extra = atoi(v), i++;
    else if (!strcmp(a, "--extra-prefix")) extra_prefix = v, i++;
    else if (!strcmp(a, "--window")) window = atoi(v), i++;
    else if (!strcmp(a, "--timeout")) timeout = atof(v), i++;
    else if (!strcmp(a, "--server-pid")) server_pid = atoi(v), i++;
    else { fprintf(stderr, "unknown option %s\n", a); return 2; }
  }
  int ep = epoll_create1(0);
  if (ep < 0) die("epoll_create1");
  int total = n + 2;  // subscribers, the extra-pattern holder, the publisher
  conn_t *cs = calloc((size_t)total, sizeof *cs);
  char cmd[4096];
  for (int i = 0; i < total; i++) {
    cs[i].fd = connect_to(port);
    cs[i].remaining = -1;
  }
  // Subscribers.
  const char *verb = pattern ? "PSUBSCRIBE" : "SUBSCRIBE";
  const char *target = pattern ? pattern : channel;
  size_t len = (size_t)sprintf(cmd, "*2\r\n");
  len = put_bulk(cmd, len, verb, strlen(verb));
  len = put_bulk(cmd, len, target, strlen(target));
  for (int i = 0; i < n; i++) write_all(cs[i].fd, cmd, len);
  // The extra-pattern holder: K patterns that never match the channel, sent in chunks.
  conn_t *holder = &cs[n];
  for (int k = 0; k < extra;) {
    char *big = malloc(1 << 20);
    int chunk = extra - k < 1000 ? extra - k : 1000;
    size_t at = (size_t)sprintf(big, "*%d\r\n", chunk + 1);
    at = put_bulk(big, at, "PSUBSCRIBE", 10);
    for (int j = 0; j < chunk; j++, k++) {
      char p[128];
      // Ids from 1,000,000 up: never the channel's own id in the benchmarks.
      int pl = snprintf(p, sizeof p, "%s:%d:*", extra_prefix, 1000000 + k);
      at = put_bulk(big, at, p, (size_t)pl);
    }
    write_all(holder->fd, big, at);
    free(big);
  }
  for (int i = 0; i < total; i++) {
    fcntl(cs[i].fd, F_SETFL, fcntl(cs[i].fd, F_GETFL) | O_NONBLOCK);
    struct epoll_event e = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &e) < 0) die("epoll_ctl");
  }
  // The publisher's command, repeated.
  char *payload_buf = malloc(payload + 1);
  memset(payload_buf, 'x', payload);
  char *pubcmd = malloc(payload + strlen(channel) + 128);
  size_t publen = (size_t)sprintf(pubcmd, "*3\r\n");
  publen = put_bulk(pubcmd, publen, "PUBLISH", 7);
  publen = put_bulk(pubcmd, publen, channel, strlen(channel));
  publen = put_bulk(pubcmd, publen, payload_buf, payload);
  conn_t *pub = &cs[n + 1];
  // Output staging for the publisher (non-blocking writes).
  size_t obuf_cap = publen * (size_t)(window > 0 ? window : 1) + 1;
  char *obuf = malloc(obuf_cap);
  size_t obuf_len = 0, obuf_off = 0;

  static char rbuf[1 << 16];
  struct epoll_event evs[512];
  double start = now_s(), t0 = 0, tpub = 0, deadline = start + timeout;
  long long sent = 0, delivered = 0, expected = (long long)n * m;
  int phase = 0;  // 0: waiting for confirmations, 1: publishing / counting
  double cpu0 = 0;
  int closed = 0;
  for (;;) {
    if (phase == 0) {
      long long conf = 0;
      for (int i = 0; i < n; i++) conf += cs[i].frames;
      if (conf >= n && holder->frames >= extra) {
        phase = 1;
        for (int i = 0; i < n; i++) cs[i].frames = 0;
        cpu0 = proc_cpu(server_pid);
        t0 = now_s();
      }
    }
    if (phase == 1) {
      // Keep up to `window` PUBLISHes unanswered.
      long long answered = pub->frames;
      if (obuf_off == obuf_len && sent < m && sent - answered < window) {
        obuf_len = obuf_off = 0;
        while (sent < m && sent - answered < window && obuf_len + publen <= obuf_cap) {
          memcpy(obuf + obuf_len, pubcmd, publen);
          obuf_len += publen;
          sent++;
        }
      }
      while (obuf_off < obuf_len) {
        ssize_t w = write(pub->fd, obuf + obuf_off, obuf_len - obuf_off);
        if (w <= 0) break;
        obuf_off += (size_t)w;
      }
      if (sent == m && pub->frames >= m && tpub == 0) tpub = now_s();
      delivered = 0;
      for (int i = 0; i < n; i++) delivered += cs[i].frames;
      if (delivered >= expected && tpub != 0) break;
    }
    if (now_s() > deadline) break;
    int k = epoll_wait(ep, evs, 512, phase == 1 && obuf_off < obuf_len ? 0 : 100);
    for (int j = 0; j < k; j++) {
      conn_t *c = &cs[evs[j].data.u32];
      for (;;) {
        ssize_t r = read(c->fd, rbuf, sizeof rbuf);
        if (r > 0) { feed(c, rbuf, r); if (r < (ssize_t)sizeof rbuf) break; continue; }
        if (r == 0) { closed++; epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL); }
        break;
      }
    }
  }
  double t1 = now_s();
  delivered = 0;
  for (int i = 0; i < n; i++) delivered += cs[i].frames;
  double secs = t0 > 0 ? t1 - t0 : 0;
  double cpu1 = proc_cpu(server_pid);
  printf("{\"subscribers\":%d,\"messages\":%lld,\"delivered\":%lld,\"expected\":%lld,\"closed\":%d,"
         "\"seconds\":%.6f,\"rate\":%.1f,\"publish_seconds\":%.6f,\"server_cpu\":%.3f,\"extra_patterns\":%d}\n",
         n, m, delivered, expected, closed, secs, secs > 0 ? delivered / secs : 0, tpub > 0 ? tpub - t0 : -1,
         cpu0 >= 0 && cpu1 >= 0 ? cpu1 - cpu0 : -1, extra);
  return delivered >= expected ? 0 : 1;
}
