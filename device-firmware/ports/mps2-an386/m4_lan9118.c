/* mps2-an386 port: SMSC LAN9118 driver (m4_lan9118.h has the sources of the register facts). */
#include "m4_lan9118.h"

#include <string.h>

#define REG(off) (*(volatile uint32_t *)(M4_LAN9118_BASE + (off)))
/* Data ports */
#define RX_DATA_FIFO 0x00u
#define TX_DATA_FIFO 0x20u
#define RX_STATUS_FIFO 0x40u
/* System control and status registers */
#define ID_REV 0x50u
#define BYTE_TEST 0x64u
#define RX_CFG 0x6Cu
#define TX_CFG 0x70u
#define HW_CFG 0x74u
#define RX_FIFO_INF 0x7Cu
#define TX_FIFO_INF 0x80u
#define PMT_CTRL 0x84u
#define MAC_CSR_CMD 0xA4u
#define MAC_CSR_DATA 0xA8u

#define BYTE_TEST_VALUE 0x87654321u
#define HW_CFG_SRST (1u << 0)
#define PMT_CTRL_READY (1u << 0)
#define TX_CFG_TX_ON (1u << 1)
#define TX_CFG_TXSAO (1u << 2)              /* TX status FIFO overrun allowed: no TX status reads */
#define CSR_BUSY (1u << 31)
#define CSR_READ (1u << 30)
/* MAC CSRs (index in MAC_CSR_CMD) */
#define MAC_CR 1u
#define MAC_ADDRH 2u
#define MAC_ADDRL 3u
#define MAC_MII_ACC 6u
#define MAC_MII_DATA 7u
#define MAC_CR_RXEN (1u << 2)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_FDPX (1u << 20)
#define MII_PHY_ADDR (1u << 11)            /* the internal PHY is PHY address 1 */
#define MII_BUSY (1u << 0)
#define PHY_BSR 1u
#define PHY_BSR_LINK (1u << 2)
/* TX command A / B, RX status */
#define TXA_FIRST_SEG (1u << 13)
#define TXA_LAST_SEG (1u << 12)
#define RXS_LENGTH(s) (((s) >> 16) & 0x3FFFu) /* frame length including the 4-byte FCS */
#define RXS_ERROR (1u << 15)                  /* error summary */

#define SPIN_LIMIT 100000u

static bool wait_clear(uint32_t off, uint32_t bits)
{
    for (uint32_t i = 0; i < SPIN_LIMIT; i++)
        if ((REG(off) & bits) == 0)
            return true;
    return false;
}

static uint32_t mac_read(uint32_t index)
{
    REG(MAC_CSR_CMD) = CSR_BUSY | CSR_READ | index;
    (void)wait_clear(MAC_CSR_CMD, CSR_BUSY);
    return REG(MAC_CSR_DATA);
}

static void mac_write(uint32_t index, uint32_t value)
{
    REG(MAC_CSR_DATA) = value;
    REG(MAC_CSR_CMD) = CSR_BUSY | index;
    (void)wait_clear(MAC_CSR_CMD, CSR_BUSY);
}

static uint32_t phy_read(uint32_t reg)
{
    (void)wait_clear(MAC_CSR_CMD, CSR_BUSY);
    mac_write(MAC_MII_ACC, MII_PHY_ADDR | (reg << 6) | MII_BUSY);
    for (uint32_t i = 0; i < SPIN_LIMIT && (mac_read(MAC_MII_ACC) & MII_BUSY) != 0; i++) {
    }
    return mac_read(MAC_MII_DATA) & 0xFFFFu;
}

