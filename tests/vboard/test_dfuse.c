/*
 * Unit test of the emulated ROM's DfuSe front end (vb_dfuse.h) on the real memory model
 * (vb_rom.c) and flash file (vb_flash.c), without USB: the request sequences dfu-util and
 * Piton's DfuSe client send, and the refusals (errTARGET, errWRITE, errVENDOR under readout
 * protection, stalls), each checked in the flash. The USB path itself: tests/usb (usb.qemu).
 * Usage: test_dfuse BOARDS_DIR WORK_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vb_dfuse.h"
#include "vb_error.h"
#include "vb_flash.h"
#include "vb_profile.h"
#include "vb_rom.h"
#include "vb_check.h"


static uint8_t g_out[VB_DFUSE_TRANSFER_SIZE];
static size_t g_out_len;

static void no_send(void *ctx, const uint8_t *data, size_t len) { (void)ctx; (void)data; (void)len; }

static vb_dfuse_reply out_req(uint8_t request, uint16_t value, const uint8_t *data, size_t len)
{
    return vb_dfuse_request(request, false, value, data, len, (uint16_t)len, g_out, sizeof g_out, &g_out_len);
}

static vb_dfuse_reply in_req(uint8_t request, uint16_t value, uint16_t length)
{
    return vb_dfuse_request(request, true, value, NULL, 0, length, g_out, sizeof g_out, &g_out_len);
}

/* GETSTATUS: returns the state, *poll the poll timeout, *status the status. */
static uint8_t getstatus(uint32_t *poll, uint8_t *status)
{
    CHECK(in_req(VB_DFU_GETSTATUS, 0, 6) == VB_DFUSE_ANSWER && g_out_len == 6);
    if (poll) *poll = (uint32_t)g_out[1] | (uint32_t)g_out[2] << 8 | (uint32_t)g_out[3] << 16;
    if (status) *status = g_out[0];
    return g_out[4];
}

/* DNLOAD + the two GETSTATUS polls of a well-behaved host; returns the final status. */
static uint8_t dnload(uint16_t block, const uint8_t *data, size_t len, uint32_t *poll, vb_dfuse_action *action)
{
    CHECK(out_req(VB_DFU_DNLOAD, block, data, len) == VB_DFUSE_ANSWER);
    uint32_t p = 0;
    CHECK(getstatus(&p, NULL) == VB_DFU_STATE_DNBUSY);
    if (poll) *poll = p;
    vb_dfuse_action a = vb_dfuse_after_status(NULL);
    if (action) *action = a;
    uint8_t status = 0xFF;
    const uint8_t state = getstatus(NULL, &status);
    CHECK(status == VB_DFU_OK ? state == VB_DFU_STATE_DNLOAD_IDLE : state == VB_DFU_STATE_ERROR);
    return status;
}

static uint8_t command(uint8_t cmd, int with_address, uint32_t address, uint32_t *poll)
{
    uint8_t b[5] = {cmd, (uint8_t)address, (uint8_t)(address >> 8), (uint8_t)(address >> 16), (uint8_t)(address >> 24)};
    return dnload(0, b, with_address ? 5 : 1, poll, NULL);
}

static void clear(void)
{
    CHECK(out_req(VB_DFU_CLRSTATUS, 0, NULL, 0) == VB_DFUSE_ANSWER);
    CHECK(getstatus(NULL, NULL) == VB_DFU_STATE_IDLE);
}

static void to_idle(void)
{
    CHECK(out_req(VB_DFU_ABORT, 0, NULL, 0) == VB_DFUSE_ANSWER);
    CHECK(getstatus(NULL, NULL) == VB_DFU_STATE_IDLE);
}

