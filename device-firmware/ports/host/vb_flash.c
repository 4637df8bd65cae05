/* piton-vboard: flash file with NOR semantics. See vb_flash.h. */
#include "vb_error.h"
#include "vb_flash.h"
#include "vb_timing.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const vb_profile *g_profile;
static uint8_t *g_map;          /* the whole file, mapped shared */
static size_t g_map_size;
static int g_fd = -1;
static vb_flash_stats g_stats;
static vb_flash_fault_hook g_hook;
static void *g_hook_ctx;
/* Planned power cut. */
static vb_flash_power_loss_fn g_cut_fn;
static void *g_cut_ctx;
static uint64_t g_cut_left;  /* operations that still complete */
static bool g_cut_torn;
static uint64_t *g_cut_rng;

uint64_t vb_rand(uint64_t *state)
{
    uint64_t x = *state ? *state : 0x9E3779B97F4A7C15ull;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

void vb_flash_set_power_cut(uint64_t after_ops, bool torn, uint64_t *rng, vb_flash_power_loss_fn fn, void *ctx)
{
    g_cut_fn = fn;
    g_cut_ctx = ctx;
    g_cut_left = after_ops;
    g_cut_torn = torn;
    g_cut_rng = rng;
}

/* True when this program/erase is the one the power cut interrupts (the plan is then used up). */
static bool cut_now(void)
{
    if (!g_cut_fn)
        return false;
    if (g_cut_left > 0) {
        g_cut_left--;
        return false;
    }
    return true;
}

static void power_loss(void)
{
    vb_flash_power_loss_fn fn = g_cut_fn;
    g_cut_fn = NULL;
    fn(g_cut_ctx);
    abort(); /* fn must not return */
}

uint32_t vb_flash_flip_bits(uint32_t address, uint32_t size, uint32_t count, uint64_t *rng)
{
    const vb_flash_device *d = g_profile ? vb_profile_device_of(g_profile, address, size) : NULL;
    if (!d || !g_map)
        return 0;
    uint8_t *p = g_map + d->file_offset + (address - d->address);
    uint32_t used = size;
    while (used > 0 && p[used - 1] == 0xFF)
        used--;
    if (used == 0)
        return 0;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t r = vb_rand(rng);
        p[r % used] ^= (uint8_t)(1u << ((r >> 32) % 8));
    }
    return count;
}

bool vb_flash_open(const char *path, const vb_profile *p, bool *created, char *err)
{
    vb_flash_close();
    *created = false;
    if (p->total_size == 0 || p->total_size > (uint64_t)SIZE_MAX)
        return vb_fail(err, "board profile '%s' describes no usable flash", p->id);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) return vb_fail(err, "cannot create flash file %s: %s", path, strerror(errno));
        if (ftruncate(fd, (off_t)p->total_size) != 0) {
            int e = errno;
            close(fd);
            unlink(path);
            return vb_fail(err, "cannot size flash file %s to %" PRIu64 " bytes: %s", path, p->total_size,
                        strerror(e));
        }
        *created = true;
    } else if (fd < 0) {
        return vb_fail(err, "cannot open flash file %s: %s", path, strerror(errno));
    } else {
        struct stat st;
        if (fstat(fd, &st) != 0) {
            int e = errno;
            close(fd);
            return vb_fail(err, "cannot stat flash file %s: %s", path, strerror(e));
        }
        if (!S_ISREG(st.st_mode)) {
            close(fd);
            return vb_fail(err, "flash file %s is not a regular file", path);
        }
        if ((uint64_t)st.st_size != p->total_size) {
            close(fd);
            return vb_fail(err,
                        "flash file %s is %lld bytes but board '%s' has %" PRIu64
                        " bytes of flash: wrong board, or a damaged file (delete it for a factory-fresh board)",
                        path, (long long)st.st_size, p->id, p->total_size);
        }
    }
    void *map = mmap(NULL, (size_t)p->total_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        int e = errno;
        close(fd);
        if (*created) unlink(path);
        return vb_fail(err, "cannot map flash file %s: %s", path, strerror(e));
    }
    g_profile = p;
    g_fd = fd;
    g_map = map;
    g_map_size = (size_t)p->total_size;
    if (*created) memset(g_map, 0xFF, g_map_size); /* factory state: everything erased */
    memset(&g_stats, 0, sizeof g_stats);
    g_stats.sector_erases = calloc(p->total_sectors ? p->total_sectors : 1, sizeof(uint32_t));
    if (!g_stats.sector_erases) {
        vb_flash_close();
        return vb_fail(err, "out of memory for erase counters");
    }
    return true;
}

