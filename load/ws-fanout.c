// ws-fanout.c: the client side of load/ws-fanout (Redwire's WebSocket fan-out
// benchmark). One epoll loop holds N WebSocket subscribers and one TCP
// publisher, so the measuring side stays far cheaper than the server.
//
//  1. opens N WebSockets (at most 128 handshakes in flight), sends each one
//     `--send` as a masked text frame, and waits until every one has received
//     a frame containing `--ready`;
//  2. connects the publisher and writes M messages as fast as the server
//     takes them: pipelined RESP `PUBLISH <channel> <payload>` (--pub-mode
//     resp, replies counted) or `<payload>\n` lines (--pub-mode lines);
//  3. counts data frames containing `--count` ("" = every frame) until all
//     N*M arrived or nothing arrived for --idle-ms, and prints one JSON line.
//  A warm-up phase (--warmup messages, default M/5) runs first, unmeasured,
//  so both servers are measured with their JIT and buffers warm.
//
// Built by load/ws-fanout.ts with `gcc -O2` on first use. Linux only.
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

enum { CONNECTING, HANDSHAKING, WAIT_READY, READY, CLOSED };

typedef struct {
  int fd, state;
  char *buf;
  size_t len;
  long count;
} Conn;

static const char *host = "127.0.0.1", *path = "/ws", *protocol = "json", *send_text = "", *ready_marker = "",
                  *count_marker = "", *channel = "bench", *pub_mode = "resp";
static int ws_port = 7381, pub_port = 7181, n_subs = 50, payload_len = 32, batch = 64 * 1024, idle_ms = 2000,
           timeout_s = 120, settle_ms = 200;
static long n_msgs = 100000;

#define BUF_CAP (256 * 1024)
#define PUB_FD_TAG ((uint64_t)1 << 40)

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  fprintf(stderr, "ws-fanout: %s: %s\n", what, strerror(errno));
  exit(2);
}

static int tcp_socket(int port, int nonblock) {
  int fd = socket(AF_INET, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0), 0);
  if (fd < 0) die("socket");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, host, &a.sin_addr);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 && errno != EINPROGRESS) die("connect");
  return fd;
}

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      die("write");
    }
    p += w;
    n -= (size_t)w;
  }
}

/** Sends one masked client frame (opcode 1 text, 10 pong). */
static void send_frame(int fd, int opcode, const char *data, size_t n) {
  unsigned char hdr[14];
  size_t h = 0;
  const unsigned char mask[4] = {0x37, 0xfa, 0x21, 0x3d};
  hdr[h++] = 0x80 | opcode;
  if (n < 126) hdr[h++] = 0x80 | n;
  else if (n < 65536) {
    hdr[h++] = 0x80 | 126;
    hdr[h++] = n >> 8;
    hdr[h++] = n & 255;
  } else {
    hdr[h++] = 0x80 | 127;
    for (int i = 7; i >= 0; i--) hdr[h++] = (uint64_t)n >> (8 * i);
  }
  memcpy(hdr + h, mask, 4);
  h += 4;
  char *out = malloc(h + n);
  memcpy(out, hdr, h);
  for (size_t i = 0; i < n; i++) out[h + i] = data[i] ^ mask[i & 3];
  write_all(fd, out, h + n);
  free(out);
}

static Conn *conns;
static long delivered, ready_count, closed_count, pending_handshakes, next_to_open;
static double last_delivery;
static long pub_acked, warmup = -1;
static int server_pid = 0;

/** user+sys CPU seconds of the server process (0 without --server-pid). */
static double server_cpu(void) {
  if (server_pid <= 0) return 0;
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", server_pid);
  FILE *f = fopen(path, "r");
  if (f == NULL) return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')');
  if (p == NULL) return 0;
  unsigned long utime = 0, stime = 0;
  // fields after ") ": state(3) ... utime(14) stime(15)
  sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}
static int ep;

static void open_next(void) {
  while (next_to_open < n_subs && pending_handshakes < 128) {
    Conn *c = &conns[next_to_open];
    c->fd = tcp_socket(ws_port, 1);
    c->state = CONNECTING;
    c->buf = malloc(BUF_CAP);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u64 = (uint64_t)next_to_open};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl");
    next_to_open++;
    pending_handshakes++;
  }
}