bool m4_lan9118_init(uint8_t mac[6])
{
    if (REG(BYTE_TEST) != BYTE_TEST_VALUE || (REG(ID_REV) >> 16) == 0)
        return false;
    REG(HW_CFG) = HW_CFG_SRST;
    if (!wait_clear(HW_CFG, HW_CFG_SRST))
        return false;
    for (uint32_t i = 0; (REG(PMT_CTRL) & PMT_CTRL_READY) == 0; i++)
        if (i == SPIN_LIMIT)
            return false;
    /* The station address the controller loaded from its EEPROM (QEMU: -nic ...,mac=), unless
     * it has none: then the caller's. */
    uint32_t lo = mac_read(MAC_ADDRL), hi = mac_read(MAC_ADDRH) & 0xFFFFu;
    uint8_t have[6] = {(uint8_t)lo, (uint8_t)(lo >> 8), (uint8_t)(lo >> 16), (uint8_t)(lo >> 24), (uint8_t)hi,
                       (uint8_t)(hi >> 8)};
    bool none = (lo == 0 && hi == 0) || (lo == 0xFFFFFFFFu && hi == 0xFFFFu) || (have[0] & 1u) != 0;
    if (none) {
        mac_write(MAC_ADDRL, (uint32_t)mac[0] | ((uint32_t)mac[1] << 8) | ((uint32_t)mac[2] << 16) |
                                 ((uint32_t)mac[3] << 24));
        mac_write(MAC_ADDRH, (uint32_t)mac[4] | ((uint32_t)mac[5] << 8));
    } else {
        memcpy(mac, have, 6);
    }
    REG(RX_CFG) = 0;                      /* no data offset, 4-byte end alignment */
    REG(TX_CFG) = TX_CFG_TX_ON | TX_CFG_TXSAO;
    /* Not promiscuous (the reset value on QEMU), broadcast accepted (BCAST clear). */
    mac_write(MAC_CR, MAC_CR_TXEN | MAC_CR_RXEN | MAC_CR_FDPX);
    return true;
}

bool m4_lan9118_link_up(void) { return (phy_read(PHY_BSR) & PHY_BSR_LINK) != 0; }

static uint32_t s_rx_len; /* frame announced by m4_lan9118_rx_next, with its FCS */

static void rx_discard_words(uint32_t words)
{
    while (words-- > 0)
        (void)REG(RX_DATA_FIFO);
}

uint32_t m4_lan9118_rx_next(void)
{
    while ((REG(RX_FIFO_INF) >> 16 & 0xFFu) != 0) {
        uint32_t status = REG(RX_STATUS_FIFO);
        uint32_t len = RXS_LENGTH(status);
        if ((status & RXS_ERROR) == 0 && len > 4u + 14u && len <= M4_ETH_FRAME_MAX + 4u) {
            s_rx_len = len;
            return len - 4u;
        }
        rx_discard_words((len + 3u) / 4u);
    }
    return 0;
}

void m4_lan9118_rx_read(uint8_t *dst)
{
    uint32_t want = s_rx_len - 4u, words = (s_rx_len + 3u) / 4u;
    for (uint32_t i = 0; i < words; i++) {
        uint32_t w = REG(RX_DATA_FIFO); /* little-endian: the first byte in bits 7..0 */
        uint32_t at = i * 4u;
        if (at < want)
            memcpy(dst + at, &w, want - at < 4u ? want - at : 4u);
    }
    s_rx_len = 0;
}

void m4_lan9118_rx_drop(void)
{
    rx_discard_words((s_rx_len + 3u) / 4u);
    s_rx_len = 0;
}

static uint32_t s_tx_word, s_tx_fill; /* bytes gathered for the next data FIFO word */
static uint32_t s_tx_left;

bool m4_lan9118_tx_begin(uint32_t len)
{
    if (len < 14u || len > M4_ETH_FRAME_MAX)
        return false;
    /* Command A and B, then the data words. */
    if ((REG(TX_FIFO_INF) & 0xFFFFu) < ((len + 3u) & ~3u) + 8u)
        return false;
    REG(TX_DATA_FIFO) = TXA_FIRST_SEG | TXA_LAST_SEG | len; /* one buffer, no offset */
    REG(TX_DATA_FIFO) = (len << 16) | len;                   /* tag = length, packet length */
    s_tx_word = 0;
    s_tx_fill = 0;
    s_tx_left = len;
    return true;
}

void m4_lan9118_tx_write(const uint8_t *data, uint32_t n)
{
    if (n > s_tx_left)
        n = s_tx_left;
    s_tx_left -= n;
    while (n-- > 0) {
        s_tx_word |= (uint32_t)*data++ << (8u * s_tx_fill);
        if (++s_tx_fill == 4u) {
            REG(TX_DATA_FIFO) = s_tx_word;
            s_tx_word = 0;
            s_tx_fill = 0;
        }
    }
    if (s_tx_left == 0 && s_tx_fill != 0) {
        REG(TX_DATA_FIFO) = s_tx_word; /* the last, partial word */
        s_tx_fill = 0;
    }
}
