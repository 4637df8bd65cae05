/* piton-vboard: pty and TCP endpoints. See vb_endpoint.h. */
#include "vb_error.h"
#include "vb_endpoint.h"
#include "vb_fault.h"
#include "vb_pace.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

volatile int vb_stop_requested;

/* One serial and one TCP endpoint per process: their frame buffers are static. */
static uint8_t g_serial_rx[VB_SERIAL_MAX_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t g_serial_tx[VB_SERIAL_MAX_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t g_tcp_rx[VB_TCP_CLIENTS][VB_TCP_MAX_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t g_tcp_tx[VB_TCP_CLIENTS][VB_TCP_MAX_PAYLOAD + PT_FRAME_OVERHEAD];

static void wait_writable(int fd, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    (void)poll(&p, 1, timeout_ms);
}

/* ---- serial -------------------------------------------------------------------------------- */

static void serial_send(pt_link *link, const uint8_t *data, size_t len)
{
    vb_serial *s = link->port_ctx;
    size_t done = 0;
    vb_pace_send(len); /* --baud: the board is busy while its UART sends (vb_pace.h) */
    if (vb_fault_tx_lost(data, len)) return; /* --lose-tx, --drop-reply: sent into the void */
    uint64_t last_progress = vb_monotonic_ms();
    while (done < len && s->master_fd >= 0 && !vb_stop_requested) {
        ssize_t n = write(s->master_fd, data + done, len - done);
        if (n > 0) {
            done += (size_t)n;
            last_progress = vb_monotonic_ms();
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            wait_writable(s->master_fd, 100);
            if (vb_monotonic_ms() - last_progress >= VB_SERIAL_STALL_MS) {
                /* Nobody reads the other side: a real UART would just transmit into the void.
                 * Drop what the workstation never collected so the board does not hang. */
                fprintf(stderr, "piton-vboard: serial: nobody reads %s for %u ms; flushing unread output\n",
                        s->slave_path, (unsigned)VB_SERIAL_STALL_MS);
                tcflush(s->slave_fd, TCIFLUSH);
                last_progress = vb_monotonic_ms();
            }
            continue;
        }
        fprintf(stderr, "piton-vboard: serial: write failed: %s; %zu bytes dropped\n",
                n < 0 ? strerror(errno) : "no progress", len - done);
        return;
    }
}

static bool update_symlink(const char *link_path, const char *target, char *err)
{
    struct stat st;
    if (lstat(link_path, &st) == 0 && !S_ISLNK(st.st_mode))
        return vb_fail(err, "--serial-link %s exists and is not a symlink; refusing to replace it", link_path);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", link_path, (long)getpid());
    unlink(tmp);
    if (symlink(target, tmp) != 0)
        return vb_fail(err, "cannot create symlink %s: %s", tmp, strerror(errno));
    if (rename(tmp, link_path) != 0) {
        int e = errno;
        unlink(tmp);
        return vb_fail(err, "cannot create symlink %s -> %s: %s", link_path, target, strerror(e));
    }
    return true;
}

static bool open_pty(vb_serial *s, char *err)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return vb_fail(err, "cannot open a pseudo-terminal: %s", strerror(errno));
    if (grantpt(m) != 0 || unlockpt(m) != 0) {
        int e = errno;
        close(m);
        return vb_fail(err, "cannot unlock the pseudo-terminal: %s", strerror(e));
    }
    char name[64];
    if (ptsname_r(m, name, sizeof name) != 0) {
        int e = errno;
        close(m);
        return vb_fail(err, "cannot name the pseudo-terminal slave: %s", strerror(e));
    }
    int sl = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (sl < 0) {
        int e = errno;
        close(m);
        return vb_fail(err, "cannot open %s: %s", name, strerror(e));
    }
    struct termios tio;
    if (tcgetattr(sl, &tio) != 0) {
        int e = errno;
        close(sl);
        close(m);
        return vb_fail(err, "cannot read terminal settings of %s: %s", name, strerror(e));
    }
    cfmakeraw(&tio);
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (tcsetattr(sl, TCSANOW, &tio) != 0) {
        int e = errno;
        close(sl);
        close(m);
        return vb_fail(err, "cannot put %s in raw mode: %s", name, strerror(e));
    }
    int fl = fcntl(m, F_GETFL);
    fcntl(m, F_SETFL, fl | O_NONBLOCK);
    tcflush(sl, TCIOFLUSH);
    s->master_fd = m;
    s->slave_fd = sl;
    snprintf(s->slave_path, sizeof s->slave_path, "%s", name);
    return true;
}

bool vb_serial_open(vb_serial *s, const char *link_path, char *err)
{
    memset(s, 0, sizeof *s);
    s->master_fd = s->slave_fd = -1;
    s->link_path = link_path;
    if (!open_pty(s, err)) return false;
    if (link_path && !update_symlink(link_path, s->slave_path, err)) {
        vb_serial_close(s);
        return false;
    }
    s->link.send = serial_send;
    s->link.port_ctx = s;
    s->link.max_payload = VB_SERIAL_MAX_PAYLOAD;
    s->link.rx_buf = g_serial_rx;
    s->link.tx_buf = g_serial_tx;
    s->link.buf_size = (uint32_t)sizeof g_serial_rx;
    s->link.name = "serial";
    s->link.kind = PT_LINK_SERIAL;
    pt_link_init(&s->link);
    return true;
}

void vb_serial_close(vb_serial *s)
{
    if (s->master_fd >= 0) close(s->master_fd);
    if (s->slave_fd >= 0) close(s->slave_fd);
    s->master_fd = s->slave_fd = -1;
}

bool vb_serial_reopen(vb_serial *s, char *err)
{
    vb_serial_close(s);
    if (!open_pty(s, err)) return false;
    if (s->link_path && !update_symlink(s->link_path, s->slave_path, err)) return false;
    pt_link_init(&s->link);
    return true;
}

void vb_serial_drain_input(vb_serial *s)
{
    if (s->master_fd < 0) return;
    uint8_t junk[4096];
    while (read(s->master_fd, junk, sizeof junk) > 0) {
    }
    tcflush(s->master_fd, TCIFLUSH);
}

void vb_serial_remove_link(vb_serial *s)
{
    if (!s->link_path) return;
    char target[256];
    ssize_t n = readlink(s->link_path, target, sizeof target - 1);
    if (n <= 0) return;
    target[n] = '\0';
    if (strcmp(target, s->slave_path) == 0) unlink(s->link_path);
}

/* ---- TCP ----------------------------------------------------------------------------------- */

static void tcp_send(pt_link *link, const uint8_t *data, size_t len)
{
    vb_tcp_client *t = link->port_ctx;
    size_t done = 0;
    if (vb_fault_tx_lost(data, len)) return; /* --lose-tx, --drop-reply */
    uint64_t last_progress = vb_monotonic_ms();
    while (done < len && t->fd >= 0 && !vb_stop_requested) {
        ssize_t n = send(t->fd, data + done, len - done, MSG_NOSIGNAL);
        if (n > 0) {
            done += (size_t)n;
            last_progress = vb_monotonic_ms();
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            wait_writable(t->fd, 100);
            if (vb_monotonic_ms() - last_progress >= VB_TCP_STALL_MS) {
                fprintf(stderr, "piton-vboard: %s: client stopped reading for %u ms; dropping it\n", t->name,
                        (unsigned)VB_TCP_STALL_MS);
                t->reinit = true;
                vb_tcp_drop_client(t);
            }
            continue;
        }
        fprintf(stderr, "piton-vboard: %s: send failed (%s); dropping the client\n", t->name,
                n < 0 ? strerror(errno) : "no progress");
        t->reinit = true;
        vb_tcp_drop_client(t);
    }
}

static void format_addr(const struct sockaddr_storage *ss, char *out, size_t cap)
{
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
        snprintf(out, cap, "%s:%u", host, port);
    } else {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
        snprintf(out, cap, "[%s]:%u", host, port);
    }
}

bool vb_tcp_open(vb_tcp *t, const char *host_port, char *err)
{
    memset(t, 0, sizeof *t);
    t->listen_fd = -1;
    for (unsigned i = 0; i < VB_TCP_CLIENTS; i++)
        t->clients[i].fd = -1;
    char host[256];
    const char *colon = strrchr(host_port, ':');
    if (!colon || colon == host_port || colon[1] == '\0')
        return vb_fail(err, "--tcp \"%s\": expected HOST:PORT, e.g. 127.0.0.1:0", host_port);
    size_t hl = (size_t)(colon - host_port);
    if (hl >= sizeof host) return vb_fail(err, "--tcp \"%s\": host name too long", host_port);
    memcpy(host, host_port, hl);
    host[hl] = '\0';
    if (host[0] == '[' && hl >= 2 && host[hl - 1] == ']') { /* [::1]:PORT */
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = '\0';
    }
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || port < 0 || port > 65535)
        return vb_fail(err, "--tcp \"%s\": port \"%s\" is not a number in 0..65535", host_port, colon + 1);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, colon + 1, &hints, &res);
    if (gai != 0) return vb_fail(err, "--tcp \"%s\": cannot resolve \"%s\": %s", host_port, host, gai_strerror(gai));
    int fd = -1;
    char why[128] = "no address";
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0) {
            snprintf(why, sizeof why, "%s", strerror(errno));
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 4) == 0) break;
        snprintf(why, sizeof why, "%s", strerror(errno));
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) return vb_fail(err, "--tcp \"%s\": cannot listen: %s", host_port, why);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    format_addr(&ss, t->bound, sizeof t->bound);
    t->listen_fd = fd;
    for (unsigned i = 0; i < VB_TCP_CLIENTS; i++) {
        vb_tcp_client *c = &t->clients[i];
        c->link.send = tcp_send;
        c->link.port_ctx = c;
        c->link.max_payload = VB_TCP_MAX_PAYLOAD;
        c->link.rx_buf = g_tcp_rx[i];
        c->link.tx_buf = g_tcp_tx[i];
        c->link.buf_size = (uint32_t)sizeof g_tcp_rx[i];
        snprintf(c->name, sizeof c->name, "tcp");
        c->link.name = c->name;
        pt_link_init(&c->link);
    }
    return true;
}