static void mark_closed(Conn *c) {
  if (c->state == CLOSED) return;
  if (c->state != READY) pending_handshakes--;
  c->state = CLOSED;
  closed_count++;
  epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
}

/** Parses complete frames in c->buf; returns bytes consumed. */
static size_t parse_frames(Conn *c) {
  const unsigned char *b = (const unsigned char *)c->buf;
  size_t off = 0, ml = strlen(count_marker), rl = strlen(ready_marker);
  while (c->len - off >= 2) {
    const unsigned char *f = b + off;
    int opcode = f[0] & 0x0f;
    uint64_t n = f[1] & 0x7f;
    size_t h = 2;
    if (n == 126) {
      if (c->len - off < 4) break;
      n = ((uint64_t)f[2] << 8) | f[3];
      h = 4;
    } else if (n == 127) {
      if (c->len - off < 10) break;
      n = 0;
      for (int i = 0; i < 8; i++) n = (n << 8) | f[2 + i];
      h = 10;
    }
    if (n > BUF_CAP - 16) {
      fprintf(stderr, "ws-fanout: frame of %llu bytes is too large\n", (unsigned long long)n);
      exit(2);
    }
    if (c->len - off < h + n) break;
    const char *p = (const char *)f + h;
    if (opcode == 1 || opcode == 2 || opcode == 0) {
      if (c->state == WAIT_READY) {
        if (rl == 0 || memmem(p, n, ready_marker, rl) != NULL) {
          c->state = READY;
          ready_count++;
          pending_handshakes--;
        }
      } else if (c->state == READY && (ml == 0 || memmem(p, n, count_marker, ml) != NULL)) {
        c->count++;
        delivered++;
      }
    } else if (opcode == 9) {
      send_frame(c->fd, 10, p, n);
    } else if (opcode == 8) {
      int code = n >= 2 ? (((unsigned char)p[0]) << 8 | (unsigned char)p[1]) : 0;
      fprintf(stderr, "ws-fanout: server closed a subscriber (code %d)\n", code);
      mark_closed(c);
      return 0;
    }
    off += h + n;
  }
  return off;
}

static void on_sub_event(Conn *c, uint32_t events) {
  if (c->state == CONNECTING && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    int err = 0;
    socklen_t el = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
    if (err != 0) {
      fprintf(stderr, "ws-fanout: connect: %s\n", strerror(err));
      mark_closed(c);
      return;
    }
    char req[1024];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n%s%s%s\r\n",
                     path, host, ws_port, *protocol ? "Sec-WebSocket-Protocol: " : "", protocol, *protocol ? "\r\n" : "");
    write_all(c->fd, req, (size_t)n);
    c->state = HANDSHAKING;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)(c - conns)};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    return;
  }
  if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR))) return;
  long before = delivered;
  for (;;) {
    ssize_t r = read(c->fd, c->buf + c->len, BUF_CAP - c->len);
    if (r < 0) {
      if (errno == EAGAIN) return;
      if (errno == EINTR) continue;
      mark_closed(c);
      return;
    }
    if (r == 0) {
      mark_closed(c);
      return;
    }
    c->len += (size_t)r;
    if (c->state == HANDSHAKING) {
      char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
      if (end == NULL) continue;
      if (c->len < 12 || memcmp(c->buf + 9, "101", 3) != 0) {
        fprintf(stderr, "ws-fanout: upgrade refused: %.*s\n", (int)(end - c->buf), c->buf);
        exit(2);
      }
      size_t hl = (size_t)(end - c->buf) + 4;
      memmove(c->buf, c->buf + hl, c->len - hl);
      c->len -= hl;
      c->state = WAIT_READY;
      send_frame(c->fd, 1, send_text, strlen(send_text));
    }
    size_t used = parse_frames(c);
    if (c->state == CLOSED) return;
    if (used > 0) {
      memmove(c->buf, c->buf + used, c->len - used);
      c->len -= used;
    }
    if (delivered != before) last_delivery = now();
    if ((size_t)r < BUF_CAP / 4) return; // drained (level-triggered: more comes as another event)
  }
}

typedef struct {
  long delivered, acked;
  double t_pub, t_sent, t_acked;
} Phase;

static char *chunk;
static size_t msg_len;
static long per_chunk;
static int resp_mode;

