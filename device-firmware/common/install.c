/* The bootloader's install pipeline (package.h pt_payload_install, docs/boot-flow.md):
 * stored bytes in staging -> decrypt -> LZ4 block decode -> program the target region, then the
 * image SHA-256. No heap: one static input and one static output block. */
#include <string.h>

#include "lz4.h" /* LZ4_decompress_safe: upstream LZ4's block decoder (lib/lz4.c) */
#include "package.h"
#ifdef PT_WITH_CRYPT
#include "piton/crypt.h"
#endif
#include "pt_bytes.h"
#include "pt_error.h"
#include "regions.h"

static uint8_t s_in[PT_LZ4_BLOCK_MAX];  /* stored bytes of one block (or a plain chunk) */
static uint8_t s_out[PT_LZ4_BLOCK_MAX]; /* one decoded block */
static uint8_t s_key[32];                /* payload key of an AES-CTR payload (pt_install_set_key) */
static bool s_have_key;

void pt_install_set_key(const uint8_t key[32])
{
    memset(s_key, 0, sizeof s_key);
    s_have_key = key != NULL;
    if (key)
        memcpy(s_key, key, sizeof s_key);
}

/* Stage 1 + 2: `n` stored bytes of payload `p` from offset `off` of its stored bytes, read
 * from staging and decrypted: AES-256-CTR (PT_ENCODING_AES_CTR) with the payload key and the
 * descriptor's counter block decrypts at any offset (counter block + off / 16), so a resumed
 * install decrypts from where it starts again. */
static enum pt_status read_stored(const pt_region *stg, uint32_t pkg_offset, const pt_payload_info *p,
                                  uint32_t off, uint8_t *buf, uint32_t n)
{
    if (off > p->size || n > p->size - off)
        return pt_fail(PT_E_BAD_PACKAGE, "LZ4 frame runs past the payload's %lu stored bytes", (unsigned long)p->size);
    enum pt_status s = pt_region_read(stg, pkg_offset + p->file_offset + off, buf, n);
    if (s != PT_OK || !(p->encoding & PT_ENCODING_AES_CTR))
        return s;
#ifdef PT_WITH_CRYPT
    if (!s_have_key)
        return pt_fail(PT_E_VERIFY_KEY, "no payload key for the encrypted %s payload", p->region);
    if (pt_crypt_aes256_ctr(s_key, p->ctr, off, buf, buf, n) != PT_HAL_OK)
        return pt_fail(PT_E_INTERNAL, "AES-CTR failed");
    return PT_OK;
#else
    return pt_fail(PT_E_VERIFY_KEY, "this bootloader cannot decrypt the %s payload", p->region);
#endif
}

/* The resume bookkeeping of one pt_payload_install call: the checkpoint callback and the image
 * offset of the last point given to it. */
static pt_install_checkpoint_fn s_checkpoint;
static uint32_t s_last_point;

/* Whether image offset `image` of payload `p` starts a sector of its target `t`. */
static bool sector_start(const pt_region *t, const pt_payload_info *p, uint32_t image)
{
    uint32_t start, size;
    return pt_region_sector_at(t, p->load_offset + image, &start, &size) && start == p->load_offset + image;
}

/* After a block: offers {stored, image} to the checkpoint when it is a sector start inside the
 * image, PT_INSTALL_CHECKPOINT_MIN bytes after the previous point. */
static void offer_point(const pt_region *t, const pt_payload_info *p, uint32_t stored, uint32_t image)
{
    if (!s_checkpoint || image >= p->image_size || image - s_last_point < PT_INSTALL_CHECKPOINT_MIN ||
        !sector_start(t, p, image))
        return;
    const pt_install_point at = {stored, image};
    (void)s_checkpoint(&at);
    s_last_point = image;
}

/* Stage 4: program `n` image bytes at image offset *done; refuses an image longer than the
 * descriptor says. */
static enum pt_status program_image(const pt_region *t, const pt_payload_info *p, uint32_t *done,
                                    const uint8_t *buf, uint32_t n)
{
    if (n > p->image_size - *done)
        return pt_fail(PT_E_BAD_PACKAGE, "decoded image exceeds its %lu bytes", (unsigned long)p->image_size);
    enum pt_status s = pt_region_program(t, p->load_offset + *done, buf, n);
    if (s == PT_OK)
        *done += n;
    return s;
}

/* Stage 3: the LZ4 frame (lz4_Frame_format.md, version 1.6.x, "General Structure of LZ4 Frame
 * format"): magic 0x184D2204; FLG (version 01, block independence 1, no block checksum, no
 * dictionary; content size and content checksum allowed and skipped: the image SHA-256 is the
 * check); BD; [content size, 8 bytes]; HC (header checksum: not checked, the stored bytes'
 * SHA-256 is); data blocks (u32 size, bit 31 = stored uncompressed) up to the EndMark 0;
 * [content checksum, 4 bytes]. Then exactly the payload's stored size. */
