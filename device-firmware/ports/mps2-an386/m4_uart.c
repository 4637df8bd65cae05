/* mps2-an386 port: CMSDK APB UART0 (protocol, interrupt-driven receive) and UART1 (log). */
#include "m4_board.h"

#define UART0 0x40004000u
#define UART1 0x40005000u
#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define DATA 0x00u
#define STATE 0x04u
#define CTRL 0x08u
#define INTSTATUS 0x0Cu
#define BAUDDIV 0x10u
#define STATE_TX_FULL 1u
#define STATE_RX_FULL 2u
#define CTRL_TX_EN 1u
#define CTRL_RX_EN 2u
#define CTRL_RX_INT 8u
#define INT_RX 2u
#define NVIC_ISER0 (*(volatile uint32_t *)0xE000E100u)
#define UART0_RX_IRQ 0u

/* QEMU's UART holds one received byte and delivers the next only after DATA was read, so the
 * interrupt moves each byte here at once; the main loop drains it. When the ring is full the byte
 * stays in the UART (DATA unread: the pty holds the rest, flow control) until the main loop has
 * made room and pulls it. */
#define RX_RING M4_UART_RX_RING
static volatile uint8_t s_ring[RX_RING];
static volatile uint32_t s_head, s_tail;

void m4_uart_init(void)
{
    const uint32_t div = M4_CPU_HZ / 115200u; /* QEMU ignores a divider below 16 */
    REG(UART0, BAUDDIV) = div;
    REG(UART1, BAUDDIV) = div;
    s_head = s_tail = 0;
    REG(UART0, CTRL) = CTRL_TX_EN | CTRL_RX_EN | CTRL_RX_INT;
    REG(UART1, CTRL) = CTRL_TX_EN;
    NVIC_ISER0 = 1u << UART0_RX_IRQ;
}

/* Moves received bytes from the UART into the ring while it has room. */
static void pull(void)
{
    while (REG(UART0, STATE) & STATE_RX_FULL) {
        uint32_t next = (s_head + 1u) % RX_RING;
        if (next == s_tail)
            return; /* full: the byte stays in the UART, unread */
        s_ring[s_head] = (uint8_t)REG(UART0, DATA);
        s_head = next;
    }
}

void m4_uart0_rx_irq(void);
void m4_uart0_rx_irq(void)
{
    REG(UART0, INTSTATUS) = INT_RX;
    pull();
}

uint32_t m4_uart0_read(uint8_t *buf, uint32_t max)
{
    uint32_t n = 0;
    while (n < max && s_tail != s_head) {
        buf[n++] = s_ring[s_tail];
        s_tail = (s_tail + 1u) % RX_RING;
    }
    /* A byte the interrupt had to leave in the UART (ring full) raises no new interrupt. */
    __asm volatile("cpsid i" ::: "memory");
    pull();
    __asm volatile("cpsie i" ::: "memory");
    return n;
}

static void put(uint32_t base, uint8_t b)
{
    while (REG(base, STATE) & STATE_TX_FULL) {
    }
    REG(base, DATA) = b;
}

void m4_uart0_write(const uint8_t *data, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        put(UART0, data[i]);
}

void m4_log_write(const char *text)
{
    for (; *text; text++)
        put(UART1, (uint8_t)*text);
}