int main(int argc, char **argv)
{
    if (!vb_check_args("test_dfuse", argc, argv))
        return 2;
    char err[VB_ERROR_MAX], path[1024];
    snprintf(path, sizeof path, "%s/stm32f4-ref.json", argv[1]);
    static vb_profile p;
    if (!vb_profile_load(path, "stm32f4-ref", &p, err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    snprintf(path, sizeof path, "%s/dfuse-flash.bin", argv[2]);
    unlink(path);
    bool created = false;
    if (!vb_flash_open(path, &p, &created, err) || !vb_rom_init(&p, no_send, NULL, err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    vb_dfuse_reset();
    uint8_t buf[VB_DFUSE_TRANSFER_SIZE], back[VB_DFUSE_TRANSFER_SIZE];
    char why[VB_ROM_WHY_MAX];
    uint32_t poll = 0;

    /* UPLOAD block 0: the command list; then ABORT back to dfuIDLE. */
    CHECK(in_req(VB_DFU_UPLOAD, 0, 16) == VB_DFUSE_ANSWER && g_out_len == 4 && memcmp(g_out, "\x00\x21\x41\x92", 4) == 0);
    CHECK(getstatus(NULL, NULL) == VB_DFU_STATE_UPLOAD_IDLE);
    to_idle();

    /* Erase sector 1, then write 3000 bytes at 0x08004000 as blocks 2 and 3 (dfu-util's order). */
    CHECK(command(0x41, 1, 0x08004000, &poll) == VB_DFU_OK && poll == VB_DFUSE_POLL_ERASE_MS);
    CHECK(command(0x21, 1, 0x08004000, &poll) == VB_DFU_OK && poll == VB_DFUSE_POLL_OTHER_MS);
    for (unsigned i = 0; i < sizeof buf; ++i) buf[i] = (uint8_t)(i * 13 + 7);
    CHECK(dnload(2, buf, sizeof buf, &poll, NULL) == VB_DFU_OK && poll == VB_DFUSE_POLL_PROGRAM_MS);
    CHECK(dnload(3, buf, 952, NULL, NULL) == VB_DFU_OK);
    CHECK(vb_rom_mem_read(0x08004000, back, sizeof back, why) == VB_ROM_MEM_OK && memcmp(back, buf, sizeof buf) == 0);
    CHECK(vb_rom_mem_read(0x08004800, back, 952, why) == VB_ROM_MEM_OK && memcmp(back, buf, 952) == 0);
    CHECK(vb_rom_mem_read(0x08004800 + 952, back, 1, why) == VB_ROM_MEM_OK && back[0] == 0xFF);

    /* UPLOAD blocks 2 and 3 from the same pointer: the formula pointer + (n - 2) * 2048. */
    to_idle();
    CHECK(in_req(VB_DFU_UPLOAD, 3, 952) == VB_DFUSE_ANSWER && g_out_len == 952 && memcmp(g_out, buf, 952) == 0);
    CHECK(in_req(VB_DFU_UPLOAD, 2, 2048) == VB_DFUSE_ANSWER && memcmp(g_out, buf, 2048) == 0);
    CHECK(in_req(VB_DFU_UPLOAD, 1, 2048) == VB_DFUSE_STALL); /* block 1 stalls */
    CHECK(getstatus(NULL, NULL) == VB_DFU_STATE_ERROR);
    clear();

    /* Programming over bytes that are not erased: errWRITE, flash unchanged. */
    CHECK(command(0x21, 1, 0x08004000, NULL) == VB_DFU_OK);
    uint8_t other[16];
    memset(other, 0x5A, sizeof other);
    CHECK(dnload(2, other, sizeof other, NULL, NULL) == VB_DFU_ERR_WRITE);
    CHECK(vb_rom_mem_read(0x08004000, back, 16, why) == VB_ROM_MEM_OK && memcmp(back, buf, 16) == 0);
    clear();

    /* An address outside the map: errTARGET; the pointer stays. */
    CHECK(command(0x21, 1, 0x30000000, NULL) == VB_DFU_ERR_TARGET);
    clear();
    CHECK(command(0x41, 1, 0x20004000, NULL) == VB_DFU_ERR_TARGET); /* erase in SRAM */
    clear();

    /* Unknown command and over-long blocks stall at once. */
    const uint8_t bogus[2] = {0x55, 0x00};
    CHECK(out_req(VB_DFU_DNLOAD, 0, bogus, 2) == VB_DFUSE_STALL);
    clear();
    CHECK(in_req(VB_DFU_DETACH, 0, 0) == VB_DFUSE_STALL);
    clear();

    /* Readout protection (RDP level 1 through the option bytes): erase and write get errVENDOR,
     * UPLOAD stalls, Set Address still works; Read Unprotect mass-erases and resets. */
    const uint8_t rdp[2] = {0xEC, 0x55};
    CHECK(vb_rom_mem_write(VB_ROM_OPTION_BASE, rdp, 2, why) == VB_ROM_MEM_RESET && vb_rom_readout_protected());
    CHECK(command(0x21, 1, 0x08004000, NULL) == VB_DFU_OK);
    CHECK(command(0x41, 1, 0x08004000, NULL) == VB_DFU_ERR_VENDOR);
    clear();
    CHECK(in_req(VB_DFU_UPLOAD, 2, 16) == VB_DFUSE_STALL);
    clear();
    CHECK(vb_rom_mem_read(0x08004000, back, 16, why) == VB_ROM_MEM_OK && memcmp(back, buf, 16) == 0);
    vb_dfuse_action action = VB_DFUSE_STAY;
    const uint8_t unprotect = 0x92;
    CHECK(out_req(VB_DFU_DNLOAD, 0, &unprotect, 1) == VB_DFUSE_ANSWER);
    CHECK(getstatus(&poll, NULL) == VB_DFU_STATE_DNBUSY && poll == VB_DFUSE_POLL_MASS_ERASE_MS && poll != 100);
    action = vb_dfuse_after_status(NULL);
    CHECK(action == VB_DFUSE_RESET && !vb_rom_readout_protected());
    CHECK(vb_rom_mem_read(0x08004000, back, 16, why) == VB_ROM_MEM_OK && back[0] == 0xFF && back[15] == 0xFF);

    /* Mass erase: poll timeout not 100 ms (dfu-util would wait 35 s). */
    vb_dfuse_reset();
    CHECK(command(0x41, 0, 0, &poll) == VB_DFU_OK && poll == VB_DFUSE_POLL_MASS_ERASE_MS);

    /* Leave: Set Address, zero-length DNLOAD, GETSTATUS says dfuMANIFEST, then Go there. */
    CHECK(command(0x21, 1, 0x08000000, NULL) == VB_DFU_OK);
    CHECK(out_req(VB_DFU_DNLOAD, 0, NULL, 0) == VB_DFUSE_ANSWER);
    CHECK(getstatus(NULL, NULL) == VB_DFU_STATE_MANIFEST);
    uint32_t go = 0;
    CHECK(vb_dfuse_after_status(&go) == VB_DFUSE_GO && go == 0x08000000u);
    CHECK(vb_dfuse_state() == VB_DFU_STATE_MANIFEST_WAIT_RESET);

    vb_flash_close();
    unlink(path);
    return vb_check_summary("test_dfuse");
}