static enum pt_status decode_lz4(const pt_region *stg, uint32_t pkg_offset, const pt_payload_info *p,
                                 const pt_region *t, uint32_t resume_pos, uint32_t *done)
{
    uint8_t h[15];
    enum pt_status s = read_stored(stg, pkg_offset, p, 0, h, 7);
    if (s != PT_OK)
        return s;
    const uint8_t flg = h[4];
    if (pt_get32(h) != 0x184D2204u || (flg >> 6) != 1u || !(flg & 0x20u) || (flg & 0x13u) != 0)
        return pt_fail(PT_E_BAD_PACKAGE, "LZ4 frame header is not version 1 with independent blocks (FLG 0x%02x)", flg);
    uint32_t pos = 4u + 2u + ((flg & 0x08u) ? 8u : 0u) + 1u; /* magic, FLG BD, content size, HC */
    if (resume_pos > pos)
        pos = resume_pos; /* a recorded block boundary (pt_install_point) */
    for (;;) {
        uint8_t w[4];
        s = read_stored(stg, pkg_offset, p, pos, w, 4);
        if (s != PT_OK)
            return s;
        pos += 4;
        const uint32_t word = pt_get32(w), n = word & 0x7FFFFFFFu;
        if (word == 0)
            break; /* EndMark */
        if (n > PT_LZ4_BLOCK_MAX)
            return pt_fail(PT_E_BAD_PACKAGE, "LZ4 block of %lu bytes exceeds the device's %u", (unsigned long)n,
                           PT_LZ4_BLOCK_MAX);
        s = read_stored(stg, pkg_offset, p, pos, s_in, n);
        if (s != PT_OK)
            return s;
        pos += n;
        if (word & 0x80000000u) {
            s = program_image(t, p, done, s_in, n); /* stored uncompressed */
        } else {
            const int got = LZ4_decompress_safe((const char *)s_in, (char *)s_out, (int)n, (int)sizeof s_out);
            if (got <= 0)
                return pt_fail(PT_E_BAD_PACKAGE, "LZ4 block at stored offset %lu does not decode", (unsigned long)(pos - n));
            s = program_image(t, p, done, s_out, (uint32_t)got);
        }
        if (s != PT_OK)
            return s;
        offer_point(t, p, pos, *done);
    }
    if (flg & 0x04u)
        pos += 4; /* content checksum (xxHash32): the image SHA-256 below is the check */
    if (pos != p->size)
        return pt_fail(PT_E_BAD_PACKAGE, "LZ4 frame ends at %lu of %lu stored bytes", (unsigned long)pos,
                       (unsigned long)p->size);
    return PT_OK;
}

enum pt_status pt_payload_install(const pt_region *stg, uint32_t pkg_offset, const pt_payload_info *p,
                                  const pt_install_point *from, pt_install_checkpoint_fn checkpoint)
{
    const pt_region *t = pt_region_by_name(p->region);
    if (!t)
        return pt_fail(PT_E_INTERNAL, "no region %s", p->region);
    /* A resume point other than a sector start inside the image (or, plain, other than the same
     * offset stored and in the image) is not one this install recorded: start over. */
    pt_install_point at = {0, 0};
    if (from && from->image > 0 && from->image < p->image_size && from->stored < p->size &&
        sector_start(t, p, from->image) && ((p->encoding & PT_ENCODING_LZ4) || from->stored == from->image))
        at = *from;
    s_checkpoint = checkpoint;
    s_last_point = at.image;
    /* Only the sectors from the resume point on: those before it hold programmed image. */
    enum pt_status s = pt_region_erase_covering(t, p->load_offset + at.image, p->image_size - at.image);
    if (s != PT_OK)
        return s;
    uint32_t done = at.image;
    if (p->encoding & PT_ENCODING_LZ4) {
        s = decode_lz4(stg, pkg_offset, p, t, at.stored, &done);
    } else {
        while (s == PT_OK && done < p->size) {
            const uint32_t n = p->size - done < sizeof s_in ? p->size - done : (uint32_t)sizeof s_in;
            s = read_stored(stg, pkg_offset, p, done, s_in, n);
            if (s == PT_OK)
                s = program_image(t, p, &done, s_in, n);
            if (s == PT_OK)
                offer_point(t, p, done, done);
        }
    }
    s_checkpoint = NULL;
    if (s != PT_OK)
        return s;
    if (done != p->image_size)
        return pt_fail(PT_E_BAD_PACKAGE, "decoded image has %lu bytes, its descriptor says %lu", (unsigned long)done,
                       (unsigned long)p->image_size);
    uint8_t got[32];
    s = pt_region_sha256(t, p->load_offset, p->image_size, got);
    if (s != PT_OK)
        return s;
    if (memcmp(got, p->image_sha256, 32) != 0)
        return pt_fail(PT_E_VERIFY_HASH, "SHA-256 of the installed %s image differs from the manifest's image hash",
                       p->region);
    return PT_OK;
}
