/*
 * The floor under any HTTP/1.1 server on this machine, for benchmarks/load.sh: what the kernel
 * alone charges a server for a keep-alive request and its response. No parsing beyond finding the
 * blank line that ends a request, no headers looked at, no allocation, no clock: one epoll loop a
 * process that, for each readable connection, recv(2)s what has arrived and send(2)s one fixed
 * response per complete request, the same system calls per request as Cyclone, Vert.x and Netty
 * make (one recvfrom, one sendto; strace -c, BENCHMARKS.md, issue 18). Whatever a server does
 * above this is its own work; a lead over another server can be at most the distance between
 * that server and this floor.
 *
 * Built and started by benchmarks/load.sh (the server "floor"). It prints "ready" once listening.
 * Usage: http_floor PORT LOOPS   (LOOPS processes, each with its own SO_REUSEPORT listener)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FDS 65536
#define MAX_PIPELINED 64

/* The same body as the other servers; a fixed Date, since reading the clock is a server's work. */
static const char RESPONSE[] =
    "HTTP/1.1 200 OK\r\n"
    "Server: floor\r\n"
    "Date: Sat, 05 Dec 2026 23:00:00 GMT\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 13\r\n"
    "\r\n"
    "Hello, World!";

/* How far into "\r\n\r\n" each connection's last read ended: a request's end may span reads. */
static unsigned char matched[MAX_FDS];

static int listener(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 1024) != 0) {
    perror("http_floor: bind/listen");
    exit(1);
  }
  return fd;
}

/* Counts the requests that end in buf[0..n), carrying a partial "\r\n\r\n" over in matched[fd]. */
static int complete_requests(int fd, const char *buf, ssize_t n) {
  static const char END[] = "\r\n\r\n";
  int requests = 0;
  unsigned state = matched[fd];
  for (ssize_t i = 0; i < n; i++) {
    if (buf[i] == END[state]) {
      if (++state == 4) {
        requests++;
        state = 0;
      }
    } else {
      state = buf[i] == '\r' ? 1 : 0;
    }
  }
  matched[fd] = (unsigned char)state;
  return requests;
}

static void serve(int listen_fd) {
  int epoll_fd = epoll_create1(0);
  struct epoll_event event = {.events = EPOLLIN, .data.fd = listen_fd};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &event);
  static char in[16384];
  /* the response MAX_PIPELINED times over, written once: a batch is a prefix of it */
  static char out[(sizeof RESPONSE - 1) * MAX_PIPELINED];
  for (int r = 0; r < MAX_PIPELINED; r++) {
    memcpy(out + r * (sizeof RESPONSE - 1), RESPONSE, sizeof RESPONSE - 1);
  }
  struct epoll_event ready[256];
  for (;;) {
    int count = epoll_wait(epoll_fd, ready, 256, -1);
    for (int i = 0; i < count; i++) {
      int fd = ready[i].data.fd;
      if (fd == listen_fd) {
        int client;
        while ((client = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          if (client >= MAX_FDS) {
            close(client);
            continue;
          }
          int one = 1;
          setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          matched[client] = 0;
          struct epoll_event e = {.events = EPOLLIN, .data.fd = client};
          epoll_ctl(epoll_fd, EPOLL_CTL_ADD, client, &e);
        }
        continue;
      }
      ssize_t n = recv(fd, in, sizeof in, 0);
      if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
          close(fd); /* also leaves the epoll set */
        }
        continue;
      }
      int requests = complete_requests(fd, in, n);
      while (requests > 0) {
        int batch = requests < MAX_PIPELINED ? requests : MAX_PIPELINED;
        size_t length = batch * (sizeof RESPONSE - 1);
        /* wrk reads every response, so the socket's buffer has room; a short write ends the
           connection rather than pretend to be a server that queues */
        if (send(fd, out, length, MSG_NOSIGNAL) != (ssize_t)length) {
          close(fd);
          break;
        }
        requests -= batch;
      }
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: http_floor PORT LOOPS\n");
    return 2;
  }
  int port = atoi(argv[1]);
  int loops = atoi(argv[2]);
  for (int loop = 1; loop < loops; loop++) {
    if (fork() == 0) {
      /* ends with the parent, which load.sh stops: an orphan would keep the port, and with
         SO_REUSEPORT answer the next server's connections in its place */
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() == 1) {
        return 0;
      }
      serve(listener(port));
    }
  }
  int listen_fd = listener(port);
  /* a child may bind a moment after this; each wrk run connects anew and finds them all */
  printf("ready\n");
  fflush(stdout);
  serve(listen_fd);
  return 0;
}