void vb_flash_close(void)
{
    if (g_map) {
        msync(g_map, g_map_size, MS_SYNC);
        munmap(g_map, g_map_size);
    }
    if (g_fd >= 0) close(g_fd);
    free(g_stats.sector_erases);
    memset(&g_stats, 0, sizeof g_stats);
    g_map = NULL;
    g_map_size = 0;
    g_fd = -1;
    g_profile = NULL;
}

bool vb_flash_is_open(void) { return g_map != NULL; }

void vb_flash_set_fault_hook(vb_flash_fault_hook hook, void *ctx)
{
    g_hook = hook;
    g_hook_ctx = ctx;
}

pt_hal_result vb_flash_gate(vb_flash_op op, uint32_t address, uint32_t len)
{
    if (g_hook) {
        pt_hal_result r = g_hook(op, address, len, g_hook_ctx);
        if (r != PT_HAL_OK) return r;
    }
    switch (op) {
    case VB_FLASH_OP_READ:
        g_stats.read_ops++;
        g_stats.read_bytes += len;
        break;
    case VB_FLASH_OP_PROGRAM:
        break; /* counted once the NOR check has passed */
    case VB_FLASH_OP_ERASE:
        g_stats.erase_ops++;
        break;
    }
    return PT_HAL_OK;
}

/* Pointer into the mapping for [address, address+len) inside one device, or NULL. */
static uint8_t *locate(uint32_t address, uint32_t len)
{
    if (!g_map) return NULL;
    const vb_flash_device *d = vb_profile_device_of(g_profile, address, len);
    if (!d) return NULL;
    return g_map + d->file_offset + (address - d->address);
}

pt_hal_result vb_flash_read(uint32_t address, void *buf, uint32_t len)
{
    uint8_t *src = locate(address, len);
    if (!src) return PT_HAL_E_RANGE;
    pt_hal_result r = vb_flash_gate(VB_FLASH_OP_READ, address, len);
    if (r != PT_HAL_OK) return r;
    memcpy(buf, src, len);
    return PT_HAL_OK;
}

pt_hal_result vb_flash_program(uint32_t address, const void *buf, uint32_t len)
{
    uint8_t *dst = locate(address, len);
    if (!dst) return PT_HAL_E_RANGE;
    if (len == 0) return PT_HAL_OK;
    const uint8_t *src = buf;
    for (uint32_t i = 0; i < len; ++i) {
        if ((dst[i] & src[i]) != src[i]) {
            fprintf(stderr,
                    "piton-vboard: NOR violation: program of 0x%08X+0x%X refused: byte at 0x%08X is 0x%02X, "
                    "cannot become 0x%02X without an erase (nothing written)\n",
                    (unsigned)address, (unsigned)len, (unsigned)(address + i), dst[i], src[i]);
            g_stats.program_refused++;
            return PT_HAL_E_NOT_ERASED;
        }
    }
    pt_hal_result r = vb_flash_gate(VB_FLASH_OP_PROGRAM, address, len);
    if (r != PT_HAL_OK) return r;
    if (cut_now()) {
        if (g_cut_torn) {
            uint32_t done = (uint32_t)(vb_rand(g_cut_rng) % len);
            for (uint32_t i = 0; i < done; ++i) dst[i] &= src[i];
            dst[done] &= (uint8_t)(src[done] | (uint8_t)vb_rand(g_cut_rng)); /* some bits of the next byte */
        }
        power_loss();
    }
    g_stats.write_ops++;
    for (uint32_t i = 0; i < len; ++i) dst[i] &= src[i];
    g_stats.program_ops++;
    g_stats.program_bytes += len;
    vb_timing_flash_done(false, address, len); /* --flash-timing: the board is busy meanwhile */
    return PT_HAL_OK;
}