vb_tcp_client *vb_tcp_accept(vb_tcp *t)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    int fd = accept4(t->listen_fd, (struct sockaddr *)&ss, &sl, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return NULL;
    char peer[80];
    format_addr(&ss, peer, sizeof peer);
    vb_tcp_client *c = NULL;
    for (unsigned i = 0; i < VB_TCP_CLIENTS && !c; i++)
        if (t->clients[i].fd < 0) c = &t->clients[i];
    if (!c) {
        fprintf(stderr, "piton-vboard: tcp: %s refused: all %u connections are in use\n", peer, (unsigned)VB_TCP_CLIENTS);
        close(fd);
        return NULL;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->fd = fd;
    c->reinit = false;
    snprintf(c->name, sizeof c->name, "tcp %s", peer);
    pt_link_init(&c->link);
    return c;
}

void vb_tcp_drop_client(vb_tcp_client *c)
{
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    if (!c->reinit) pt_link_init(&c->link);
}

void vb_tcp_drop_all(vb_tcp *t)
{
    for (unsigned i = 0; i < VB_TCP_CLIENTS; i++) {
        t->clients[i].reinit = false;
        vb_tcp_drop_client(&t->clients[i]);
    }
}

void vb_tcp_service(vb_tcp *t)
{
    for (unsigned i = 0; i < VB_TCP_CLIENTS; i++) {
        vb_tcp_client *c = &t->clients[i];
        if (c->reinit) {
            c->reinit = false;
            pt_link_init(&c->link);
        }
    }
}

void vb_tcp_close(vb_tcp *t)
{
    vb_tcp_drop_all(t);
    if (t->listen_fd >= 0) close(t->listen_fd);
    t->listen_fd = -1;
}