/** Publishes msgs messages as fast as the server takes them and counts deliveries until all N*msgs arrived (or idle). */
static Phase run_phase(int pub, long msgs, int final) {
  struct epoll_event evs[256];
  char rbuf[65536];
  long sent = 0;
  size_t chunk_off = 0, chunk_bytes = 0;
  Phase ph = {0, 0, now(), 0, 0};
  long acked_before = pub_acked;
  delivered = 0;
  for (int i = 0; i < n_subs; i++) conns[i].count = 0;
  last_delivery = ph.t_pub;
  long expected = (long)n_subs * msgs;
  int done_writing = 0;
  struct epoll_event m = {.events = EPOLLIN | EPOLLOUT, .data.u64 = PUB_FD_TAG};
  epoll_ctl(ep, EPOLL_CTL_MOD, pub, &m);
  while (delivered < expected || (resp_mode && pub_acked - acked_before < msgs)) {
    double t = now();
    if (t - ph.t_pub > timeout_s) break;
    if (done_writing && t - last_delivery > idle_ms / 1000.0 &&
        (!resp_mode || pub_acked - acked_before >= msgs || t - ph.t_sent > idle_ms / 1000.0)) break;
    int k = epoll_wait(ep, evs, 256, 20);
    for (int i = 0; i < k; i++) {
      if (evs[i].data.u64 != PUB_FD_TAG) {
        on_sub_event(&conns[evs[i].data.u64], evs[i].events);
        continue;
      }
      if (evs[i].events & EPOLLIN) {
        ssize_t r;
        while ((r = read(pub, rbuf, sizeof rbuf)) > 0) {
          if (resp_mode) for (ssize_t j = 0; j < r; j++) pub_acked += rbuf[j] == '\n';
        }
        if (resp_mode && pub_acked - acked_before >= msgs && ph.t_acked == 0) ph.t_acked = now();
      }
      if ((evs[i].events & EPOLLOUT) && !done_writing) {
        for (;;) {
          if (chunk_off == chunk_bytes) {
            long left = msgs - sent;
            if (left <= 0) {
              done_writing = 1;
              ph.t_sent = now();
              struct epoll_event in = {.events = EPOLLIN, .data.u64 = PUB_FD_TAG};
              epoll_ctl(ep, EPOLL_CTL_MOD, pub, &in);
              if (!resp_mode && final) shutdown(pub, SHUT_WR);
              break;
            }
            long take = left < per_chunk ? left : per_chunk;
            chunk_bytes = (size_t)take * msg_len;
            chunk_off = 0;
            sent += take;
          }
          ssize_t w = write(pub, chunk + chunk_off, chunk_bytes - chunk_off);
          if (w < 0) {
            if (errno == EAGAIN) break;
            die("publisher write");
          }
          chunk_off += (size_t)w;
        }
      }
    }
  }
  ph.delivered = delivered;
  ph.acked = pub_acked - acked_before;
  return ph;
}