pt_hal_result vb_flash_sector_of(uint32_t address, uint32_t *start, uint32_t *size)
{
    if (!g_profile) return PT_HAL_E_RANGE;
    return vb_profile_sector_of(g_profile, address, start, size, NULL) ? PT_HAL_OK : PT_HAL_E_RANGE;
}

pt_hal_result vb_flash_erase_sector(uint32_t address)
{
    uint32_t start, size, index;
    if (!g_profile || !vb_profile_sector_of(g_profile, address, &start, &size, &index)) return PT_HAL_E_RANGE;
    if (start != address) return PT_HAL_E_ALIGNMENT;
    uint8_t *dst = locate(start, size);
    if (!dst) return PT_HAL_E_RANGE;
    pt_hal_result r = vb_flash_gate(VB_FLASH_OP_ERASE, start, size);
    if (r != PT_HAL_OK) return r;
    if (cut_now()) {
        if (g_cut_torn) {
            uint32_t done = (uint32_t)(vb_rand(g_cut_rng) % size);
            memset(dst, 0xFF, done);
            for (uint32_t i = done; i < size; i += 8) {
                uint64_t x = vb_rand(g_cut_rng);
                for (uint32_t k = 0; k < 8 && i + k < size; ++k) dst[i + k] = (uint8_t)(x >> (8 * k));
            }
            g_stats.sector_erases[index]++;
        }
        power_loss();
    }
    g_stats.write_ops++;
    memset(dst, 0xFF, size);
    g_stats.sector_erases[index]++;
    vb_timing_flash_done(true, start, size); /* --flash-timing */
    return PT_HAL_OK;
}

const vb_flash_stats *vb_flash_stats_get(void) { return &g_stats; }

uint8_t *vb_flash_map(size_t *size)
{
    *size = g_map_size;
    return g_map;
}

void vb_flash_reset_counters(void)
{
    uint32_t *keep = g_stats.sector_erases;
    memset(&g_stats, 0, sizeof g_stats);
    g_stats.sector_erases = keep;
    if (keep && g_profile) memset(keep, 0, (size_t)g_profile->total_sectors * sizeof *keep);
}

uint64_t vb_flash_region_erases(const pt_region *r)
{
    uint64_t n = 0;
    if (!g_profile || !g_stats.sector_erases || !r) return 0;
    for (uint32_t a = r->address; a < r->address + r->size;) {
        uint32_t start, size, index;
        if (!vb_profile_sector_of(g_profile, a, &start, &size, &index)) break;
        n += g_stats.sector_erases[index];
        a = start + size;
    }
    return n;
}

void vb_flash_print_stats(FILE *out)
{
    FILE *f = out;
    fprintf(f,
            "piton-vboard: flash: %" PRIu64 " reads (%" PRIu64 " bytes), %" PRIu64 " programs (%" PRIu64
            " bytes), %" PRIu64 " refused programs, %" PRIu64 " sector erases\n"
            "piton-vboard: flash operations: %" PRIu64 "\n",
            g_stats.read_ops, g_stats.read_bytes, g_stats.program_ops, g_stats.program_bytes,
            g_stats.program_refused, g_stats.erase_ops, g_stats.write_ops);
    if (!g_profile || !g_stats.sector_erases) return;
    for (unsigned di = 0; di < g_profile->device_count; ++di) {
        const vb_flash_device *d = &g_profile->devices[di];
        uint64_t a = d->address;
        uint32_t idx = d->first_sector;
        for (unsigned r = 0; r < d->run_count; ++r) {
            for (uint32_t k = 0; k < d->runs[r].count; ++k, ++idx, a += d->runs[r].size)
                if (g_stats.sector_erases[idx])
                    fprintf(f, "piton-vboard:   sector %u (0x%08X, %u bytes, %s): erased %u times\n",
                            (unsigned)idx, (unsigned)a, (unsigned)d->runs[r].size, d->name,
                            (unsigned)g_stats.sector_erases[idx]);
        }
    }
}
