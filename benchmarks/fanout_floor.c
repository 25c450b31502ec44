/*
 * The floor under any WebSocket fan-out on this machine: what the kernel alone charges a server
 * for one small frame to each of N members. No WebSocket, no event loop, no user-space work:
 * after N loopback TCP connections are open, one thread write(2)s the same 62 bytes (an unmasked
 * 60-byte text frame) to each of them in turn, while a second process, on the other CPU, drains
 * its ends with epoll. The writer's CPU time (user + system, getrusage) per round is what every
 * server of benchmarks/websocket.sh pays at least, since each sends a member its frame with one
 * system call of its own: loopback TCP charges the sender for the receiver's side as well
 * (the segment is delivered, and the reader woken, within the sender's write).
 *
 * Built and run by benchmarks/websocket.sh (SERVERS=... floor); prints one line in its format:
 *   floor round=R n=N server_cpu_ms_per_fanout=MS
 * Usage: fanout_floor N ROUNDS ROUND_LABEL
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static double cpu_seconds(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set); /* best effort: a one-CPU machine runs both on CPU 0 */
}

/* The members: connect n sockets, then read until every round's frame has arrived on each. */
static void members(struct sockaddr_in *addr, int n, int rounds, int done_fd) {
  pin(1);
  int ep = epoll_create1(0);
  for (int i = 0; i < n; i++) {
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0 || connect(c, (struct sockaddr *) addr, sizeof *addr) != 0) {
      perror("fanout_floor: connect");
      _exit(1);
    }
    struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
    epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
  }
  struct epoll_event ready[512];
  char buf[4096];
  long bytes = 0, want = 62L * n * rounds;
  while (bytes < want) {
    int k = epoll_wait(ep, ready, 512, -1);
    for (int j = 0; j < k; j++) {
      ssize_t got = read(ready[j].data.fd, buf, sizeof buf);
      if (got > 0) bytes += got;
    }
  }
  if (write(done_fd, "x", 1) != 1) _exit(1);
  _exit(0);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: fanout_floor N ROUNDS ROUND_LABEL\n");
    return 2;
  }
  int n = atoi(argv[1]), rounds = atoi(argv[2]), one = 1;
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t len = sizeof addr;
  if (bind(listener, (struct sockaddr *) &addr, len) != 0 || listen(listener, 4096) != 0
      || getsockname(listener, (struct sockaddr *) &addr, &len) != 0) {
    perror("fanout_floor: listen");
    return 1;
  }
  int done[2];
  if (pipe(done) != 0) return 1;
  pid_t child = fork();
  if (child == 0) {
    close(listener);
    members(&addr, n, rounds, done[1]);
  }
  pin(0);
  int *sockets = malloc(n * sizeof(int));
  for (int i = 0; i < n; i++) {
    sockets[i] = accept(listener, NULL, NULL);
    if (sockets[i] < 0) {
      perror("fanout_floor: accept");
      return 1;
    }
    setsockopt(sockets[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* as the servers do */
  }
  char frame[62];
  frame[0] = (char) 0x81; /* FIN, text */
  frame[1] = 60;          /* unmasked, 60 bytes */
  memset(frame + 2, 'm', 60);
  double total = 0;
  for (int r = 0; r < rounds; r++) {
    usleep(200 * 1000); /* the members have drained the previous round */
    double before = cpu_seconds();
    for (int i = 0; i < n; i++) {
      if (write(sockets[i], frame, sizeof frame) != sizeof frame) {
        perror("fanout_floor: write");
        return 1;
      }
    }
    total += cpu_seconds() - before;
  }
  char x;
  if (read(done[0], &x, 1) != 1) return 1;
  waitpid(child, NULL, 0);
  printf("floor round=%s n=%d server_cpu_ms_per_fanout=%.1f\n", argv[3], n, total * 1e3 / rounds);
  return 0;
}
