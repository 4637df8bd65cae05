/* mps2-an386 port: lwIP's network interface on the LAN9118 and the protocol's TCP link
 * (m4_eth.h). Everything runs in the main loop: lwIP's callbacks only move bytes into a ring;
 * the protocol server runs outside them, so that its responses can wait for the send buffer
 * while lwIP processes the acknowledgements (lwIP's raw API is not re-entrant). */
#include "m4_eth.h"

#include <string.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "m4_board.h"
#include "m4_lan9118.h"
#include "netif/ethernet.h"

static struct netif s_netif;
static bool s_started;
static uint32_t s_next_link_check;

u32_t sys_now(void) { return pt_hal_millis(); }

void m4_lwip_assert_failed(void)
{
    pt_hal_log("eth: lwIP assertion failed; reset");
    m4_system_reset();
}

/* ---- lwIP network interface ---------------------------------------------------------------- */

static err_t eth_linkoutput(struct netif *netif, struct pbuf *p)
{
    (void)netif;
    if (!m4_lan9118_tx_begin((uint32_t)p->tot_len - ETH_PAD_SIZE))
        return ERR_IF; /* dropped; TCP retransmits */
    for (const struct pbuf *q = p; q != NULL; q = q->next) {
        const uint8_t *d = q->payload;
        uint32_t n = q->len;
        if (q == p) { /* the padding before the Ethernet header is in the first pbuf */
            d += ETH_PAD_SIZE;
            n -= ETH_PAD_SIZE;
        }
        m4_lan9118_tx_write(d, n);
    }
    return ERR_OK;
}

static err_t eth_netif_init(struct netif *netif)
{
    netif->name[0] = 'e';
    netif->name[1] = '0';
    netif->output = etharp_output;
    netif->linkoutput = eth_linkoutput;
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    return ERR_OK;
}

/* Received frames into lwIP (which may call the TCP callbacks below), then its timers. */
static void eth_service(void)
{
    uint32_t len;
    while ((len = m4_lan9118_rx_next()) != 0) {
        struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)(len + ETH_PAD_SIZE), PBUF_POOL);
        if (p == NULL || p->next != NULL) { /* out of pool buffers: dropped, TCP retransmits */
            if (p != NULL)
                pbuf_free(p);
            m4_lan9118_rx_drop();
            continue;
        }
        m4_lan9118_rx_read((uint8_t *)p->payload + ETH_PAD_SIZE);
        if (s_netif.input(p, &s_netif) != ERR_OK)
            pbuf_free(p);
    }
    sys_check_timeouts();
    uint32_t now = pt_hal_millis();
    if ((int32_t)(now - s_next_link_check) >= 0) {
        s_next_link_check = now + 1000u;
        bool up = m4_lan9118_link_up();
        if (up && !netif_is_link_up(&s_netif))
            netif_set_link_up(&s_netif); /* announces the address (gratuitous ARP) */
        else if (!up && netif_is_link_up(&s_netif))
            netif_set_link_down(&s_netif);
    }
}

/* ---- The protocol's TCP link: one client at a time ----------------------------------------- */

