/* lwIP 2.1 options for the mps2-an386 application (src/include/lwip/opt.h documents each one).
 *
 * What the port needs: IPv4 over Ethernet (ARP), TCP through the raw API, one server
 * connection at a time, ICMP echo (a technician's first check), no DHCP (a static address,
 * m4_eth.c), no UDP, DNS, IPv6, sockets or threads (NO_SYS: lwIP runs in the main loop).
 * Static memory only: the heap (MEM_SIZE) and the pools below are arrays in .bss.
 */
#ifndef PITON_M4_LWIPOPTS_H
#define PITON_M4_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0 /* lwIP is only ever called from the main loop, never an IRQ */
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_SINGLE_NETIF 1

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define ARP_TABLE_SIZE 4
#define ARP_QUEUEING 0 /* one frame waits for an ARP reply; TCP retransmits the rest */
#define IP_REASSEMBLY 0
#define IP_FRAG 0
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 0
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define LWIP_STATS 0
#define LWIP_NETIF_HOSTNAME 0

/* Memory: MEM_SIZE holds what tcp_write() copies until it is acknowledged (TCP_SND_BUF) and
 * the headers; the pbuf pool holds received frames only while the driver hands them to lwIP
 * (m4_eth.c copies TCP payload into its own receive ring at once). */
#define MEM_ALIGNMENT 4
#define MEM_SIZE (4 * 1024)
#define MEMP_NUM_PBUF 4
#define MEMP_NUM_TCP_PCB 2        /* the client, and one closing or being refused */
#define MEMP_NUM_TCP_PCB_LISTEN 1
#define PBUF_POOL_SIZE 4
#define ETH_PAD_SIZE 2            /* the IP header 4-byte aligned in the pbuf */

#define LWIP_TCP 1
#define TCP_MSS 1460
#define TCP_WND (2 * TCP_MSS)     /* = the receive ring of m4_eth.c */
#define TCP_SND_BUF (2 * TCP_MSS)
#define TCP_SND_QUEUELEN ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define MEMP_NUM_TCP_SEG TCP_SND_QUEUELEN
#define TCP_QUEUE_OOSEQ 0
#define TCP_LISTEN_BACKLOG 0
#define LWIP_TCP_KEEPALIVE 1      /* a client that vanished without a FIN frees the server */
#define TCP_KEEPIDLE_DEFAULT 20000u
#define TCP_KEEPINTVL_DEFAULT 2000u
#define TCP_KEEPCNT_DEFAULT 5u

#define LWIP_CALLBACK_API 1
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK 0

#endif