int main(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const char *k = argv[i], *v = argv[i + 1];
    if (!strcmp(k, "--host")) host = v;
    else if (!strcmp(k, "--ws-port")) ws_port = atoi(v);
    else if (!strcmp(k, "--path")) path = v;
    else if (!strcmp(k, "--protocol")) protocol = v;
    else if (!strcmp(k, "-n")) n_subs = atoi(v);
    else if (!strcmp(k, "--send")) send_text = v;
    else if (!strcmp(k, "--ready")) ready_marker = v;
    else if (!strcmp(k, "--count")) count_marker = v;
    else if (!strcmp(k, "--pub-port")) pub_port = atoi(v);
    else if (!strcmp(k, "--pub-mode")) pub_mode = v;
    else if (!strcmp(k, "--channel")) channel = v;
    else if (!strcmp(k, "-m")) n_msgs = atol(v);
    else if (!strcmp(k, "--payload")) payload_len = atoi(v);
    else if (!strcmp(k, "--batch")) batch = atoi(v);
    else if (!strcmp(k, "--idle-ms")) idle_ms = atoi(v);
    else if (!strcmp(k, "--settle-ms")) settle_ms = atoi(v);
    else if (!strcmp(k, "--timeout")) timeout_s = atoi(v);
    else if (!strcmp(k, "--warmup")) warmup = atol(v);
    else if (!strcmp(k, "--server-pid")) server_pid = atoi(v);
    else {
      fprintf(stderr, "ws-fanout: unknown option %s\n", k);
      return 2;
    }
  }
  int resp = resp_mode = strcmp(pub_mode, "resp") == 0;
  if (warmup < 0) warmup = n_msgs / 5;
  ep = epoll_create1(0);
  conns = calloc((size_t)n_subs, sizeof(Conn));
  double t_start = now();
  struct epoll_event evs[256];

  // 1. subscribers
  open_next();
  while (ready_count + closed_count < n_subs) {
    if (now() - t_start > timeout_s) {
      fprintf(stderr, "ws-fanout: only %ld of %d subscribers ready\n", ready_count, n_subs);
      return 1;
    }
    int k = epoll_wait(ep, evs, 256, 100);
    for (int i = 0; i < k; i++) on_sub_event(&conns[evs[i].data.u64], evs[i].events);
    open_next();
  }
  if (ready_count < n_subs) {
    fprintf(stderr, "ws-fanout: %ld subscribers closed before ready\n", closed_count);
    return 1;
  }
  double settle_until = now() + settle_ms / 1000.0;
  while (now() < settle_until) {
    int k = epoll_wait(ep, evs, 256, 10);
    for (int i = 0; i < k; i++) on_sub_event(&conns[evs[i].data.u64], evs[i].events);
  }

  // 2. the publisher's chunk: whole messages, about `batch` bytes
  char *payload = malloc((size_t)payload_len);
  memset(payload, 'x', (size_t)payload_len);
  char one[512 + 256];
  int one_len;
  if (resp) {
    one_len = snprintf(one, sizeof one, "*3\r\n$7\r\nPUBLISH\r\n$%zu\r\n%s\r\n$%d\r\n", strlen(channel), channel, payload_len);
  } else {
    one_len = 0;
  }
  msg_len = (size_t)one_len + (size_t)payload_len + (resp ? 2 : 1);
  per_chunk = batch / (long)msg_len;
  if (per_chunk < 1) per_chunk = 1;
  chunk = malloc((size_t)per_chunk * msg_len);
  for (long i = 0; i < per_chunk; i++) {
    char *p = chunk + i * msg_len;
    memcpy(p, one, (size_t)one_len);
    memcpy(p + one_len, payload, (size_t)payload_len);
    if (resp) memcpy(p + one_len + payload_len, "\r\n", 2);
    else p[one_len + payload_len] = '\n';
  }
  int pub = tcp_socket(pub_port, 0);
  fcntl(pub, F_SETFL, fcntl(pub, F_GETFL) | O_NONBLOCK);
  struct epoll_event pev = {.events = EPOLLIN, .data.u64 = PUB_FD_TAG};
  epoll_ctl(ep, EPOLL_CTL_ADD, pub, &pev);

  // Warm-up (not measured): the server's JIT and buffers reach steady state first.
  if (warmup > 0) {
    Phase w = run_phase(pub, warmup, 0);
    if (w.delivered != (long)n_subs * warmup) {
      fprintf(stderr, "ws-fanout: warm-up delivered %ld of %ld\n", w.delivered, (long)n_subs * warmup);
      return 1;
    }
  }
  double cpu0 = server_cpu();
  Phase ph = run_phase(pub, n_msgs, 1);
  double cpu = server_cpu() - cpu0;
  long expected = (long)n_subs * n_msgs;
  double t_pub = ph.t_pub, t_sent = ph.t_sent, t_acked = ph.t_acked;
  long acked = ph.acked;
  double seconds = last_delivery - t_pub;
  if (seconds <= 0) seconds = 1e-9;
  long min_count = n_msgs, max_count = 0;
  for (int i = 0; i < n_subs; i++) {
    if (conns[i].count < min_count) min_count = conns[i].count;
    if (conns[i].count > max_count) max_count = conns[i].count;
  }
  printf("{\"subscribers\":%d,\"messages\":%ld,\"delivered\":%ld,\"expected\":%ld,\"closed\":%ld,"
         "\"seconds\":%.6f,\"rate\":%.1f,\"publish_seconds\":%.6f,\"acked\":%ld,\"min_per_sub\":%ld,\"max_per_sub\":%ld,\"server_cpu\":%.3f}\n",
         n_subs, n_msgs, delivered, expected, closed_count, seconds, delivered / seconds,
         (t_acked > 0 ? t_acked : t_sent) - t_pub, acked, min_count, max_count, cpu);
  return delivered == expected ? 0 : 1;
}
