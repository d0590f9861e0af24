#!/usr/bin/env python3
# Fan-out test helper: opens N RESP connections to 127.0.0.1:PORT, subscribes
# each to CHANNEL, prints READY once every confirmation arrived, then reads
# until every connection received COUNT messages of FRAME_LEN bytes each, and
# prints "DONE <messages> <bad>" (bad = connections whose bytes differ from
# connection 0's). Exits 1 on timeout. epoll-driven so the client keeps up.
import selectors, socket, sys, time

port, n, channel, count, frame_len = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode(), int(sys.argv[4]), int(sys.argv[5])
timeout = float(sys.argv[6]) if len(sys.argv) > 6 else 60.0
confirm = b'*3\r\n$9\r\nsubscribe\r\n$%d\r\n%s\r\n:1\r\n' % (len(channel), channel)
cmd = b'*2\r\n$9\r\nSUBSCRIBE\r\n$%d\r\n%s\r\n' % (len(channel), channel)
sel = selectors.DefaultSelector()
socks = []
for i in range(n):
    s = socket.create_connection(('127.0.0.1', port))
    s.setblocking(False)
    s.sendall(cmd)
    socks.append(s)
    sel.register(s, selectors.EVENT_READ, i)
got = [bytearray() for _ in range(n)]
need_ready = len(confirm)
need_done = len(confirm) + count * frame_len
ready = done = 0
deadline = time.time() + timeout
while done < n:
    if time.time() > deadline:
        print('TIMEOUT ready=%d done=%d' % (ready, done), flush=True)
        sys.exit(1)
    for key, _ in sel.select(1.0):
        i = key.data
        data = key.fileobj.recv(1 << 20)
        if not data:
            print('CLOSED %d' % i, flush=True)
            sys.exit(1)
        before = len(got[i])
        got[i] += data
        if before < need_ready <= len(got[i]):
            ready += 1
            if ready == n:
                print('READY', flush=True)
        if before < need_done <= len(got[i]):
            done += 1
bad = sum(1 for g in got if g != got[0] or len(g) != need_done)
print('DONE %d %d' % (count * n, bad), flush=True)
