/*
 * mps2-an386 port: the Piton protocol over TCP, through lwIP 2.1 (raw API, NO_SYS) on the
 * board's LAN9118 Ethernet (m4_lan9118.h). The application serves it beside UART0; the
 * bootloader does not (its 32 KB budget: docs/porting.md "Ethernet").
 *
 * Network: a static address, QEMU user networking's guest defaults (slirp: guest 10.0.2.15/24,
 * gateway 10.0.2.2); scripts/m4-board forwards 127.0.0.1:PORT on the host to M4_TCP_PORT
 * (-nic user,model=lan9118,hostfwd=tcp:127.0.0.1:PORT-:4000). One client at a time: a second
 * connection is refused with a reset while one is open. Frames go to the same core server as
 * the UART's (a pt_link of its own, M4_TCP_PAYLOAD bytes of payload).
 */
#ifndef PITON_M4_ETH_H
#define PITON_M4_ETH_H

#include <stdbool.h>

#define M4_TCP_PORT 4000u
#define M4_TCP_PAYLOAD 4096u    /* max_payload offered in PING on TCP (bytes) */
#define M4_TCP_STALL_MS 10000u  /* a client that takes no data for this long is dropped (ms) */
#define M4_ETH_IP 10, 0, 2, 15
#define M4_ETH_NETMASK 255, 255, 255, 0
#define M4_ETH_GATEWAY 10, 0, 2, 2

/* Starts the LAN9118, lwIP and the TCP listener; logs the address. False (logged) when the
 * board has no LAN9118: the board then serves UART0 only. Call once after m4_board_init(). */
bool m4_eth_start(void);

/* Polls the Ethernet: received frames into lwIP, lwIP's timers, and the client's bytes into the
 * protocol server (responses go out before it returns). True when it did work (the caller
 * should poll again before sleeping). For m4_serve()'s idle hook; does nothing before
 * m4_eth_start() succeeded. */
bool m4_eth_poll(void);

#endif