static uint8_t s_rx_buf[M4_TCP_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t s_tx_buf[M4_TCP_PAYLOAD + PT_FRAME_OVERHEAD];
static pt_link s_link;
static struct tcp_pcb *s_client;
static uint32_t s_connection;    /* counts connections opened and ended */
static bool s_new_peer;          /* pt_link_init() is due (outside pt_link_receive) */
static bool s_feeding;           /* inside pt_link_receive() with bytes from the ring */
/* What the client sent and the server has not taken yet. Never more than the receive window
 * (TCP_WND) that lwIP advertises: the window grows back only by tcp_recved() of what the server
 * took, so the ring cannot overflow. */
static uint8_t s_ring[TCP_WND];
static uint32_t s_ring_head, s_ring_len;

static void forget_client(void)
{
    s_client = NULL;
    s_connection++;
    s_new_peer = true; /* the peer's session ends (device.h: a new peer is a new session) */
    s_ring_head = 0;
    s_ring_len = 0;
}

static void on_error(void *arg, err_t err)
{
    (void)arg;
    (void)err; /* lwIP freed the pcb (reset by the peer, keepalive or retransmissions gave up) */
    forget_client();
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    (void)arg;
    if (pcb != s_client) {
        if (p != NULL)
            pbuf_free(p);
        return ERR_OK;
    }
    if (p == NULL || err != ERR_OK) { /* the client closed its side: so do we */
        if (p != NULL)
            pbuf_free(p);
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_err(pcb, NULL);
        forget_client();
        if (tcp_close(pcb) != ERR_OK) {
            tcp_abort(pcb);
            return ERR_ABRT;
        }
        return ERR_OK;
    }
    if (p->tot_len > sizeof s_ring - s_ring_len)
        return ERR_MEM; /* beyond the window: lwIP keeps it and offers it again */
    uint32_t tail = (s_ring_head + s_ring_len) % sizeof s_ring;
    uint32_t first = sizeof s_ring - tail < p->tot_len ? sizeof s_ring - tail : p->tot_len;
    pbuf_copy_partial(p, s_ring + tail, (u16_t)first, 0);
    if (first < p->tot_len)
        pbuf_copy_partial(p, s_ring, (u16_t)(p->tot_len - first), (u16_t)first);
    s_ring_len += p->tot_len;
    pbuf_free(p);
    return ERR_OK;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK || pcb == NULL)
        return ERR_VAL;
    if (s_client != NULL || s_feeding) { /* one client at a time: the newcomer gets a reset */
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    forget_client();
    s_client = pcb;
    tcp_recv(pcb, on_recv);
    tcp_err(pcb, on_error);
    tcp_nagle_disable(pcb); /* responses go out at once */
    ip_set_option(pcb, SOF_KEEPALIVE);
    return ERR_OK;
}

static void drop_client(const char *why)
{
    pt_hal_log(why);
    tcp_abort(s_client); /* calls on_error */
}

/* pt_link send: hands `len` bytes to lwIP as its send buffer frees up, then waits until every
 * segment is out of lwIP (to the LAN9118), so that a REBOOT or UPDATE_COMMIT response is on the
 * wire before the reset. Gives up (dropping the client) when it takes no data for
 * M4_TCP_STALL_MS, and silently when the connection ends meanwhile. */
static void tcp_link_send(pt_link *link, const uint8_t *data, size_t len)
{
    (void)link;
    const uint32_t connection = s_connection;
    uint32_t progress = pt_hal_millis();
    while (s_client != NULL && s_connection == connection) {
        if (len > 0) {
            u16_t room = tcp_sndbuf(s_client);
            if (room > 0 && tcp_sndqueuelen(s_client) < TCP_SND_QUEUELEN) {
                u16_t n = len < room ? (u16_t)len : room;
                err_t e = tcp_write(s_client, data, n, TCP_WRITE_FLAG_COPY | (n < len ? TCP_WRITE_FLAG_MORE : 0));
                if (e == ERR_OK) {
                    data += n;
                    len -= n;
                    progress = pt_hal_millis();
                    continue;
                }
                if (e != ERR_MEM) {
                    drop_client("eth: tcp_write failed; client dropped");
                    break;
                }
            }
        }
        tcp_output(s_client);
        if (len == 0 && s_client->unsent == NULL)
            break;
        if (pt_hal_millis() - progress >= M4_TCP_STALL_MS) {
            drop_client("eth: the client stopped taking data; dropped");
            break;
        }
        eth_service(); /* acknowledgements free the send buffer */
        m4_watchdog_kick();
    }
}

bool m4_eth_start(void)
{
    const pt_board *b = pt_hal_board();
    /* Used only when the controller has no address of its own: locally administered, from the
     * board's unique id. */
    uint8_t mac[6] = {0x02, 0x50, 0x54, 0, 0, 0};
    for (uint8_t i = 0; i < b->unique_id_len && i < 3u; i++)
        mac[3 + i] = b->unique_id[i];
    if (!m4_lan9118_init(mac)) {
        pt_hal_log("eth: no LAN9118 answers at 0x40200000; serving UART0 only");
        return false;
    }
    lwip_init();
    ip4_addr_t ip, mask, gw;
#define SET_IP4(addr, ...) IP4_ADDR(addr, __VA_ARGS__) /* the m4_eth.h quads as IP4_ADDR's 4 bytes */
    SET_IP4(&ip, M4_ETH_IP);
    SET_IP4(&mask, M4_ETH_NETMASK);
    SET_IP4(&gw, M4_ETH_GATEWAY);
    memcpy(s_netif.hwaddr, mac, sizeof mac);
    if (netif_add(&s_netif, &ip, &mask, &gw, NULL, eth_netif_init, ethernet_input) == NULL)
        return false;
    netif_set_default(&s_netif);
    netif_set_up(&s_netif);

    struct tcp_pcb *listener = tcp_new();
    if (listener == NULL || tcp_bind(listener, IP4_ADDR_ANY, M4_TCP_PORT) != ERR_OK ||
        (listener = tcp_listen(listener)) == NULL) {
        pt_hal_log("eth: cannot listen; serving UART0 only");
        return false;
    }
    tcp_accept(listener, on_accept);

    s_link = (pt_link){.send = tcp_link_send, .max_payload = M4_TCP_PAYLOAD, .rx_buf = s_rx_buf,
                       .tx_buf = s_tx_buf, .buf_size = sizeof s_rx_buf, .name = "tcp"}; /* fast link */
    pt_link_init(&s_link);
    s_started = true;
    s_next_link_check = pt_hal_millis();
    eth_service();              /* link up: the gratuitous ARP */
    etharp_request(&s_netif, &gw); /* the gateway's address, before the first SYN/ACK needs it */

    char line[64] = "eth: TCP on 10.0.2.15:";
    m4_append_decimal(line, M4_TCP_PORT);
    pt_hal_log(line);
    return true;
}

bool m4_eth_poll(void)
{
    if (!s_started)
        return false;
    eth_service();
    if (s_new_peer) {
        s_new_peer = false;
        pt_link_init(&s_link);
    }
    if (s_ring_len == 0) {
        pt_link_poll(&s_link);
        return false;
    }
    /* The contiguous part at the ring's head. Bytes arriving meanwhile (the server's send lets
     * lwIP run) go behind it; a connection that ends meanwhile resets the ring. */
    const uint32_t connection = s_connection;
    uint32_t n = sizeof s_ring - s_ring_head < s_ring_len ? sizeof s_ring - s_ring_head : s_ring_len;
    s_feeding = true;
    pt_link_receive(&s_link, s_ring + s_ring_head, n);
    s_feeding = false;
    if (s_connection == connection && s_client != NULL) {
        s_ring_head = (s_ring_head + n) % sizeof s_ring;
        s_ring_len -= n;
        tcp_recved(s_client, (u16_t)n); /* the window opens again */
    }
    m4_watchdog_kick();
    return true;
}
